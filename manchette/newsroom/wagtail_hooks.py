"""The newsroom's admin: where editors start, what they see first, and in French.

Wagtail's defaults assume a single webmaster: the page menu starts at the tree's root,
the dashboard is empty for a journalist, "Publier" sits next to "Approuver" on a page
under review, and the help menu opens Wagtail's English guide.
"""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest, HttpResponse
from django.templatetags.static import static
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui import sidebar
from wagtail.admin.ui.sidebar import PageExplorerMenuItem
from wagtail.admin.wagtail_hooks import ExplorerMenuItem
from wagtail.models import Page, Site
from wagtail.permissions import policy_registry

from manchette.accounts.requests import AuthenticatedRequest

from . import services
from .dashboard import newsroom_panels
from .views import EditorGuideView


def newsroom_start_page(user: User | AnonymousUser) -> Page | None:
    """The default site's home page when the user may explore it, else Wagtail's own start."""
    start = policy_registry.get_by_type(Page).explorable_root_instance(user)
    site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
    if start is None or site is None:
        return start
    home = site.root_page
    return home if home.path.startswith(start.path) else start


class NewsroomExplorerMenuItem(ExplorerMenuItem):
    """"Pages" opens the sections of the site, not the tree root two levels above them."""

    def get_context(self, request: HttpRequest) -> dict[str, Any]:
        context = super().get_context(request)
        start = newsroom_start_page(request.user)
        if start is not None:
            context["start_page_id"] = start.id
        return context

    def render_component(self, request: HttpRequest) -> sidebar.MenuItem:
        start = newsroom_start_page(request.user)
        if start is None:
            return super().render_component(request)
        return PageExplorerMenuItem(
            self.name,
            self.label,
            reverse("wagtailadmin_explore", args=[start.id]),
            start.id,
            icon_name=self.icon_name,
            classname=self.classname,
        )


@hooks.register("construct_main_menu")
def start_pages_at_the_home_page(request: HttpRequest, menu_items: list[MenuItem]) -> None:
    for index, item in enumerate(menu_items):
        if item.name == "explorer":
            menu_items[index] = NewsroomExplorerMenuItem(
                item.label, item.url, name=item.name, icon_name=item.icon_name, order=item.order
            )


@hooks.register("register_admin_urls")
def newsroom_admin_urls() -> list[URLPattern]:
    return [path("guide-de-la-redaction/", EditorGuideView.as_view(), name="newsroom_editor_guide")]


@hooks.register("construct_help_menu")
def french_editor_guide(request: HttpRequest, menu_items: list[MenuItem]) -> None:
    # Wagtail's guide and release notes are English pages on wagtail.org.
    menu_items[:] = [
        item for item in menu_items
        if item.name != "editor-guide" and not item.name.startswith("whats-new-in-wagtail")
    ]
    menu_items.append(
        MenuItem(
            _("Guide de la rédaction"),
            reverse("newsroom_editor_guide"),
            name="newsroom-guide",
            icon_name="help",
            order=1100,
        )
    )


@hooks.register("construct_homepage_panels")
def newsroom_dashboard(request: AuthenticatedRequest, panels: list) -> None:  # the admin's home: signed in
    say_approved_pages_are_live(request)
    panels.extend(newsroom_panels(request.user))


@hooks.register("construct_page_action_menu")
def approve_instead_of_publish(
    menu_items: list[ActionMenuItem], request: HttpRequest, context: dict[str, Any]
) -> None:
    """On a page under review, the reviewer approves, which publishes: one button, not two."""
    approve = next((item for item in menu_items if item.name == "approve"), None)
    if approve is None:
        return
    menu_items[:] = [item for item in menu_items if item.name != "action-publish"]
    # The reviewer's main button is the approval, first in the menu.
    menu_items.remove(approve)
    menu_items.insert(0, approve)


def say_approved_pages_are_live(request: HttpRequest) -> None:
    """Wherever an approval lands the editor (edit form, dashboard), the page says it is live."""
    for title in services.approvals_gone_live(request.user):
        messages.success(request, _("« %(title)s » est approuvé et en ligne.") % {"title": title})


@hooks.register("after_edit_page")
def after_approving_from_the_edit_form(request: HttpRequest, page: Page) -> HttpResponse | None:
    say_approved_pages_are_live(request)
    return None


@hooks.register("before_edit_page")
def credit_the_publisher(request: HttpRequest, page: Page) -> HttpResponse | None:
    """The status panel names who put the live version online, not who wrote it.

    Wagtail names the live revision's author: after an approval, the journalist. The
    revision is changed in memory only, for this page view.
    """
    if request.method == "GET":
        say_approved_pages_are_live(request)
        revision = page.live_revision
        published = revision and services.publisher_of(revision)
        if published and published.user is not None:
            revision.user = published.user
            revision.created_at = published.timestamp
    return None


@hooks.register("insert_global_admin_css")
def newsroom_admin_css() -> str:
    return format_html('<link rel="stylesheet" href="{}">', static("newsroom/admin.css"))


@hooks.register("insert_global_admin_js")
def newsroom_admin_js() -> str:
    return format_html(
        '<script src="{}" data-schedule-hint="{}" data-schedule-placeholder="{}"></script>',
        static("newsroom/admin.js"),
        _("Dates au format AAAA-MM-JJ HH:MM, à l'heure de la rédaction (%(zone)s), quel que soit le "
          "fuseau de votre ordinateur.") % {"zone": settings.TIME_ZONE},
        _("AAAA-MM-JJ HH:MM"),
    )
