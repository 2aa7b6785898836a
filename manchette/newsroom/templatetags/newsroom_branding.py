"""The newsroom's screens carry the publication's name and Manchette's mark, not Wagtail's."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def publication_name() -> str:
    return settings.WAGTAIL_SITE_NAME
