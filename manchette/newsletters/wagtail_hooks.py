from django.urls import URLPattern, path
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from . import admin_views
from .models import Signup
from .viewsets import NewslettersGroup, ReadOnlyPolicy

register_permission_policy(Signup, ReadOnlyPolicy(Signup))


@hooks.register("register_admin_viewset")
def register_newsletters() -> NewslettersGroup:
    return NewslettersGroup()


@hooks.register("register_admin_urls")
def edition_click_urls() -> list[URLPattern]:
    return [path("newsletters/edition/<id:edition_id>/clics/", admin_views.edition_clicks_csv,
                 name="newsletters_edition_clicks")]
