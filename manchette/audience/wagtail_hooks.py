from django.http import HttpRequest
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


class AudienceMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return admin_views.may_see_audience(request.user)


@hooks.register("register_admin_urls")
def audience_urls() -> list:
    return [path("audience/", admin_views.dashboard, name="audience_dashboard")]


@hooks.register("register_admin_menu_item")
def audience_menu_item() -> MenuItem:
    return AudienceMenuItem(
        _("Audience"), reverse("audience_dashboard"), name="audience", icon_name="view", order=260
    )
