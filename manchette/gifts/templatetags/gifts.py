from django import template
from django.conf import settings

from .. import links, quota

register = template.Library()


@register.inclusion_tag("gifts/panel.html", takes_context=True)
def gift_panel(context: template.Context) -> dict:
    """ "Offrir l'article" on a premium article, for a subscriber: this month's link or the button."""
    request, page = context["request"], context["page"]
    user = request.user
    if not user.is_authenticated or not page.premium or not links.may_offer(user):
        return {"shown": False}
    gift = links.this_months(user, page)
    offered = links.describe(gift) if gift is not None and gift.withdrawn_at is None else None
    return {
        "shown": True,
        "page": page,
        "offered": offered,
        "withdrawn": gift is not None and gift.withdrawn_at is not None,
        "remaining": quota.remaining(user),
        "publication": settings.WAGTAIL_SITE_NAME,
    }


@register.simple_tag
def publication() -> str:
    return settings.WAGTAIL_SITE_NAME
