from django import template

from manchette.newsletters import signups
from manchette.newsletters.models import Newsletter

register = template.Library()


@register.simple_tag
def section_newsletter(section_id: int) -> Newsletter | None:
    """The newsletter of an article's section (the signup block is cached with the article)."""
    return signups.newsletter_for_section(section_id)
