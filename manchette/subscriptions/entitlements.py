"""Who may read, listen and comment: the one place that decides.

Every path that serves content asks `may_read_in_full` (or `entitlements`, all at once);
audio asks `may_listen`, comments ask `may_comment`; the metered paywall counts here."""

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.utils import timezone

from .models import (
    MeteredRead,
    PaywallSettings,
    Subscription,
)

Reader = User | AnonymousUser


class PaywalledPage(Protocol):
    """What the paywall reads of a page: an article, a live coverage."""

    pk: int
    premium: bool


def current_subscription(user: Reader, now: datetime | None = None) -> Subscription | None:
    """The subscription that entitles the reader now, if any.

    Active, past due (the provider is still retrying the payment) and cancelled
    subscriptions all give access until the end of the period already paid for.
    """
    if not user.is_authenticated:
        return None
    now = now or timezone.now()
    return (
        Subscription.objects.filter(
            user=user,
            status__in=[
                Subscription.Status.ACTIVE,
                Subscription.Status.PAST_DUE,
                Subscription.Status.CANCELLED,
            ],
            current_period_end__gt=now,
        )
        .order_by("-current_period_end")
        .first()
    )


def is_subscriber(user: Reader) -> bool:
    return bool(user.is_authenticated and (user.is_staff or current_subscription(user)))


def may_read_in_full(user: Reader, article: PaywalledPage) -> bool:
    """Whether this reader gets the whole article. Records a metered read when it is one."""
    return entitlements(user, article).read_in_full


def may_listen(user: Reader, article: PaywalledPage) -> bool:
    """The audio version of an article: subscribers only, free articles included."""
    return entitlements(user, article, behind_wall=False).listen


def may_comment(user: Reader) -> bool:
    return _may_comment(user, is_subscriber(user))


def newsletter_recipients(user_ids: set[int], subscribers_only: bool) -> set[int]:
    """Which of these readers may receive a newsletter's next edition.

    A subscribers-only newsletter goes to readers entitled now (staff included): one whose
    subscription ended stops at the next edition, one who subscribed starts. Two queries
    for the whole list, however long.
    """
    if not subscribers_only:
        return set(user_ids)
    now = timezone.now()
    entitled = Subscription.objects.filter(
        user_id__in=user_ids,
        status__in=[Subscription.Status.ACTIVE, Subscription.Status.PAST_DUE, Subscription.Status.CANCELLED],
        current_period_end__gt=now,
    ).values_list("user_id", flat=True)
    staff = get_user_model().objects.filter(pk__in=user_ids, is_staff=True).values_list("pk", flat=True)
    return set(entitled) | set(staff)


def _may_comment(user: Reader, subscriber: bool) -> bool:
    return subscriber and user.is_active


@dataclass(frozen=True)
class Entitlements:
    read_in_full: bool
    listen: bool
    comment: bool


def entitlements(user: Reader, article: PaywalledPage, *, behind_wall: bool = True) -> Entitlements:
    """All a reader may do with an article, from one look at their subscription.

    `behind_wall=False` says the article shows nothing more to subscribers (a short premium
    piece): then no metered read is spent on it.
    """
    subscriber = is_subscriber(user)
    read_in_full = (
        subscriber
        or not article.premium
        or not behind_wall
        or (user.is_authenticated and _metered_read(user, article))
    )
    return Entitlements(read_in_full, listen=subscriber, comment=_may_comment(user, subscriber))


def paywall_settings() -> PaywallSettings:
    """The paywall's settings, their defaults until the newsroom saves them. Read without
    Wagtail's load(), which creates the row on first use: written by a reader's page, the row
    changed the content generation and purged every cached page (website/generation.py)."""
    return PaywallSettings.objects.first() or PaywallSettings()


def _metered_read(user: User, article: PaywalledPage) -> bool:
    paywall = paywall_settings()
    if not paywall.metered:
        return False
    month = timezone.localdate().replace(day=1)
    reads = MeteredRead.objects.filter(user=user, month=month)
    if reads.filter(article_id=article.pk).exists():
        return True
    if reads.count() >= paywall.metered_monthly_quota:
        return False  # refused without taking the lock below
    with transaction.atomic():
        # One reader's articles opened at once are counted one after the other, not all against
        # the same count: the reader's row is the lock.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        if reads.count() >= paywall.metered_monthly_quota:
            return reads.filter(article_id=article.pk).exists()
        MeteredRead.objects.get_or_create(user=user, article_id=article.pk, month=month)
    return True


def free_paragraphs() -> int:
    return paywall_settings().free_paragraphs
