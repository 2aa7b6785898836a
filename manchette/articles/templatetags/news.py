"""Template helpers for news pages: French-style dates and structured data."""

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.safestring import SafeString
from django.utils.translation import pgettext

from ..structured_data import json_ld_script

register = template.Library()


@register.filter
def long_datetime(value: datetime | None) -> str:
    """ "13 septembre 2023 à 23h13", as an article's dates read."""
    if not value:
        return ""
    return format_date(timezone.localtime(value), pgettext("long date and time", r"j F Y \à G\hi"))


@register.filter
def short_datetime(value: datetime | None) -> str:
    """ "13/09/2023 à 23:13", where space is short."""
    if not value:
        return ""
    return format_date(timezone.localtime(value), pgettext("short date and time", r"d/m/Y \à H:i"))


@register.filter
def iso_datetime(value: datetime | None) -> str:
    return timezone.localtime(value).isoformat() if value else ""


@register.simple_tag
def json_ld(data: dict) -> SafeString:
    return json_ld_script(data)
