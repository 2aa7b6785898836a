"""The wire in the newsroom admin: feeds (with their health), the queue, and a banner in the
editor of an article taken from a story that has moved on."""

from django.http import HttpRequest
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page

from manchette.newsroom.tables import yes_no

from . import alerts, views
from .forms import FeedForm
from .models import Feed, Take


class FeedViewSet(ModelViewSet):
    model = Feed
    pk_path_converter = "id"  # ids range-checked: manchette/website/converters.py
    icon = "rss"
    menu_label = gettext_lazy("Fils d'agence")
    add_to_settings_menu = True
    list_display = [
        "name",
        "agency",
        "format",
        "transport",
        yes_no(Feed, "active"),
        "last_success_at",
        "last_error_at",
        "items_count",
        "errors_count",
    ]
    list_filter = ["active", "transport", "format"]
    copy_view_enabled = False
    inspect_view_enabled = True
    edit_handler = ObjectList(Feed.panels, base_form_class=FeedForm)
    # Not the address: an FTP one carries the feed's password.
    inspect_view_fields = [
        "name",
        "agency",
        "format",
        "transport",
        "every_seconds",
        "active",
        "on_kill",
        "cursor",
        "last_polled_at",
        "last_success_at",
        "last_error",
        "last_error_at",
        "items_count",
        "errors_count",
    ]


@hooks.register("register_admin_viewset")
def register_feeds() -> FeedViewSet:
    return FeedViewSet("wire_feeds")


@hooks.register("register_admin_urls")
def wire_urls() -> list[URLPattern]:
    return [
        path("wire/", views.QueueView.as_view(), name="wire_queue"),
        path("wire/stories/<id:pk>/", views.StoryView.as_view(), name="wire_story"),
        path("wire/stories/<id:pk>/take/", views.take, name="wire_take"),
        path("wire/stories/<id:pk>/direct/", views.add_to_live, name="wire_add_to_live"),
        path("wire/takes/<id:take_id>/decide/", views.decide, name="wire_decide"),
    ]


@hooks.register("register_admin_menu_item")
def wire_menu_item() -> MenuItem:
    return MenuItem(
        gettext_lazy("Fil d'agences"), reverse("wire_queue"), name="wire", icon_name="doc-full", order=150
    )


@hooks.register("construct_main_menu")
def announce_alerts(request: HttpRequest, menu_items: list[MenuItem]) -> None:
    """The desk sees FLASH and ALERTE items of the last hour on every admin page, in the menu."""
    count = alerts.recent_alerts()
    for position, item in enumerate(menu_items):
        if count and item.name == "wire":
            # Short enough for the sidebar, which cuts longer labels before the count.
            label = ngettext("Fil (%(count)s alerte)", "Fil (%(count)s alertes)", count)
            # A new item: the registered one is shared by every request.
            menu_items[position] = MenuItem(
                label % {"count": count}, item.url, name=item.name, icon_name=item.icon_name, order=item.order
            )


@hooks.register("before_edit_page")
def show_wire_changes(request: HttpRequest, page: Page) -> None:
    if request.method != "GET":
        return
    for take in Take.objects.filter(article_id=page.pk).select_related("story"):
        buttons = [messages.button(reverse("wire_story", args=[take.story_id]), _("Voir la dépêche"))]
        if take.on_hold:
            messages.error(
                request, _("Article bloqué par le fil : la dépêche a été annulée ou retenue."), buttons
            )
        elif corrected := alerts.corrected_since(take):
            if page.live:
                add = reverse("corrections:add") + f"?article={page.pk}"
                buttons.append(messages.button(add, _("Ajouter un rectificatif")))
            messages.warning(
                request,
                _(
                    "L'agence a corrigé la dépêche (version %(version)s) : vérifiez l'article et, "
                    "si besoin, ajoutez-lui un rectificatif."
                )
                % {"version": corrected},
                buttons,
            )
        elif take.story.version != take.version_taken:
            messages.warning(
                request,
                _("Nouvelle version de la dépêche (%(old)s → %(new)s) : voyez ce qui a changé.")
                % {"old": take.version_taken, "new": take.story.version},
                buttons,
            )
