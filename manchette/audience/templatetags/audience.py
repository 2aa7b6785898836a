from django import template
from django.http import HttpRequest
from wagtail.models import Page

from manchette.audience import services

register = template.Library()


@register.inclusion_tag("audience/beacon.html", takes_context=True)
def audience_beacon(context: template.Context) -> dict:
    """The beacon for the page being shown: a Wagtail page, or a tag's page. None in previews."""
    request: HttpRequest | None = context.get("request")
    if request is None or getattr(request, "is_preview", False):
        return {}
    page = context.get("page")
    if isinstance(page, Page):
        return {"kind": page.specific_class._meta.model_name, "object_id": page.pk,
                "paywall": bool(context.get("paywalled"))}
    tag = context.get("tag")
    if tag is not None and getattr(tag, "pk", None):
        return {"kind": services.TAG, "object_id": tag.pk}
    return {}


@register.inclusion_tag("audience/most_read.html")
def most_read() -> dict:
    return {"most_read": services.most_read()}
