"""What the moderation queue shows of a comment beyond its text."""

from django import template
from django.utils.translation import pgettext

register = template.Library()


@register.filter
def held_reasons(value: str) -> str:
    """Why a comment was held, stored as "a; b", with the language's separator (French: " ; ")."""
    separator = pgettext("separator between the reasons a comment was held", " ; ")
    return separator.join(part.strip() for part in value.split(";") if part.strip())
