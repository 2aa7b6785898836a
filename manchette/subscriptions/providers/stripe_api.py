"""Stripe's API: Checkout sessions, the customer portal, cancelling, and reading signed events.

This module only talks to Stripe. What an event changes here is decided in
`providers.stripe_events`, through the subscription services.
"""

from typing import Any

import stripe
from django.conf import settings
from django.contrib.auth.models import User

from ..models import Plan, Subscription


class StripeNotConfigured(Exception):
    pass


def is_configured() -> bool:
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_WEBHOOK_SECRET)


def create_checkout_session(
    user: User, plan: Plan, success_url: str, cancel_url: str, idempotency_key: str
) -> tuple[str, str]:
    """The id and URL of a Stripe Checkout page where the reader pays for the plan.

    The same key within Stripe's 24 hours gets the same session back, not a second one.
    """
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
        },
        options={"idempotency_key": idempotency_key},
    )
    assert session.url is not None  # noqa: S101 (narrows the type: a hosted Checkout page has one)
    return session.id, session.url


def expire_checkout_session(session_id: str) -> bool:
    """Closes a Checkout page so that it can no longer be paid; False if it was paid already."""
    try:
        _client().v1.checkout.sessions.expire(session_id)
    except stripe.InvalidRequestError:  # no longer open: paid, or expired already
        return _client().v1.checkout.sessions.retrieve(session_id).status != "complete"
    return True


def customer_portal_url(customer_id: str, return_url: str) -> str:
    """Stripe's page where the reader updates their payment method."""
    session = _client().v1.billing_portal.sessions.create(
        params={"customer": customer_id, "return_url": return_url, "locale": "fr"}
    )
    return session.url


def cancel(subscription: Subscription) -> None:
    """Stops Stripe billing the subscription now; one Stripe no longer knows is already stopped."""
    try:
        _client().v1.subscriptions.cancel(_stripe_id_of(subscription))
    except stripe.InvalidRequestError as error:
        if error.code != "resource_missing":
            raise


def cancel_at_period_end(subscription: Subscription, cancel: bool) -> None:
    """Asks Stripe to stop (or, with cancel=False, to go on) billing when the period ends."""
    _client().v1.subscriptions.update(
        _stripe_id_of(subscription), params={"cancel_at_period_end": cancel}
    )


def _stripe_id_of(subscription: Subscription) -> str:
    if not subscription.provider_subscription_id:
        raise ValueError(f"Subscription {subscription.pk} has no Stripe id")
    return subscription.provider_subscription_id


def _client() -> stripe.StripeClient:
    if not settings.STRIPE_SECRET_KEY:
        raise StripeNotConfigured
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses={"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else None,
    )


def parse_event(payload: bytes, signature: str) -> dict[str, Any]:
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
