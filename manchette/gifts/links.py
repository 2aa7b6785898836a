"""Making, finding and withdrawing gift links.

The token is 256 bits from HMAC-SHA256 (the site's secret key) of a random 128-bit seed
kept with the link: unguessable, naming neither the giver nor the article. The database
keeps the seed and the SHA-256 digest of the token, never the token: the link is found by
its digest, and a copy of the database (a backup) opens nothing without the secret key.
The giver still sees the link in "Mon compte": it is derived again from the seed.
"""

import hashlib
import secrets
from base64 import urlsafe_b64encode
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from manchette.articles.models import ArticlePage
from manchette.subscriptions import entitlements

from . import quota
from .models import Gift, GiftSettings, GiftTally

# The query parameter that carries the token on the article's own URL.
PARAMETER = "cadeau"
_SALT = "manchette.gifts.link"


class Refused(Exception):
    """The link cannot be made; the message says why, in the reader's language."""


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _token(seed: str, secret: str | bytes | None = None) -> str:
    mac = salted_hmac(_SALT, seed, secret=secret, algorithm="sha256").digest()
    return urlsafe_b64encode(mac).rstrip(b"=").decode()


def token_of(gift: Gift) -> str | None:
    """The link's token, derived again; None if the secret key it was made with is gone."""
    for secret in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]:
        token = _token(gift.seed, secret)
        if digest(token) == gift.digest:
            return token
    return None


def url_of(gift: Gift) -> str | None:
    token = token_of(gift)
    if token is None:
        return None
    return f"{gift.article.get_full_url()}?{urlencode({PARAMETER: token})}"


def giftable(article: ArticlePage) -> bool:
    """Premium, live and open to anyone (a page behind a view restriction is never offered)."""
    return article.premium and ArticlePage.objects.live().public().filter(pk=article.pk).exists()


def may_offer(giver: User, gift_settings: GiftSettings | None = None) -> bool:
    gift_settings = gift_settings or GiftSettings.load()
    return gift_settings.enabled and entitlements.is_subscriber(giver)


def this_months(giver: User, article: ArticlePage, now: datetime | None = None) -> Gift | None:
    month = quota.month_of(now or timezone.now())
    return Gift.objects.filter(giver=giver, article=article, month=month).first()


def offered_this_month(giver: User, now: datetime | None = None) -> list[Gift]:
    """Every link the giver made this month (withdrawn ones too: they count against the quota),
    in one query: the article page's panel finds its own link and the quota left among them."""
    return list(Gift.objects.filter(giver=giver, month=quota.month_of(now or timezone.now())))


def offer(giver: User, article: ArticlePage, now: datetime | None = None) -> Gift:
    """This month's link to `article` from `giver`: the same one again, or a new one if quota allows.

    A link withdrawn this month is given a new token (the old one stays dead) with what it had
    left of its openings and lifetime, and spends nothing more.
    """
    now = now or timezone.now()
    if not may_offer(giver):
        raise Refused(_("Offrir un article est réservé aux abonnés."))
    if not giftable(article):
        raise Refused(_("Cet article ne peut pas être offert."))
    month = quota.month_of(now)
    with transaction.atomic():
        # One giver's links are made one after the other: the giver's row is the lock.
        get_user_model().objects.select_for_update().filter(pk=giver.pk).first()
        gift = Gift.objects.filter(giver=giver, article=article, month=month).first()
        if gift is not None:
            if gift.withdrawn_at is not None:
                _new_token(gift)
                gift.withdrawn_at = None
                gift.save(update_fields=["seed", "digest", "withdrawn_at"])
            return gift
        if quota.spent(giver, month) >= GiftSettings.load().monthly_quota:
            raise Refused(_("Vous avez offert tous vos articles ce mois-ci."))
        gift = Gift(
            giver=giver,
            article=article,
            month=month,
            created_at=now,
            expires_at=now + timedelta(days=GiftSettings.load().lifetime_days),
        )
        _new_token(gift)
        gift.save()
        tally, _created = GiftTally.objects.get_or_create(article=article)
        GiftTally.objects.filter(pk=tally.pk).update(links=F("links") + 1)
    return gift


def _new_token(gift: Gift) -> None:
    gift.seed = secrets.token_hex(16)
    gift.digest = digest(_token(gift.seed))


def withdraw(giver: User, gift_id: int, now: datetime | None = None) -> bool:
    """Withdraws one of the giver's own links; False if it is not theirs."""
    changed = Gift.objects.filter(pk=gift_id, giver=giver, withdrawn_at__isnull=True).update(
        withdrawn_at=now or timezone.now()
    )
    return changed > 0 or Gift.objects.filter(pk=gift_id, giver=giver).exists()


@dataclass(frozen=True)
class Offered:
    """One line of the giver's list, or the panel on the article."""

    gift: Gift
    url: str | None
    openings_left: int
    state: str  # "open", "expired", "used" (no opening left) or "withdrawn"


def describe(gift: Gift, now: datetime | None = None, gift_settings: GiftSettings | None = None) -> Offered:
    now = now or timezone.now()
    left = max((gift_settings or GiftSettings.load()).openings - gift.openings, 0)
    if gift.withdrawn_at is not None:
        state = "withdrawn"
    elif now >= gift.expires_at:
        state = "expired"
    elif not left:
        state = "used"
    else:
        state = "open"
    return Offered(gift, url_of(gift) if state != "withdrawn" else None, left, state)


def offered_by(giver: User, now: datetime | None = None) -> list[Offered]:
    gifts = Gift.objects.filter(giver=giver).select_related("article").order_by("-created_at", "-pk")
    return [describe(gift, now) for gift in gifts]


def find(token: str) -> Gift | None:
    if not token or len(token) > 100:
        return None
    return Gift.objects.filter(digest=digest(token)).first()
