"""The article page answers gift links itself (`<article URL>?cadeau=<token>`); the figures screen."""

from collections.abc import Sequence
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page

from manchette.articles.models import ArticlePage

from . import admin_views
from .reading import gift_requested, serve_gift


# After Wagtail's own hooks (its view restrictions among them), which run at order 0.
@hooks.register("before_serve_page", order=100)
def gifted_article(
    page: Page, request: HttpRequest, serve_args: Sequence[Any], serve_kwargs: dict[str, Any]
) -> HttpResponse | None:
    token = gift_requested(request)
    if token is None or not isinstance(page.specific, ArticlePage):
        return None
    return serve_gift(request, page.specific, token)


class FiguresMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return admin_views.may_see_figures(request.user)


@hooks.register("register_admin_urls")
def figures_urls() -> list[URLPattern]:
    return [path("articles-offerts/", admin_views.figures, name="gifts_figures")]


@hooks.register("register_admin_menu_item")
def figures_menu_item() -> MenuItem:
    return FiguresMenuItem(
        _("Articles offerts"), reverse("gifts_figures"), name="gifts", icon_name="pick", order=270
    )
