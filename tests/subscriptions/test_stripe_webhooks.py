"""Stripe: webhook events signed locally with a test secret, and Checkout without the network."""

import json
import time
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.contrib.auth.base_user import AbstractBaseUser
from django.test import Client
from django.utils import timezone

from manchette.subscriptions import entitlements
from manchette.subscriptions.models import ProviderEvent, Subscription, SubscriptionEvent

from .conftest import (
    CUSTOMER_ID,
    STRIPE_WEBHOOK_SECRET,
    STRIPE_WEBHOOK_URL,
    SUB_ID,
    Plans,
    StripeSender,
    checkout_session,
    invoice,
    new_reader,
    stripe_event,
    stripe_signature,
    stripe_subscription,
    unix,
)

pytestmark = pytest.mark.django_db


def history(subscription: Subscription) -> list[str]:
    return list(subscription.events.values_list("kind", flat=True))


# --------------------------------------------------------------------------- configuration


def test_webhook_is_404_when_stripe_is_not_configured(settings, db) -> None:
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_WEBHOOK_SECRET = ""
    payload = json.dumps(stripe_event("invoice.paid", {"id": "in_1"}))
    response = Client().post(
        STRIPE_WEBHOOK_URL,
        data=payload,
        content_type="application/json",
        headers={"Stripe-Signature": stripe_signature(payload)},
    )
    assert response.status_code == 404
    assert not ProviderEvent.objects.exists()


def test_webhook_refuses_get(stripe_webhook: StripeSender) -> None:
    assert stripe_webhook.client.get(STRIPE_WEBHOOK_URL).status_code == 405


def test_webhook_needs_no_csrf_token(stripe_configured, reader, plans) -> None:
    """Stripe cannot send a CSRF token: its signature is the proof."""
    client = Client(enforce_csrf_checks=True)
    event = stripe_event(
        "customer.subscription.updated",
        stripe_subscription(
            "active",
            timezone.now() + timedelta(days=30),
            metadata={"user_id": str(reader.pk), "plan": "annuel"},
        ),
    )
    payload = json.dumps(event)
    response = client.post(
        STRIPE_WEBHOOK_URL,
        data=payload,
        content_type="application/json",
        headers={"Stripe-Signature": stripe_signature(payload)},
    )
    assert response.status_code == 200


# --------------------------------------------------------------------------- signatures


def test_valid_signature_is_applied(stripe_webhook: StripeSender, reader: AbstractBaseUser, plans) -> None:
    period_end = timezone.now() + timedelta(days=30)
    event = stripe_event(
        "customer.subscription.created",
        stripe_subscription("active", period_end, metadata={"user_id": str(reader.pk), "plan": "annuel"}),
    )

    response = stripe_webhook.send(event)

    assert response.status_code == 200
    subscription = Subscription.objects.get()
    assert subscription.user == reader
    assert subscription.plan == plans.yearly
    assert subscription.provider == Subscription.Provider.STRIPE
    assert subscription.provider_customer_id == CUSTOMER_ID
    assert subscription.status == Subscription.Status.ACTIVE
    assert ProviderEvent.objects.filter(event_id=event["id"], provider="stripe").exists()
    # Access starts with the money: the first invoice paid opens the period.
    assert not entitlements.is_subscriber(reader)
    assert stripe_webhook.send(stripe_event("invoice.paid", invoice(period_end))).status_code == 200
    subscription.refresh_from_db()
    assert unix(subscription.current_period_end) == unix(period_end)
    assert entitlements.is_subscriber(reader)


def _creating_event(reader: AbstractBaseUser) -> dict[str, Any]:
    return stripe_event(
        "customer.subscription.created",
        stripe_subscription(
            "active",
            timezone.now() + timedelta(days=30),
            metadata={"user_id": str(reader.pk), "plan": "annuel"},
        ),
    )


def _bad_signatures(payload: str) -> dict[str, str | None]:
    now = int(time.time())
    good = stripe_signature(payload, timestamp=now)
    return {
        "signed with another secret": stripe_signature(payload, secret="whsec_autre"),
        "signature of another body": stripe_signature(payload.replace("annuel", "essentiel")),
        "timestamp changed after signing": good.replace(f"t={now}", f"t={now + 1}"),
        "valid signature but an hour old": stripe_signature(payload, timestamp=now - 3600),
        "v0 scheme only": good.replace("v1=", "v0="),
        "empty header": "",
        "garbage header": "t=abc,v1=zzz",
        "missing header": None,
    }


@pytest.mark.parametrize(
    "case",
    [
        "signed with another secret",
        "signature of another body",
        "timestamp changed after signing",
        "valid signature but an hour old",
        "v0 scheme only",
        "empty header",
        "garbage header",
        "missing header",
    ],
)
def test_bad_signature_is_refused_and_changes_nothing(
    case: str, stripe_webhook: StripeSender, reader: AbstractBaseUser
) -> None:
    payload = json.dumps(_creating_event(reader))

    response = stripe_webhook.post(payload, _bad_signatures(payload)[case])

    assert response.status_code == 400
    assert not ProviderEvent.objects.exists()
    assert not Subscription.objects.exists()
    assert not SubscriptionEvent.objects.exists()


@pytest.mark.parametrize(
    "payload",
    [
        '{"id": "evt_1", "type": "invoice.paid", ',  # cut short
        "pas du JSON du tout",
        "",
    ],
    ids=["truncated", "not-json", "empty"],
)
def test_malformed_json_with_a_valid_signature_is_a_400(stripe_webhook: StripeSender, payload: str) -> None:
    response = stripe_webhook.post(payload, stripe_signature(payload))
    assert response.status_code == 400
    assert not ProviderEvent.objects.exists()


def test_body_that_is_not_utf8_is_a_400(stripe_webhook: StripeSender) -> None:
    response = stripe_webhook.client.post(
        STRIPE_WEBHOOK_URL,
        data=b"\xff\xfe\x00{",
        content_type="application/json",
        headers={"Stripe-Signature": "t=1,v1=00"},
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    "payload",
    ["[]", "{}", '"evt_1"', '{"id": "evt_1", "object": "event"}'],
    ids=["array", "empty-object", "string", "no-type-no-data"],
)
def test_signed_json_that_is_not_an_event_is_a_400_not_a_500(
    stripe_webhook: StripeSender, payload: str
) -> None:
    stripe_webhook.client.raise_request_exception = False
    response = stripe_webhook.post(payload, stripe_signature(payload))
    assert response.status_code == 400
    assert not ProviderEvent.objects.exists()


def test_secret_comes_from_the_settings(stripe_webhook: StripeSender, settings, reader) -> None:
    settings.STRIPE_WEBHOOK_SECRET = "whsec_rotated"
    payload = json.dumps(_creating_event(reader))
    assert (
        stripe_webhook.post(payload, stripe_signature(payload, secret=STRIPE_WEBHOOK_SECRET)).status_code
        == 400
    )
    assert stripe_webhook.post(payload, stripe_signature(payload, secret="whsec_rotated")).status_code == 200


# --------------------------------------------------------------------------- replays and order


def test_replayed_invoice_paid_extends_once(stripe_webhook: StripeSender, subscribed: Subscription) -> None:
    renewal = timezone.now() + timedelta(days=50)
    event = stripe_event("invoice.paid", invoice(renewal, invoice_id="in_renewal"))
    renewals_before = history(subscribed).count(SubscriptionEvent.Kind.RENEWED)

    assert stripe_webhook.send(event).status_code == 200
    assert stripe_webhook.send(event).status_code == 200
    assert stripe_webhook.send(event).status_code == 200

    subscribed.refresh_from_db()
    assert unix(subscribed.current_period_end) == unix(renewal)
    assert history(subscribed).count(SubscriptionEvent.Kind.RENEWED) == renewals_before + 1
    assert ProviderEvent.objects.filter(event_id=event["id"]).count() == 1


def test_replayed_checkout_creates_one_subscription(stripe_webhook: StripeSender, reader, plans) -> None:
    event = stripe_event("checkout.session.completed", checkout_session(reader, "essentiel"))
    stripe_webhook.send(event)
    stripe_webhook.send(event)
    assert Subscription.objects.count() == 1
    assert history(Subscription.objects.get()) == [SubscriptionEvent.Kind.STARTED]


def test_older_subscription_update_does_not_undo_a_newer_one(
    stripe_webhook: StripeSender, subscribed: Subscription
) -> None:
    now = timezone.now()
    paid_until = subscribed.current_period_end
    newer = stripe_event(
        "customer.subscription.updated",
        stripe_subscription("active", now + timedelta(days=20), cancel_at_period_end=True),
        created=now + timedelta(minutes=10),
    )
    older = stripe_event(
        "customer.subscription.updated",
        stripe_subscription("past_due", now + timedelta(days=5)),
        created=now + timedelta(minutes=5),
    )

    stripe_webhook.send(newer)
    stripe_webhook.send(older)

    subscribed.refresh_from_db()
    assert subscribed.status == Subscription.Status.CANCELLED
    assert subscribed.current_period_end == paid_until


def test_newer_subscription_update_after_an_older_one_applies(
    stripe_webhook: StripeSender, subscribed: Subscription
) -> None:
    now = timezone.now()
    paid_until = subscribed.current_period_end
    for minutes, status in [(5, "past_due"), (10, "active")]:
        stripe_webhook.send(
            stripe_event(
                "customer.subscription.updated",
                stripe_subscription(status, now + timedelta(days=20 + minutes)),
                created=now + timedelta(minutes=minutes),
            )
        )
    subscribed.refresh_from_db()
    assert subscribed.status == Subscription.Status.ACTIVE
    assert subscribed.current_period_end == paid_until  # updates carry the status, not the money


def _delete(stripe_webhook: StripeSender, at: datetime) -> None:
    ended = stripe_subscription("canceled", at + timedelta(days=20)) | {"ended_at": unix(at)}
    stripe_webhook.send(stripe_event("customer.subscription.deleted", ended, created=at))


@pytest.mark.parametrize(
    "late_created", [-timedelta(minutes=5), timedelta(minutes=5)], ids=["older", "newer"]
)
def test_deleted_subscription_stays_expired_after_a_late_invoice_paid(
    stripe_webhook: StripeSender, subscribed: Subscription, late_created: timedelta
) -> None:
    deleted_at = timezone.now() + timedelta(minutes=1)
    _delete(stripe_webhook, deleted_at)

    stripe_webhook.send(
        stripe_event(
            "invoice.paid", invoice(deleted_at + timedelta(days=60)), created=deleted_at + late_created
        )
    )

    subscribed.refresh_from_db()
    assert subscribed.status == Subscription.Status.EXPIRED
    assert subscribed.current_period_end <= deleted_at + timedelta(seconds=1)
    assert not entitlements.is_subscriber(subscribed.user)


@pytest.mark.parametrize(
    "late_created", [-timedelta(minutes=5), timedelta(minutes=5)], ids=["older", "newer"]
)
@pytest.mark.parametrize("event_type", ["customer.subscription.updated", "invoice.payment_failed"])
def test_deleted_subscription_stays_expired_after_a_late_update(
    stripe_webhook: StripeSender, subscribed: Subscription, late_created: timedelta, event_type: str
) -> None:
    deleted_at = timezone.now() + timedelta(minutes=1)
    _delete(stripe_webhook, deleted_at)

    if event_type == "invoice.payment_failed":
        obj = invoice(deleted_at + timedelta(days=60))
    else:
        obj = stripe_subscription("active", deleted_at + timedelta(days=60))
    stripe_webhook.send(stripe_event(event_type, obj, created=deleted_at + late_created))

    subscribed.refresh_from_db()
    assert subscribed.status == Subscription.Status.EXPIRED
    assert not entitlements.is_subscriber(subscribed.user)


def test_late_payment_failure_older_than_a_renewal_does_not_mark_it_past_due(
    stripe_webhook: StripeSender, subscribed: Subscription
) -> None:
    now = timezone.now()
    stripe_webhook.send(
        stripe_event(
            "customer.subscription.updated",
            stripe_subscription("active", now + timedelta(days=50)),
            created=now + timedelta(minutes=10),
        )
    )
    stripe_webhook.send(
        stripe_event("invoice.payment_failed", invoice(now), created=now + timedelta(minutes=2))
    )

    subscribed.refresh_from_db()
    assert subscribed.status == Subscription.Status.ACTIVE


def test_late_invoice_paid_older_than_a_payment_failure_leaves_it_past_due(
    stripe_webhook: StripeSender, subscribed: Subscription
) -> None:
    """A renewal paid last month, delivered after this month's failed payment, is old news."""
    now = timezone.now()
    stripe_webhook.send(
        stripe_event(
            "invoice.payment_failed", invoice(now + timedelta(days=20)), created=now + timedelta(minutes=10)
        )
    )
    stripe_webhook.send(
        stripe_event(
            "invoice.paid",
            invoice(now + timedelta(days=20), invoice_id="in_old"),
            created=now + timedelta(minutes=2),
        )
    )

    subscribed.refresh_from_db()
    assert subscribed.status == Subscription.Status.PAST_DUE


def test_late_subscription_update_does_not_shorten_a_period_already_paid(
    stripe_webhook: StripeSender, reader: AbstractBaseUser, plans: Plans
) -> None:
    """An update retried hours late must not take back the renewal an invoice.paid recorded since."""
    now = timezone.now()
    metadata = {"user_id": str(reader.pk), "plan": "essentiel"}
    first_end, renewed_end = now + timedelta(days=1), now + timedelta(days=31)
    stripe_webhook.send(
        stripe_event(
            "customer.subscription.created",
            stripe_subscription("active", first_end, metadata=metadata),
            created=now - timedelta(days=29),
        )
    )
    # The renewal is paid; the matching update, sent at the same time, fails to arrive.
    stripe_webhook.send(stripe_event("invoice.paid", invoice(renewed_end), created=now))
    # An earlier update (e.g. a payment method change) is retried by Stripe only now.
    stripe_webhook.send(
        stripe_event(
            "customer.subscription.updated",
            stripe_subscription("active", first_end, metadata=metadata),
            created=now - timedelta(hours=2),
        )
    )

    subscription = Subscription.objects.get()
    assert unix(subscription.current_period_end) == unix(renewed_end)


# --------------------------------------------------------------------------- a whole life


def test_full_lifecycle(stripe_webhook: StripeSender, reader: AbstractBaseUser, plans: Plans) -> None:
    now = timezone.now()
    first_end = now + timedelta(days=30)

    def at(minutes: int) -> datetime:
        return now + timedelta(minutes=minutes)

    # 1. The reader pays on Stripe Checkout.
    assert (
        stripe_webhook.send(
            stripe_event("checkout.session.completed", checkout_session(reader, "essentiel"), created=at(0))
        ).status_code
        == 200
    )
    subscription = Subscription.objects.get(user=reader)
    assert subscription.provider == Subscription.Provider.STRIPE
    assert subscription.provider_subscription_id == SUB_ID
    assert subscription.provider_customer_id == CUSTOMER_ID
    assert subscription.plan == plans.monthly

    # 2. The subscription becomes active; the first invoice, paid, opens the first period.
    stripe_webhook.send(
        stripe_event("customer.subscription.updated", stripe_subscription("active", first_end), created=at(1))
    )
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.ACTIVE
    assert not entitlements.is_subscriber(reader)
    first_invoice = stripe_event("invoice.paid", invoice(first_end), created=at(1) + timedelta(seconds=1))
    stripe_webhook.send(first_invoice)
    subscription.refresh_from_db()
    assert unix(subscription.current_period_end) == unix(first_end)
    assert entitlements.is_subscriber(reader)

    # 3. A month later the renewal is paid: the period moves on.
    second_end = first_end + timedelta(days=31)
    stripe_webhook.send(stripe_event("invoice.paid", invoice(second_end, invoice_id="in_2"), created=at(2)))
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.ACTIVE
    assert unix(subscription.current_period_end) == unix(second_end)

    # 4. The next payment fails: past due, access kept while Stripe retries.
    stripe_webhook.send(
        stripe_event("invoice.payment_failed", invoice(second_end, invoice_id="in_3"), created=at(3))
    )
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.PAST_DUE
    assert entitlements.is_subscriber(reader)

    # 5. The reader cancels: access until the end of the period paid for.
    stripe_webhook.send(
        stripe_event(
            "customer.subscription.updated",
            stripe_subscription("active", second_end, cancel_at_period_end=True),
            created=at(4),
        )
    )
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.CANCELLED
    assert unix(subscription.current_period_end) == unix(second_end)
    assert entitlements.is_subscriber(reader)
    assert entitlements.current_subscription(reader, now=second_end + timedelta(seconds=1)) is None

    # 6. The period ends: Stripe deletes the subscription.
    ended = stripe_subscription("canceled", second_end) | {"ended_at": unix(at(5))}
    stripe_webhook.send(stripe_event("customer.subscription.deleted", ended, created=at(5)))
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.EXPIRED
    assert not entitlements.is_subscriber(reader)

    Kind = SubscriptionEvent.Kind
    assert history(subscription) == [
        Kind.STARTED,
        Kind.UPDATED,
        Kind.RENEWED,
        Kind.RENEWED,
        Kind.PAYMENT_FAILED,
        Kind.CANCELLED,
        Kind.ENDED,
    ]
    assert ProviderEvent.objects.count() == 7


def test_legacy_invoice_shape_with_top_level_subscription(
    stripe_webhook: StripeSender, subscribed: Subscription
) -> None:
    renewal = timezone.now() + timedelta(days=60)
    legacy = invoice(renewal)
    del legacy["parent"]
    legacy["subscription"] = SUB_ID
    stripe_webhook.send(stripe_event("invoice.paid", legacy))
    subscribed.refresh_from_db()
    assert unix(subscribed.current_period_end) == unix(renewal)


def test_unknown_event_types_are_recorded_and_ignored(
    stripe_webhook: StripeSender, subscribed: Subscription
) -> None:
    before = (subscribed.status, subscribed.current_period_end, history(subscribed))
    event = stripe_event(
        "customer.updated", {"id": CUSTOMER_ID, "object": "customer", "email": "x@example.test"}
    )

    assert stripe_webhook.send(event).status_code == 200

    assert ProviderEvent.objects.filter(event_id=event["id"], event_type="customer.updated").exists()
    subscribed.refresh_from_db()
    assert (subscribed.status, subscribed.current_period_end, history(subscribed)) == before


@pytest.mark.parametrize(
    "metadata",
    [
        {"user_id": "999999", "plan": "essentiel"},
        {"user_id": "", "plan": "essentiel"},
        {"plan": "inconnue"},
        {},
    ],
    ids=["unknown-user", "empty-user", "unknown-plan", "no-metadata"],
)
def test_subscription_for_nobody_we_know_is_ignored(
    stripe_webhook: StripeSender, reader: AbstractBaseUser, metadata: dict[str, str]
) -> None:
    if metadata.get("plan") == "inconnue":
        metadata = {**metadata, "user_id": str(reader.pk)}
    event = stripe_event(
        "customer.subscription.created",
        stripe_subscription("active", timezone.now() + timedelta(days=30), metadata=metadata),
    )
    assert stripe_webhook.send(event).status_code == 200
    assert not Subscription.objects.exists()


@pytest.mark.parametrize("event_type", ["invoice.paid", "invoice.payment_failed"])
def test_invoice_for_a_subscription_not_known_yet_is_refused_so_that_stripe_retries(
    stripe_webhook: StripeSender, plans, event_type: str
) -> None:
    """Money must not be dropped: the event is not recorded, and the answer is not a 2xx."""
    event = stripe_event(event_type, invoice(timezone.now() + timedelta(days=30), subscription_id="sub_x"))
    assert stripe_webhook.send(event).status_code == 409
    assert not Subscription.objects.exists()
    assert not ProviderEvent.objects.exists()


def test_paid_invoice_that_comes_first_opens_the_period_it_pays_for(
    stripe_webhook: StripeSender, reader: AbstractBaseUser, plans: Plans
) -> None:
    paid_until = timezone.now() + timedelta(days=30)
    metadata = {"user_id": str(reader.pk), "plan": "essentiel"}

    assert (
        stripe_webhook.send(stripe_event("invoice.paid", invoice(paid_until, metadata=metadata))).status_code
        == 200
    )

    subscription = Subscription.objects.get(user=reader)
    assert subscription.status == Subscription.Status.ACTIVE
    assert unix(subscription.current_period_end) == unix(paid_until)
    assert entitlements.is_subscriber(reader)


def test_subscription_update_before_checkout_completed_is_not_lost(
    stripe_webhook: StripeSender, reader: AbstractBaseUser, plans: Plans
) -> None:
    """Stripe does not promise order: the subscription may be reported before the checkout."""
    now = timezone.now()
    metadata = {"user_id": str(reader.pk), "plan": "essentiel"}
    stripe_webhook.send(
        stripe_event(
            "customer.subscription.created",
            stripe_subscription("active", now + timedelta(days=30), metadata=metadata),
            created=now + timedelta(seconds=1),
        )
    )
    stripe_webhook.send(
        stripe_event("checkout.session.completed", checkout_session(reader, "essentiel"), created=now)
    )
    stripe_webhook.send(
        stripe_event("invoice.paid", invoice(now + timedelta(days=30)), created=now + timedelta(seconds=2))
    )

    subscription = Subscription.objects.get()
    assert subscription.status == Subscription.Status.ACTIVE
    assert entitlements.is_subscriber(reader)
    assert history(subscription).count(SubscriptionEvent.Kind.STARTED) == 1


# --------------------------------------------------------------------------- unpaid periods


@pytest.mark.parametrize("stripe_status", ["past_due", "unpaid"])
def test_unpaid_period_gives_no_extra_access(
    stripe_webhook: StripeSender, subscribed: Subscription, reader: AbstractBaseUser, stripe_status: str
) -> None:
    """Stripe moves the period on when it bills; until the invoice is paid, access ends where
    the money ends."""
    paid_until = subscribed.current_period_end
    billed_until = paid_until + timedelta(days=30)
    stripe_webhook.send(
        stripe_event(
            "customer.subscription.updated",
            stripe_subscription(stripe_status, billed_until),
            created=timezone.now() + timedelta(minutes=1),
        )
    )

    subscribed.refresh_from_db()
    assert subscribed.status == Subscription.Status.PAST_DUE
    assert subscribed.current_period_end == paid_until
    assert entitlements.current_subscription(reader, now=paid_until + timedelta(days=1)) is None

    # The payment finally comes in: the period it pays for is open.
    stripe_webhook.send(
        stripe_event("invoice.paid", invoice(billed_until), created=timezone.now() + timedelta(minutes=2))
    )
    assert entitlements.current_subscription(reader, now=paid_until + timedelta(days=1)) is not None


def test_first_payment_never_made_gives_no_access(
    stripe_webhook: StripeSender, reader: AbstractBaseUser, plans: Plans
) -> None:
    metadata = {"user_id": str(reader.pk), "plan": "essentiel"}
    stripe_webhook.send(
        stripe_event(
            "customer.subscription.created",
            stripe_subscription("incomplete", timezone.now() + timedelta(days=30), metadata=metadata),
        )
    )
    assert Subscription.objects.get(user=reader).status == Subscription.Status.PAST_DUE
    assert not entitlements.is_subscriber(reader)


def test_deletion_reported_before_creation_stays_ended(
    stripe_webhook: StripeSender, reader: AbstractBaseUser, plans: Plans
) -> None:
    now = timezone.now()
    metadata = {"user_id": str(reader.pk), "plan": "essentiel"}
    deleted = stripe_subscription("canceled", now, metadata=metadata) | {"ended_at": unix(now)}
    stripe_webhook.send(
        stripe_event("customer.subscription.deleted", deleted, created=now + timedelta(minutes=10))
    )
    stripe_webhook.send(
        stripe_event(
            "customer.subscription.created",
            stripe_subscription("active", now + timedelta(days=30), metadata=metadata),
            created=now,
        )
    )

    assert Subscription.objects.get(user=reader).status == Subscription.Status.EXPIRED
    assert not entitlements.is_subscriber(reader)


# --------------------------------------------------------------------------- signed but odd


def _odd_objects(reader_pk: int) -> dict[str, tuple[str, dict[str, Any]]]:
    end = timezone.now() + timedelta(days=30)
    ours = {"plan": "essentiel"}
    without_id = stripe_subscription("active", end, metadata={**ours, "user_id": str(reader_pk)})
    del without_id["id"]
    return {
        "user-id-from-another-app": (
            "customer.subscription.created",
            stripe_subscription("active", end, metadata={**ours, "user_id": "usr_9f8e"}),
        ),
        "huge-user-id": (
            "customer.subscription.created",
            stripe_subscription("active", end, metadata={**ours, "user_id": "9" * 30}),
        ),
        "metadata-not-an-object": (
            "customer.subscription.updated",
            stripe_subscription("active", end) | {"metadata": ["user_id", "1"]},
        ),
        "subscription-without-id": ("customer.subscription.updated", without_id),
        "period-end-out-of-any-calendar": (
            "customer.subscription.created",
            stripe_subscription("active", end, metadata={**ours, "user_id": str(reader_pk)})
            | {"current_period_end": 10**20},
        ),
        "checkout-with-an-object-as-subscription": (
            "checkout.session.completed",
            checkout_session(new_reader(), "essentiel") | {"subscription": {"id": "sub_x"}},
        ),
    }


@pytest.mark.parametrize(
    "case",
    [
        "user-id-from-another-app",
        "huge-user-id",
        "metadata-not-an-object",
        "subscription-without-id",
        "period-end-out-of-any-calendar",
        "checkout-with-an-object-as-subscription",
    ],
)
def test_signed_events_of_an_odd_shape_are_acknowledged_not_a_500(
    stripe_webhook: StripeSender, reader: AbstractBaseUser, plans: Plans, case: str
) -> None:
    event_type, obj = _odd_objects(reader.pk)[case]
    response = stripe_webhook.send(stripe_event(event_type, obj))
    assert response.status_code == 200
    assert not entitlements.is_subscriber(reader)


def test_paid_invoice_with_odd_lines_is_acknowledged_and_extends_nothing(
    stripe_webhook: StripeSender, subscribed: Subscription
) -> None:
    paid_until = subscribed.current_period_end
    odd = invoice(paid_until + timedelta(days=30))
    odd["lines"]["data"] = [{"period": {"start": 1}}, {"period": "demain"}, "ligne", {"period": None}]

    assert stripe_webhook.send(stripe_event("invoice.paid", odd)).status_code == 200

    subscribed.refresh_from_db()
    assert subscribed.current_period_end == paid_until


def test_renewal_billed_then_refused_gives_no_unpaid_access(
    stripe_webhook: StripeSender, subscribed: Subscription, reader: AbstractBaseUser
) -> None:
    """Stripe moves the period on as it bills (still "active"), then the charge fails."""
    paid_until = subscribed.current_period_end
    billed_until = paid_until + timedelta(days=30)
    now = timezone.now()
    for minutes, event_type, obj in [
        (1, "customer.subscription.updated", stripe_subscription("active", billed_until)),
        (2, "invoice.payment_failed", invoice(billed_until, invoice_id="in_refused")),
        (3, "customer.subscription.updated", stripe_subscription("past_due", billed_until)),
    ]:
        stripe_webhook.send(stripe_event(event_type, obj, created=now + timedelta(minutes=minutes)))

    subscribed.refresh_from_db()
    assert subscribed.status == Subscription.Status.PAST_DUE
    assert subscribed.current_period_end == paid_until
    assert entitlements.current_subscription(reader, now=paid_until + timedelta(hours=1)) is None


def test_deletion_with_unreadable_dates_ends_the_subscription_now(
    stripe_webhook: StripeSender, subscribed: Subscription, reader: AbstractBaseUser
) -> None:
    deleted = stripe_subscription("canceled", subscribed.current_period_end)
    event = stripe_event("customer.subscription.deleted", deleted) | {"created": 10**20}

    assert stripe_webhook.send(event).status_code == 200

    subscribed.refresh_from_db()
    assert subscribed.status == Subscription.Status.EXPIRED
    assert not entitlements.is_subscriber(reader)
