"""The article page reached through a gift link (`<article URL>?cadeau=<token>`).

The response is the article's own template, whole for the friend or with the usual paywall
and a line saying the gift no longer opens it. Either way it is personal: `private,
no-store` (neither Varnish nor the application's anonymous page cache keeps it, and the
public copy of the article is never this one), `noindex`, and no referrer leaves the page,
which would carry the token to whatever the reader clicks.
"""

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control

from manchette.articles.models import ArticlePage
from manchette.subscriptions import entitlements
from manchette.subscriptions.entitlements import Entitlements

from . import links, opening
from .limits import may_try_a_token
from .models import GiftSettings


def gift_requested(request: HttpRequest) -> str | None:
    if request.method not in ("GET", "HEAD"):
        return None
    return request.GET.get(links.PARAMETER)


def serve_gift(request: HttpRequest, article: ArticlePage, token: str) -> HttpResponse:
    now = timezone.now()
    settings = GiftSettings.load()
    if entitlements.is_subscriber(request.user):
        found = opening.Opening(None)  # reads it anyway: spends nothing of the giver's link
        context = article.get_context(request)
    else:
        found = (
            opening.open_gift(request, token, article, now)
            if settings.enabled and may_try_a_token(request)
            else opening.Opening(None)
        )
        # The friend's rights come from the link, not their own: no metered read is spent.
        rights = (
            Entitlements(read_in_full=True, listen=settings.audio_included, comment=False)
            if found.granted
            else None
        )
        context = article.get_context(request, rights=rights)
        context.update({"gift": found.gift, "gift_refused": not found.granted})
    context["gift_page"] = True
    response = TemplateResponse(request, article.get_template(request), context)
    response.render()
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    opening.remember_opened(request, response, found, now)
    return response
