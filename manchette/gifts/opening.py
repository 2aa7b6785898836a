"""A friend opens a gift link: is the article theirs to read, and is this a new opening?

Openings are counted per browser without knowing who opens: the first opening in a browser
sets a cookie whose value is the same for everyone who opens that link (the link's digest,
signed), scoped to the article's path and living until the link expires. A browser that
brings it back is not counted again; one that does not (another device, a private window)
is. Nothing else is kept: no address, no identifier, no time of opening.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core import signing
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse

from manchette.articles.models import ArticlePage

from . import links
from .models import Gift, GiftSettings, GiftTally

COOKIE = "manchette_cadeau"
# No timestamp in the value (the cookie's own expiry bounds it): the same bytes for everyone.
_SIGNER = signing.Signer(salt="manchette.gifts.opened")


@dataclass(frozen=True)
class Opening:
    gift: Gift | None  # the link that opens the article, or None: the paywall, with a line

    @property
    def granted(self) -> bool:
        return self.gift is not None


def open_gift(request: HttpRequest, token: str, article: ArticlePage, now: datetime) -> Opening:
    gift = links.find(token)
    if gift is None or gift.article_id != article.pk or not links.giftable(article):
        return Opening(None)
    if gift.withdrawn_at is not None or now >= gift.expires_at:
        return Opening(None)
    if _opened_here(request, gift) or request.method == "HEAD":
        return Opening(gift)  # a HEAD has no text to read: a link checker spends no opening
    with transaction.atomic():
        cap = GiftSettings.load().openings
        counted = Gift.objects.filter(pk=gift.pk, openings__lt=cap).update(openings=F("openings") + 1)
        if not counted:
            return Opening(None)
        GiftTally.objects.filter(article_id=article.pk).update(openings=F("openings") + 1)
    return Opening(gift)


def _marker(gift: Gift) -> str:
    return gift.digest[:32]


def _opened_here(request: HttpRequest, gift: Gift) -> bool:
    try:
        return _SIGNER.unsign(request.COOKIES.get(COOKIE, "")) == _marker(gift)
    except signing.BadSignature:
        return False


def remember_opened(request: HttpRequest, response: HttpResponse, opening: Opening, now: datetime) -> None:
    gift = opening.gift
    if gift is None or _opened_here(request, gift):
        return
    response.set_cookie(
        COOKIE,
        _SIGNER.sign(_marker(gift)),
        max_age=max(int((gift.expires_at - now).total_seconds()), 0),
        path=request.path,  # the article's own page: the cookie goes nowhere else
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )
