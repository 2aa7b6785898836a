"""Stripe does not promise the order of its webhook events: every order of the events of a
sign-up, a renewal, a failed payment, a cancellation and a reactivation ends in the same state.

Each sequence lists its events as Stripe creates them (their `created` times grow); the test
delivers them, signed, to the real webhook endpoint in every permutation. An event answered
with a non-2xx status is delivered again after the others, as Stripe retries it.
"""

import itertools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.contrib.auth.base_user import AbstractBaseUser
from django.utils import timezone

from manchette.subscriptions import entitlements
from manchette.subscriptions.models import ProviderEvent, Subscription

from .conftest import (
    Plans,
    StripeSender,
    checkout_session,
    invoice,
    new_reader,
    stripe_event,
    stripe_subscription,
    unix,
)

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


@dataclass
class Outcome:
    status: str
    paid_until: timedelta  # after E1, the end of the period paid when the sequence starts
    entitled: bool
    history: Counter
    subscriptions: int


@dataclass
class Sequence:
    """Events (type, object) in the order Stripe creates them, from a starting state."""

    start: str  # "nothing", "paid" (active, paid until E1) or "cancelling" (cancelled, until E1)
    events: Callable[[AbstractBaseUser, datetime, str], list[tuple[str, dict[str, Any]]]]
    expected_status: str
    expected_paid_until: timedelta  # after E1
    expected_entitled: bool


def _ours(reader: AbstractBaseUser) -> dict[str, str]:
    return {"user_id": str(reader.pk), "plan": "essentiel"}


SEQUENCES: dict[str, Sequence] = {
    # The Checkout is paid: Stripe reports the session, the subscription and its first invoice.
    "sign-up": Sequence(
        "nothing",
        lambda reader, e1, sub: [
            ("checkout.session.completed", checkout_session(reader, "essentiel", sub)),
            (
                "customer.subscription.created",
                stripe_subscription("active", e1, metadata=_ours(reader), subscription_id=sub),
            ),
            ("invoice.paid", invoice(e1, metadata=_ours(reader), subscription_id=sub)),
        ],
        Subscription.Status.ACTIVE,
        timedelta(0),
        True,
    ),
    # The same, from an integration whose invoices carry no metadata: an invoice that comes
    # first cannot be placed, is refused, and counts when Stripe delivers it again.
    "sign-up, bare invoice": Sequence(
        "nothing",
        lambda reader, e1, sub: [
            ("checkout.session.completed", checkout_session(reader, "essentiel", sub)),
            (
                "customer.subscription.created",
                stripe_subscription("active", e1, metadata=_ours(reader), subscription_id=sub),
            ),
            ("invoice.paid", invoice(e1, subscription_id=sub)),
        ],
        Subscription.Status.ACTIVE,
        timedelta(0),
        True,
    ),
    # A month on, Stripe moves the period on as it bills, then the invoice is paid.
    "renewal": Sequence(
        "paid",
        lambda reader, e1, sub: [
            (
                "customer.subscription.updated",
                stripe_subscription("active", e1 + 31 * DAY, subscription_id=sub),
            ),
            ("invoice.paid", invoice(e1 + 31 * DAY, invoice_id="in_renewal", subscription_id=sub)),
        ],
        Subscription.Status.ACTIVE,
        31 * DAY,
        True,
    ),
    # The renewal is billed, the charge refused: past due, access ends where the money ends.
    "failed payment": Sequence(
        "paid",
        lambda reader, e1, sub: [
            (
                "customer.subscription.updated",
                stripe_subscription("active", e1 + 31 * DAY, subscription_id=sub),
            ),
            ("invoice.payment_failed", invoice(e1 + 31 * DAY, invoice_id="in_refused", subscription_id=sub)),
            (
                "customer.subscription.updated",
                stripe_subscription("past_due", e1 + 31 * DAY, subscription_id=sub),
            ),
        ],
        Subscription.Status.PAST_DUE,
        timedelta(0),
        True,
    ),
    # The reader cancels at the period's end; when it comes, Stripe deletes the subscription.
    "cancellation": Sequence(
        "paid",
        lambda reader, e1, sub: [
            (
                "customer.subscription.updated",
                stripe_subscription("active", e1, cancel_at_period_end=True, subscription_id=sub),
            ),
            (
                "customer.subscription.deleted",
                stripe_subscription("canceled", e1, subscription_id=sub) | {"ended_at": unix(e1)},
            ),
        ],
        Subscription.Status.EXPIRED,
        timedelta(0),
        False,
    ),
    # Having cancelled, the reader changes their mind before the end; the renewal then goes on.
    "reactivation": Sequence(
        "cancelling",
        lambda reader, e1, sub: [
            ("customer.subscription.updated", stripe_subscription("active", e1, subscription_id=sub)),
            (
                "customer.subscription.updated",
                stripe_subscription("active", e1 + 31 * DAY, subscription_id=sub),
            ),
            ("invoice.paid", invoice(e1 + 31 * DAY, invoice_id="in_after_reactivation", subscription_id=sub)),
        ],
        Subscription.Status.ACTIVE,
        31 * DAY,
        True,
    ),
}


class _Anyone:
    pk = 0


def _event_count(name: str) -> int:
    return len(SEQUENCES[name].events(_Anyone(), timezone.now(), "sub_x"))


ORDERS = [
    pytest.param(name, order, id=f"{name}: {'-'.join(str(i + 1) for i in order)}")
    for name in SEQUENCES
    for order in itertools.permutations(range(_event_count(name)))
]


def _start(
    stripe_webhook: StripeSender, reader: AbstractBaseUser, state: str, t0: datetime, e1: datetime, sub: str
) -> None:
    if state == "nothing":
        return
    for offset, (event_type, obj) in enumerate(
        [
            ("checkout.session.completed", checkout_session(reader, "essentiel", sub)),
            (
                "customer.subscription.created",
                stripe_subscription("active", e1, metadata=_ours(reader), subscription_id=sub),
            ),
            ("invoice.paid", invoice(e1, invoice_id="in_first", subscription_id=sub)),
        ]
        + (
            [
                (
                    "customer.subscription.updated",
                    stripe_subscription("active", e1, cancel_at_period_end=True, subscription_id=sub),
                )
            ]
            if state == "cancelling"
            else []
        )
    ):
        response = stripe_webhook.send(stripe_event(event_type, obj, created=t0 + timedelta(seconds=offset)))
        assert response.status_code == 200


def _deliver(stripe_webhook: StripeSender, events: list[dict[str, Any]]) -> list[int]:
    """Sends each event; those refused are sent again after the others, as Stripe retries."""
    statuses, pending = [], list(events)
    for _attempt in range(len(events) + 1):
        refused = []
        for event in pending:
            status = stripe_webhook.send(event).status_code
            statuses.append(status)
            if not 200 <= status < 300:
                refused.append(event)
        pending = refused
        if not pending:
            return statuses
    raise AssertionError(f"events never accepted: {[event['type'] for event in pending]}")


def _play(stripe_webhook: StripeSender, name: str, order: tuple[int, ...]) -> tuple[Outcome, list[int]]:
    sequence = SEQUENCES[name]
    reader = new_reader()
    t0 = timezone.now().replace(microsecond=0)
    e1 = t0 + 20 * DAY
    sub = f"sub_of_{reader.pk}"
    _start(stripe_webhook, reader, sequence.start, t0, e1, sub)
    later = t0 + timedelta(hours=1)
    created = [
        stripe_event(event_type, obj, created=later + timedelta(minutes=position))
        for position, (event_type, obj) in enumerate(sequence.events(reader, e1, sub))
    ]
    statuses = _deliver(stripe_webhook, [created[i] for i in order])
    subscription = Subscription.objects.get(user=reader)
    outcome = Outcome(
        status=subscription.status,
        paid_until=subscription.current_period_end - e1,
        entitled=entitlements.is_subscriber(reader),
        history=Counter(subscription.events.values_list("kind", flat=True)),
        subscriptions=Subscription.objects.filter(user=reader).count(),
    )
    assert ProviderEvent.objects.filter(event_id__in=[event["id"] for event in created]).count() == len(
        created
    )
    return outcome, statuses


@pytest.mark.parametrize(("name", "order"), ORDERS)
def test_every_order_of_events_ends_in_the_same_state(
    stripe_webhook: StripeSender, plans: Plans, name: str, order: tuple[int, ...]
) -> None:
    sequence = SEQUENCES[name]
    in_order, _statuses = _play(stripe_webhook, name, tuple(range(len(order))))

    shuffled, statuses = _play(stripe_webhook, name, order)

    assert shuffled == in_order
    assert shuffled.subscriptions == 1
    assert shuffled.status == sequence.expected_status
    assert shuffled.paid_until == sequence.expected_paid_until
    assert shuffled.entitled is sequence.expected_entitled
    assert set(statuses) <= {200, 409}
