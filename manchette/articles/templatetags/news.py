"""Template helpers for news pages: French-style dates and structured data."""

import re
from datetime import datetime
from typing import Any

from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import pgettext

from ..structured_data import json_ld_script

register = template.Library()


@register.filter
def long_datetime(value: datetime | None) -> str:
    """ "13 septembre 2023 à 23h13" or "1er décembre 2026 à 8h05", as an article's dates read."""
    if not value:
        return ""
    local = timezone.localtime(value)
    if local.day == 1:
        # French writes the first of the month as an ordinal: "1er décembre".
        return format_date(local, pgettext("long date and time, first of the month", r"j\e\r F Y \à G\hi"))
    return format_date(local, pgettext("long date and time", r"j F Y \à G\hi"))


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
def json_ld(data: dict[str, Any]) -> SafeString:
    return json_ld_script(data)


# French typography puts a space before « » : ; ? ! and %; a non-breaking one, so that a
# line never starts with the sign. Narrow (U+202F) where French uses a thin space.
_FRENCH_SPACES = {
    "« ": "«\u202f", " »": "\u202f»", " :": "\u00a0:", " ;": "\u202f;",
    " ?": "\u202f?", " !": "\u202f!", " %": "\u202f%",
}
_FRENCH_SPACE_PATTERN = re.compile("|".join(re.escape(key) for key in _FRENCH_SPACES))


@register.filter
def french_spacing(value: object) -> str:
    """Binds French punctuation to its word: "« Il y a »" never breaks after « or before »."""
    if hasattr(value, "__html__"):  # rendered rich text: already-safe markup stays safe
        return mark_safe(_bind_punctuation(value.__html__()))  # noqa: S308
    return _bind_punctuation(str(value))


def _bind_punctuation(text: str) -> str:
    return _FRENCH_SPACE_PATTERN.sub(lambda match: _FRENCH_SPACES[match.group(0)], text)
