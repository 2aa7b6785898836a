"""What Stripe's webhook events change, applied through the subscription services.

Events may arrive twice or in any order. Each event id is recorded once (replays are
ignored); an event older than the last one applied to a subscription never undoes a
newer state; money received always counts. An event about a subscription we cannot
place yet (an invoice sent before anything names its reader) is refused with
`NotYetKnown` and not recorded, so that Stripe delivers it again later.
"""

from datetime import UTC, datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction

from .. import checkout_pages, lifecycle, provider_events
from ..models import Plan, Subscription, SubscriptionEvent

PROVIDER = Subscription.Provider.STRIPE
_STATUS_FROM_STRIPE = {
    "active": Subscription.Status.ACTIVE,
    "trialing": Subscription.Status.ACTIVE,
    "past_due": Subscription.Status.PAST_DUE,
    "unpaid": Subscription.Status.PAST_DUE,
    "incomplete": Subscription.Status.PAST_DUE,
    "canceled": Subscription.Status.EXPIRED,
    "incomplete_expired": Subscription.Status.EXPIRED,
}


class NotYetKnown(Exception):
    """The event concerns a subscription nothing has tied to a reader yet: ask again later."""


def handle_event(event: dict[str, Any]) -> bool:
    """Applies one verified event. Returns False when it was already handled (a replay).

    Raises NotYetKnown, with nothing recorded, for an event to be delivered again.
    """
    with transaction.atomic():
        if not provider_events.record_provider_event(PROVIDER, event["id"], event["type"]):
            return False
        handler = _HANDLERS.get(event["type"])
        if handler:
            handler(event["data"]["object"], _timestamp(event["created"]))
    return True


def _timestamp(seconds: object) -> datetime | None:
    if not isinstance(seconds, int) or isinstance(seconds, bool):
        return None
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):  # a date no calendar holds
        return None


def _stripe_id(value: object) -> str | None:
    """A Stripe reference ("sub_…", "cus_…"), or None for anything else in its place."""
    return value if isinstance(value, str) and value else None


def _metadata(stripe_object: object) -> dict[str, Any]:
    metadata = stripe_object.get("metadata") if isinstance(stripe_object, dict) else None
    return metadata if isinstance(metadata, dict) else {}


def _user(user_id: object) -> User | None:
    """The reader our Checkout session named; None for ids another integration put there."""
    try:
        pk = int(str(user_id))
    except ValueError:
        return None
    return get_user_model().objects.filter(pk=pk).first() if 0 < pk < 2**63 else None


def _subscription(
    subscription_id: str | None, metadata: dict[str, Any], customer: str | None
) -> Subscription | None:
    if not subscription_id:
        return None
    plan = Plan.objects.filter(slug=str(metadata.get("plan") or "")).first()
    return provider_events.provider_subscription_for(
        PROVIDER, subscription_id, _user(metadata.get("user_id")), plan, customer or ""
    )


def _on_checkout_completed(session: dict[str, Any], at: datetime | None) -> None:
    _on_checkout_expired(session, at)  # paid: the page is closed as an expired one is
    subscription_id = _stripe_id(session.get("subscription"))
    if session.get("mode") != "subscription" or not subscription_id:
        return
    metadata = {"user_id": session.get("client_reference_id"), **_metadata(session)}
    subscription = _subscription(subscription_id, metadata, _stripe_id(session.get("customer")))
    if subscription:
        provider_events.provider_started(subscription)


def _on_checkout_expired(session: dict[str, Any], at: datetime | None) -> None:
    if session_id := _stripe_id(session.get("id")):
        checkout_pages.checkout_closed(session_id)


def _subscription_of(stripe_subscription: dict[str, Any]) -> Subscription | None:
    return _subscription(
        _stripe_id(stripe_subscription.get("id")),
        _metadata(stripe_subscription),
        _stripe_id(stripe_subscription.get("customer")),
    )


def _on_subscription_changed(stripe_subscription: dict[str, Any], at: datetime | None) -> None:
    subscription = _subscription_of(stripe_subscription)
    if not subscription:
        return
    status = _STATUS_FROM_STRIPE.get(stripe_subscription.get("status", ""), Subscription.Status.PAST_DUE)
    kind = SubscriptionEvent.Kind.UPDATED
    if stripe_subscription.get("cancel_at_period_end") and status == Subscription.Status.ACTIVE:
        status, kind = Subscription.Status.CANCELLED, SubscriptionEvent.Kind.CANCELLED
    # The status only. Stripe moves the period on when it bills, before any money comes in:
    # the period paid for moves with invoice.paid alone, and an update never shortens it.
    provider_events.provider_status(subscription, at, kind, status)


def _on_subscription_deleted(stripe_subscription: dict[str, Any], at: datetime | None) -> None:
    # Created if unknown: a late "created" event must not bring an ended subscription back.
    subscription = _subscription_of(stripe_subscription)
    if subscription:
        ended_at = _timestamp(stripe_subscription.get("ended_at")) or at
        lifecycle.end_now(subscription, SubscriptionEvent.Kind.ENDED, ended_at)


def _invoice_subscription(invoice: dict[str, Any]) -> Subscription | None:
    """The invoice's subscription; built from what the invoice carries if it comes first.

    Stripe copies the subscription's metadata (our reader and plan) onto its invoices.
    """
    parent = invoice.get("parent")
    details = (parent.get("subscription_details") if isinstance(parent, dict) else None) or {}
    if not isinstance(details, dict):
        details = {}
    subscription_id = _stripe_id(invoice.get("subscription") or details.get("subscription"))
    if not subscription_id:
        return None
    subscription = _subscription(subscription_id, _metadata(details), _stripe_id(invoice.get("customer")))
    if not subscription:
        raise NotYetKnown(subscription_id)
    return subscription


def _paid_until(invoice: dict[str, Any]) -> datetime | None:
    lines = invoice.get("lines")
    lines = lines.get("data") if isinstance(lines, dict) else None
    periods = [line.get("period") for line in lines or [] if isinstance(line, dict)]
    ends = [period.get("end") for period in periods if isinstance(period, dict)]
    return _timestamp(max((end for end in ends if isinstance(end, int)), default=None))


def _on_invoice_paid(invoice: dict[str, Any], at: datetime | None) -> None:
    subscription = _invoice_subscription(invoice)
    if subscription:
        provider_events.provider_payment(subscription, _paid_until(invoice), at)


def _on_invoice_failed(invoice: dict[str, Any], at: datetime | None) -> None:
    subscription = _invoice_subscription(invoice)
    if subscription:
        provider_events.provider_status(
            subscription, at, SubscriptionEvent.Kind.PAYMENT_FAILED, Subscription.Status.PAST_DUE
        )


_HANDLERS = {
    "checkout.session.completed": _on_checkout_completed,
    "checkout.session.expired": _on_checkout_expired,
    "customer.subscription.created": _on_subscription_changed,
    "customer.subscription.updated": _on_subscription_changed,
    "customer.subscription.deleted": _on_subscription_deleted,
    "invoice.paid": _on_invoice_paid,
    "invoice.payment_failed": _on_invoice_failed,
}
