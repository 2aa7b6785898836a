"""Stripe: Checkout sessions to subscribe, and the webhook events that follow a subscription.

Events may arrive twice or out of order. Each event id is recorded once
(replays are ignored), and an event older than the last one applied to a
subscription never undoes a newer state.
"""

from datetime import UTC, datetime

import stripe
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from ..models import Plan, ProviderEvent, Subscription, SubscriptionEvent

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


class StripeNotConfigured(Exception):
    pass


def is_configured() -> bool:
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_WEBHOOK_SECRET)


def create_checkout_session(user, plan: Plan, success_url: str, cancel_url: str) -> str:
    """The URL of a Stripe Checkout page where the reader pays for the plan."""
    if not plan.stripe_price_id:
        raise StripeNotConfigured
    session = _client().v1.checkout.sessions.create(
        params={
            "mode": "subscription",
            "line_items": [{"price": plan.stripe_price_id, "quantity": 1}],
            "customer_email": user.email,
            "client_reference_id": str(user.pk),
            "metadata": {"user_id": str(user.pk), "plan": plan.slug},
            "subscription_data": {"metadata": {"user_id": str(user.pk), "plan": plan.slug}},
            "success_url": success_url,
            "cancel_url": cancel_url,
            "locale": "fr",
        }
    )
    return session.url


def cancel(subscription: Subscription) -> None:
    """Stops Stripe billing the subscription now; one Stripe no longer knows is already stopped."""
    try:
        _client().v1.subscriptions.cancel(subscription.provider_subscription_id)
    except stripe.InvalidRequestError as error:
        if error.code != "resource_missing":
            raise


def _client() -> stripe.StripeClient:
    if not settings.STRIPE_SECRET_KEY:
        raise StripeNotConfigured
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses={"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else None,
    )


def parse_event(payload: bytes, signature: str) -> dict:
    """Checks the signature; raises ValueError or stripe.SignatureVerificationError."""
    try:
        event = stripe.Webhook.construct_event(payload, signature, settings.STRIPE_WEBHOOK_SECRET).to_dict()
    except (AttributeError, TypeError) as error:  # signed JSON that is not an object
        raise ValueError("signed payload is not a Stripe event") from error
    data = event.get("data")
    well_formed = (
        isinstance(event.get("id"), str)
        and isinstance(event.get("type"), str)
        and isinstance(event.get("created"), int)
        and isinstance(data, dict)
        and isinstance(data.get("object"), dict)
    )
    if not well_formed:
        raise ValueError("signed payload is not a Stripe event")
    return event


def handle_event(event: dict) -> bool:
    """Applies one verified event. Returns False when it was already handled (a replay)."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                ProviderEvent.objects.create(
                    provider=PROVIDER, event_id=event["id"], event_type=event["type"]
                )
        except IntegrityError:
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


def _metadata(stripe_object: dict) -> dict:
    metadata = stripe_object.get("metadata")
    return metadata if isinstance(metadata, dict) else {}


def _locked(subscription_id: str | None) -> Subscription | None:
    if not subscription_id:
        return None
    return Subscription.objects.select_for_update().filter(provider_subscription_id=subscription_id).first()


def _find_or_create(subscription_id: str, metadata: dict, customer: str | None) -> Subscription | None:
    subscription = _locked(subscription_id)
    if subscription:
        return subscription
    user = _user(metadata.get("user_id"))
    plan = Plan.objects.filter(slug=str(metadata.get("plan") or "")).first()
    if not user or not plan:
        return None
    try:
        with transaction.atomic():
            return Subscription.objects.create(
                user=user,
                plan=plan,
                provider=PROVIDER,
                provider_subscription_id=subscription_id,
                provider_customer_id=customer or "",
                status=Subscription.Status.PAST_DUE,
                current_period_end=datetime.now(tz=UTC),
            )
    except IntegrityError:
        return Subscription.objects.select_for_update().get(provider_subscription_id=subscription_id)


def _user(user_id: object):
    """The reader our Checkout session named; None for ids another integration put there."""
    try:
        pk = int(str(user_id))
    except ValueError:
        return None
    return get_user_model().objects.filter(pk=pk).first() if 0 < pk < 2**63 else None


def _is_stale(subscription: Subscription, at: datetime | None) -> bool:
    return bool(at and subscription.provider_updated_at and at < subscription.provider_updated_at)


def _apply_status(subscription: Subscription, at: datetime | None, kind: str, status: str) -> None:
    """Sets the status unless a newer event already did; records the history line either way."""
    if not _is_stale(subscription, at):
        subscription.status = status
        subscription.provider_updated_at = at or subscription.provider_updated_at
        subscription.save()
    SubscriptionEvent.objects.create(subscription=subscription, kind=kind)


def _on_checkout_completed(session: dict, at) -> None:
    subscription_id = _stripe_id(session.get("subscription"))
    if session.get("mode") != "subscription" or not subscription_id:
        return
    metadata = {"user_id": session.get("client_reference_id"), **_metadata(session)}
    subscription = _find_or_create(subscription_id, metadata, _stripe_id(session.get("customer")))
    if subscription and not subscription.events.filter(kind=SubscriptionEvent.Kind.STARTED).exists():
        SubscriptionEvent.objects.create(subscription=subscription, kind=SubscriptionEvent.Kind.STARTED)


def _subscription_of(stripe_subscription: dict) -> Subscription | None:
    subscription_id = _stripe_id(stripe_subscription.get("id"))
    if not subscription_id:
        return None
    customer = _stripe_id(stripe_subscription.get("customer"))
    return _find_or_create(subscription_id, _metadata(stripe_subscription), customer)


def _on_subscription_changed(stripe_subscription: dict, at) -> None:
    subscription = _subscription_of(stripe_subscription)
    if not subscription:
        return
    status = _STATUS_FROM_STRIPE.get(stripe_subscription.get("status"), Subscription.Status.PAST_DUE)
    kind = SubscriptionEvent.Kind.UPDATED
    if stripe_subscription.get("cancel_at_period_end") and status == Subscription.Status.ACTIVE:
        status, kind = Subscription.Status.CANCELLED, SubscriptionEvent.Kind.CANCELLED
    # The status only. Stripe moves the period on when it bills, before any money comes in:
    # the period paid for moves with invoice.paid alone, and an update never shortens it.
    _apply_status(subscription, at, kind, status)


def _on_subscription_deleted(stripe_subscription: dict, at) -> None:
    # Created if unknown: a late "created" event must not bring an ended subscription back.
    subscription = _subscription_of(stripe_subscription)
    if subscription:
        subscription.status = Subscription.Status.EXPIRED
        ended_at = _timestamp(stripe_subscription.get("ended_at")) or at or datetime.now(tz=UTC)
        subscription.current_period_end = min(subscription.current_period_end, ended_at)
        subscription.provider_updated_at = Subscription.ENDED_FOR_GOOD
        subscription.save()
        SubscriptionEvent.objects.create(subscription=subscription, kind=SubscriptionEvent.Kind.ENDED)


def _invoice_subscription_id(invoice: dict) -> str | None:
    parent = (invoice.get("parent") or {}).get("subscription_details") or {}
    return _stripe_id(invoice.get("subscription") or parent.get("subscription"))


def _on_invoice_paid(invoice: dict, at) -> None:
    subscription = _locked(_invoice_subscription_id(invoice))
    if not subscription or subscription.status == Subscription.Status.EXPIRED:
        return
    lines = (invoice.get("lines") or {}).get("data") or []
    periods = [line.get("period") for line in lines if isinstance(line, dict)]
    ends = [period.get("end") for period in periods if isinstance(period, dict)]
    paid_until = _timestamp(max((end for end in ends if isinstance(end, int)), default=None))
    # Money received always counts; the status follows only news fresher than what we have.
    if paid_until and paid_until > subscription.current_period_end:
        subscription.current_period_end = paid_until
    if not _is_stale(subscription, at):
        if subscription.status == Subscription.Status.PAST_DUE:
            subscription.status = Subscription.Status.ACTIVE
        subscription.provider_updated_at = at
    subscription.save()
    SubscriptionEvent.objects.create(subscription=subscription, kind=SubscriptionEvent.Kind.RENEWED)


def _on_invoice_failed(invoice: dict, at) -> None:
    subscription = _locked(_invoice_subscription_id(invoice))
    if subscription:
        _apply_status(subscription, at, SubscriptionEvent.Kind.PAYMENT_FAILED, Subscription.Status.PAST_DUE)


_HANDLERS = {
    "checkout.session.completed": _on_checkout_completed,
    "customer.subscription.created": _on_subscription_changed,
    "customer.subscription.updated": _on_subscription_changed,
    "customer.subscription.deleted": _on_subscription_deleted,
    "invoice.paid": _on_invoice_paid,
    "invoice.payment_failed": _on_invoice_failed,
}
