"""A subscription's changes: granted, extended, revoked or ended by the newsroom, cancelled or
kept by the reader ("Résilier mon abonnement"). Providers (manual, Stripe) change subscriptions
only through these functions and provider_events.py, each recording a line of history."""

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, TypeGuard

import stripe
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import tasks
from .models import (
    Plan,
    Subscription,
    SubscriptionEvent,
)
from .providers import stripe_api

logger = logging.getLogger(__name__)

PERIODS: dict[str, timedelta] = {Plan.Period.MONTH: timedelta(days=31), Plan.Period.YEAR: timedelta(days=366)}


class ProviderError(Exception):
    """The payment provider could not make the change, which was not made here either."""


def record_event(subscription: Subscription, kind: str, detail: str = "") -> None:
    SubscriptionEvent.objects.create(subscription=subscription, kind=kind, detail=detail[:300])


def _locked(subscription: Subscription) -> Subscription:
    return Subscription.objects.select_for_update().select_related("plan", "user").get(pk=subscription.pk)


@transaction.atomic
def grant(user: User, plan: Plan, until: datetime | None = None, note: str = "") -> Subscription:
    """Manual provider: staff give a reader a subscription (until a date, or for one period)."""
    until = until or timezone.now() + PERIODS[plan.period]
    subscription = Subscription.objects.create(
        user=user,
        plan=plan,
        status=Subscription.Status.ACTIVE,
        current_period_end=until,
        provider=Subscription.Provider.MANUAL,
    )
    record_event(subscription, "started", note or _("Abonnement offert par l'équipe"))
    return subscription


@transaction.atomic
def extend(subscription: Subscription, periods: int = 1) -> Subscription:
    subscription = _locked(subscription)
    start = max(subscription.current_period_end, timezone.now())
    subscription.current_period_end = start + PERIODS[subscription.plan.period] * periods
    subscription.status = Subscription.Status.ACTIVE
    subscription.save(update_fields=["current_period_end", "status", "updated_at"])
    record_event(subscription, "renewed")
    return subscription


def revoke(subscription: Subscription) -> Subscription:
    """Ends a subscription now (staff decision, refund, fraud, account deletion).

    A Stripe subscription is cancelled at Stripe first, so that billing stops, and outside
    any database transaction: a slow Stripe holds no lock. If Stripe cannot do it,
    ProviderError is raised and the subscription runs on, here as at Stripe. Once ended,
    no later event of the provider brings it back.
    """
    if _billed_by_stripe(subscription):
        _ask_stripe(stripe_api.cancel, subscription)
    return end_now(subscription, SubscriptionEvent.Kind.REVOKED)


def _billed_by_stripe(subscription: Subscription) -> bool:
    return bool(
        subscription.provider == Subscription.Provider.STRIPE
        and subscription.provider_subscription_id
        and subscription.status != Subscription.Status.EXPIRED
    )


def _ask_stripe(call: Callable[..., None], subscription: Subscription, *args: Any) -> None:
    try:
        call(subscription, *args)
    except (stripe.StripeError, stripe_api.StripeNotConfigured) as error:
        logger.warning("Stripe refused %s for subscription %s: %r", call.__name__, subscription.pk, error)
        raise ProviderError(subscription) from error


@transaction.atomic
def end_now(subscription: Subscription, kind: str, ended_at: datetime | None = None) -> Subscription:
    """Ends the subscription at `ended_at` (now by default), for good: no later news revives it."""
    subscription = _locked(subscription)
    subscription.status = Subscription.Status.EXPIRED
    subscription.current_period_end = min(subscription.current_period_end, ended_at or timezone.now())
    subscription.provider_updated_at = Subscription.ENDED_FOR_GOOD
    subscription.save(update_fields=["current_period_end", "status", "provider_updated_at", "updated_at"])
    record_event(subscription, kind)
    return subscription


def end_all_for(user: User) -> int:
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


# The reader ends (or keeps) their subscription: "Résilier mon abonnement" -----------------------


def may_cancel(subscription: Subscription | None) -> TypeGuard[Subscription]:
    return bool(
        subscription
        and subscription.status in (Subscription.Status.ACTIVE, Subscription.Status.PAST_DUE)
        and subscription.current_period_end > timezone.now()
    )


def may_undo_cancellation(subscription: Subscription | None) -> bool:
    return bool(
        subscription
        and subscription.status == Subscription.Status.CANCELLED
        and subscription.current_period_end > timezone.now()
    )


def cancel_at_period_end(subscription: Subscription) -> Subscription:
    """The reader cancels: access runs to the end of the period paid for, then stops.

    Stripe is told first (outside any transaction); if it refuses, ProviderError and
    nothing changes. The confirmation email, with the date access ends, goes out once
    the change is committed. Cancelling what is already cancelled changes nothing.
    """
    if not may_cancel(subscription):
        return subscription
    return _reader_decides(subscription, cancelling=True)


def undo_cancellation(subscription: Subscription) -> Subscription:
    """Until the period ends, the reader may change their mind: the subscription goes on."""
    if not may_undo_cancellation(subscription):
        return subscription
    return _reader_decides(subscription, cancelling=False)


def _reader_decides(subscription: Subscription, *, cancelling: bool) -> Subscription:
    if _billed_by_stripe(subscription):
        _ask_stripe(stripe_api.cancel_at_period_end, subscription, cancelling)
    Status = Subscription.Status
    before, after = (
        ((Status.ACTIVE, Status.PAST_DUE), Status.CANCELLED)
        if cancelling
        else ((Status.CANCELLED,), Status.ACTIVE)
    )
    with transaction.atomic():
        subscription = _locked(subscription)
        if subscription.status not in before:  # another request of the reader did it meanwhile
            return subscription
        subscription.status = after
        subscription.provider_updated_at = _now_unless_ended(subscription)
        subscription.save(update_fields=["status", "provider_updated_at", "updated_at"])
        if cancelling:
            record_event(subscription, SubscriptionEvent.Kind.CANCELLED, _("Par le lecteur, en ligne"))
            pk = subscription.pk
            transaction.on_commit(lambda: tasks.send_cancellation_email.enqueue(pk))
        else:
            record_event(subscription, SubscriptionEvent.Kind.REACTIVATED)
    return subscription


def _now_unless_ended(subscription: Subscription) -> datetime | None:
    # The reader's own change is the freshest news: webhooks sent before it are then old.
    if subscription.provider == Subscription.Provider.MANUAL:
        return subscription.provider_updated_at
    return timezone.now()


def payment_method_url(subscription: Subscription, return_url: str) -> str | None:
    """Where the reader updates the card a failed payment was made with (Stripe's portal)."""
    if not (subscription.provider == Subscription.Provider.STRIPE and subscription.provider_customer_id):
        return None
    try:
        return stripe_api.customer_portal_url(subscription.provider_customer_id, return_url)
    except (stripe.StripeError, stripe_api.StripeNotConfigured) as error:
        logger.warning("Stripe portal unavailable for subscription %s: %r", subscription.pk, error)
        return None
