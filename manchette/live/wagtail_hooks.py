from collections.abc import Iterator

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.models import Page

from . import admin_views, entries
from .models import LivePage


@hooks.register("register_admin_urls")
def live_admin_urls() -> list:
    return [
        path("direct/<id:page_id>/", admin_views.desk, name="live_desk"),
        path("direct/entree/<id:entry_id>/corriger/", admin_views.correct, name="live_correct"),
        path("direct/entree/<id:entry_id>/<slug:action>/", admin_views.act, name="live_act"),
    ]


@hooks.register("register_page_header_buttons")
def live_desk_button(
    page: Page, user: AbstractBaseUser | AnonymousUser, view_name: str, next_url: str | None = None
) -> Iterator[Button]:
    """A live's editing page leads to its desk, where entries are posted."""
    if page.specific_class is None or not issubclass(page.specific_class, LivePage):
        return
    if entries.may_post(user, page.specific_deferred):
        yield Button(
            _("Publier une entrée"), reverse("live_desk", args=[page.pk]), icon_name="edit", priority=60
        )
