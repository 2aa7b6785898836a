"""Changes a payment provider reports (Stripe's webhooks): each event once, in the order of
the facts it reports, applied to the subscription it names."""

from datetime import datetime

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import lifecycle
from .models import (
    Plan,
    ProviderEvent,
    Subscription,
    SubscriptionEvent,
)


def record_provider_event(provider: str, event_id: str, event_type: str) -> bool:
    """Records a provider's event once; False when it was already (a replay). Call in a transaction."""
    try:
        with transaction.atomic():
            ProviderEvent.objects.create(provider=provider, event_id=event_id, event_type=event_type)
    except IntegrityError:
        return False
    return True


def provider_subscription(provider: str, subscription_id: str | None) -> Subscription | None:
    """The subscription the provider knows by this id, locked until the transaction ends."""
    if not subscription_id:
        return None
    return (
        Subscription.objects.select_for_update()
        .filter(provider=provider, provider_subscription_id=subscription_id)
        .first()
    )


def provider_subscription_for(
    provider: str, subscription_id: str, user: User | None, plan: Plan | None, customer: str
) -> Subscription | None:
    """Found, or created for the reader and plan the provider names (None if it names none).

    A new one gives no access yet: the period paid for opens with the first payment.
    """
    subscription = provider_subscription(provider, subscription_id)
    if subscription or not user or not plan:
        return subscription
    try:
        with transaction.atomic():
            return Subscription.objects.create(
                user=user,
                plan=plan,
                provider=provider,
                provider_subscription_id=subscription_id,
                provider_customer_id=customer,
                status=Subscription.Status.PAST_DUE,
                current_period_end=timezone.now(),
            )
    except IntegrityError:  # created meanwhile by another event of the same subscription
        return provider_subscription(provider, subscription_id)


def provider_started(subscription: Subscription) -> None:
    if not subscription.events.filter(kind=SubscriptionEvent.Kind.STARTED).exists():
        lifecycle.record_event(subscription, SubscriptionEvent.Kind.STARTED)


def _is_stale(subscription: Subscription, at: datetime | None) -> bool:
    return bool(at and subscription.provider_updated_at and at < subscription.provider_updated_at)


def provider_status(subscription: Subscription, at: datetime | None, kind: str, status: str) -> None:
    """Sets the status the provider reports, unless newer news already did; history either way."""
    if not _is_stale(subscription, at):
        subscription.status = status
        subscription.provider_updated_at = at or subscription.provider_updated_at
        subscription.save(update_fields=["status", "provider_updated_at", "updated_at"])
    lifecycle.record_event(subscription, kind)


def provider_payment(subscription: Subscription, paid_until: datetime | None, at: datetime | None) -> None:
    """Money received: the period paid for reaches `paid_until`, whatever the order of the news."""
    if subscription.status == Subscription.Status.EXPIRED:
        return
    if paid_until and paid_until > subscription.current_period_end:
        subscription.current_period_end = paid_until
    # A payment says nothing of the status but "no longer past due": it dates only that change,
    # so that older news of a cancellation or a reactivation still applies after it.
    if subscription.status == Subscription.Status.PAST_DUE and not _is_stale(subscription, at):
        subscription.status = Subscription.Status.ACTIVE
        subscription.provider_updated_at = at or subscription.provider_updated_at
    subscription.save(update_fields=["current_period_end", "status", "provider_updated_at", "updated_at"])
    lifecycle.record_event(subscription, SubscriptionEvent.Kind.RENEWED)
