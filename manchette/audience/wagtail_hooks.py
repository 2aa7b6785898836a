from collections.abc import Iterator
from typing import Any

from django.http import HttpRequest
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.models import Page

from manchette.articles.models import ArticlePage

from . import admin_views


class AudienceMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return admin_views.may_see_audience(request.user)


@hooks.register("register_admin_urls")
def audience_urls() -> list[URLPattern]:
    return [
        path("audience/", admin_views.dashboard, name="audience_dashboard"),
        path("audience/article/<id:page_id>/", admin_views.article, name="audience_article"),
    ]


@hooks.register("register_admin_menu_item")
def audience_menu_item() -> MenuItem:
    return AudienceMenuItem(
        gettext_lazy("Audience"), reverse("audience_dashboard"), name="audience", icon_name="view", order=260
    )


@hooks.register("register_page_header_buttons")
def audience_button(page: Page, user: Any, view_name: str, next_url: str | None = None) -> Iterator[Button]:
    """An article's editing page leads to its audience, for those who may see it."""
    if not issubclass(page.specific_class, ArticlePage) or not admin_views.may_see_audience(user):
        return
    yield Button(_("Audience"), reverse("audience_article", args=[page.pk]), icon_name="view", priority=95)
