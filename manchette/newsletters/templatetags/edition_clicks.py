"""The editions' link clicks for the Audience screen (audience/admin/edition_clicks.html)."""

from django import template

from .. import edition_links

register = template.Library()


@register.simple_tag
def recent_edition_clicks() -> list[edition_links.EditionClicks]:
    return edition_links.recent_clicks()
