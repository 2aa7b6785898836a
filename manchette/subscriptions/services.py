"""Who may read, listen and comment — the one place that decides — and subscription changes.

Every path that serves content asks `may_read_in_full`; audio asks `may_listen`,
comments ask `may_comment`. Providers (manual, Stripe) change subscriptions only
through the functions below, each recording a line of history.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

import stripe
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import MeteredRead, PaywallSettings, Plan, Subscription, SubscriptionEvent
from .providers import stripe as stripe_provider

logger = logging.getLogger(__name__)

Reader = AbstractBaseUser | AnonymousUser
PERIODS = {Plan.Period.MONTH: timedelta(days=31), Plan.Period.YEAR: timedelta(days=366)}


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


def may_read_in_full(user: Reader, article) -> bool:
    """Whether this reader gets the whole article. Records a metered read when it is one."""
    if not article.premium or is_subscriber(user):
        return True
    return user.is_authenticated and _metered_read(user, article)


def may_listen(user: Reader, article) -> bool:
    return is_subscriber(user)


def may_comment(user: Reader) -> bool:
    return is_subscriber(user)


def _metered_read(user: AbstractBaseUser, article) -> bool:
    paywall = PaywallSettings.load()
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
    return PaywallSettings.load().free_paragraphs


# Changes -----------------------------------------------------------------------------------------


class ProviderError(Exception):
    """The payment provider could not stop a subscription, which runs on."""


def _record(subscription: Subscription, kind: str, detail: str = "") -> None:
    SubscriptionEvent.objects.create(subscription=subscription, kind=kind, detail=detail[:300])


@transaction.atomic
def grant(user: AbstractBaseUser, plan: Plan, until: datetime | None = None, note: str = "") -> Subscription:
    """Manual provider: staff give a reader a subscription (until a date, or for one period)."""
    until = until or timezone.now() + PERIODS[plan.period]
    subscription = Subscription.objects.create(
        user=user,
        plan=plan,
        status=Subscription.Status.ACTIVE,
        current_period_end=until,
        provider=Subscription.Provider.MANUAL,
    )
    _record(subscription, "started", note or _("Abonnement offert par l'équipe"))
    return subscription


@transaction.atomic
def extend(subscription: Subscription, periods: int = 1) -> Subscription:
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    start = max(subscription.current_period_end, timezone.now())
    subscription.current_period_end = start + PERIODS[subscription.plan.period] * periods
    subscription.status = Subscription.Status.ACTIVE
    subscription.save(update_fields=["current_period_end", "status", "updated_at"])
    _record(subscription, "renewed")
    return subscription


def revoke(subscription: Subscription) -> Subscription:
    """Ends a subscription now (staff decision, refund, fraud, account deletion).

    A Stripe subscription is cancelled at Stripe first, so that billing stops, and outside
    any database transaction: a slow Stripe holds no lock. If Stripe cannot do it,
    ProviderError is raised and the subscription runs on, here as at Stripe. Once ended,
    no later event of the provider brings it back.
    """
    billed_by_stripe = (
        subscription.provider == Subscription.Provider.STRIPE
        and subscription.provider_subscription_id
        and subscription.status != Subscription.Status.EXPIRED
    )
    if billed_by_stripe:
        try:
            stripe_provider.cancel(subscription)
        except (stripe.StripeError, stripe_provider.StripeNotConfigured) as error:
            logger.warning("Stripe did not cancel subscription %s: %r", subscription.pk, error)
            raise ProviderError(subscription) from error
    return _end_now(subscription)


@transaction.atomic
def _end_now(subscription: Subscription) -> Subscription:
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    subscription.status = Subscription.Status.EXPIRED
    subscription.current_period_end = min(subscription.current_period_end, timezone.now())
    subscription.provider_updated_at = Subscription.ENDED_FOR_GOOD
    subscription.save(update_fields=["current_period_end", "status", "provider_updated_at", "updated_at"])
    _record(subscription, "revoked")
    return subscription


def end_all_for(user: AbstractBaseUser) -> int:
    """Ends every running subscription of a reader who deletes their account.

    One by one, each in step with its provider: if one cannot be stopped, those already
    stopped stay ended (as they are at the provider) and ProviderError is raised.
    """
    running = Subscription.objects.filter(user=user).exclude(status=Subscription.Status.EXPIRED)
    ended = 0
    for subscription in running:
        revoke(subscription)
        ended += 1
    return ended


# Reading ----------------------------------------------------------------------------------------


@dataclass
class SubscriptionSummary:
    current: Subscription | None
    history: list[Subscription]


def subscription_summary(user: AbstractBaseUser) -> SubscriptionSummary:
    return SubscriptionSummary(
        current=current_subscription(user),
        history=list(
            Subscription.objects.filter(user=user).select_related("plan").prefetch_related("events")
        ),
    )


def subscription_history(user: AbstractBaseUser) -> list[dict]:
    return [
        {
            "plan": subscription.plan.name,
            "status": subscription.status,
            "provider": subscription.provider,
            "current_period_end": subscription.current_period_end.isoformat(),
            "events": [
                {"kind": event.kind, "detail": event.detail, "at": event.at.isoformat()}
                for event in subscription.events.all()
            ],
        }
        for subscription in subscription_summary(user).history
    ]
