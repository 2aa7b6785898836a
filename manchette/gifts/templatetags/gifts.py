from typing import Any

from django import template
from django.conf import settings

from .. import links
from ..models import GiftSettings

register = template.Library()


@register.inclusion_tag("gifts/panel.html", takes_context=True)
def gift_panel(context: template.Context) -> dict[str, Any]:
    """ "Offrir l'article" on a premium article, for a subscriber: this month's link or the button."""
    request, page = context["request"], context["page"]
    user = request.user
    if not user.is_authenticated or not page.premium:
        return {"shown": False}
    gift_settings = GiftSettings.load(request_or_site=request)  # kept on the request by Wagtail
    if not links.may_offer(user, gift_settings):
        return {"shown": False}
    month = links.offered_this_month(user)
    gift = next((gift for gift in month if gift.article_id == page.pk), None)
    if gift is not None:
        gift.article = page  # its link names the page already at hand
    offered = links.describe(gift, gift_settings=gift_settings) if gift and not gift.withdrawn_at else None
    return {
        "shown": True,
        "page": page,
        "offered": offered,
        "withdrawn": gift is not None and gift.withdrawn_at is not None,
        "remaining": max(gift_settings.monthly_quota - len(month), 0),
        "publication": settings.WAGTAIL_SITE_NAME,
    }


@register.simple_tag
def publication() -> str:
    return settings.WAGTAIL_SITE_NAME
