"""What "Mon compte" shows of a reader's subscriptions: the current one, the unpaid one, the history."""

from dataclasses import dataclass

from django.contrib.auth.models import User

from . import entitlements, lifecycle
from .models import (
    Subscription,
)


@dataclass
class SubscriptionSummary:
    current: Subscription | None
    history: list[Subscription]
    unpaid: Subscription | None = None  # no access now, a payment the provider is retrying

    @property
    def cancellable(self) -> bool:
        return lifecycle.may_cancel(self.current)

    @property
    def resumable(self) -> bool:
        return lifecycle.may_undo_cancellation(self.current)


def subscription_summary(user: User) -> SubscriptionSummary:
    current = entitlements.current_subscription(user)
    billed = None if current else billed_subscription(user)
    return SubscriptionSummary(
        current=current,
        history=list(
            Subscription.objects.filter(user=user).select_related("plan").prefetch_related("events")
        ),
        unpaid=billed if billed and billed.status == Subscription.Status.PAST_DUE else None,
    )


def billed_subscription(user: entitlements.Reader) -> Subscription | None:
    """A subscription that entitles the reader, or one the provider still bills (a payment it
    is retrying): either way, a new one would be paid twice."""
    if not user.is_authenticated:
        return None
    return entitlements.current_subscription(user) or (
        Subscription.objects.filter(
            user=user,
            provider=Subscription.Provider.STRIPE,
            status__in=[Subscription.Status.ACTIVE, Subscription.Status.PAST_DUE],
        ).first()
    )


def subscription_history(user: User) -> list[dict]:
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
