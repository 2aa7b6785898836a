"""Ending a Stripe subscription on our side (staff revoke, account deletion) stops the billing
at Stripe, and nothing Stripe sends afterwards brings the subscription back.

Stripe's API is the local stand-in of conftest.py (`stripe_api`), reached over HTTP by the
real `stripe` library.
"""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import connections
from django.test import Client
from django.utils import timezone

from manchette.accounts.services import delete_account
from manchette.subscriptions import entitlements, lifecycle
from manchette.subscriptions.models import Subscription, SubscriptionEvent

from .conftest import (
    PASSWORD,
    SUB_ID,
    Plans,
    StripeApi,
    StripeSender,
    invoice,
    stripe_event,
    stripe_subscription,
)

pytestmark = pytest.mark.django_db


def _cancellations(stripe_api: StripeApi) -> list[dict]:
    return [request for request in stripe_api.requests if request["method"] == "DELETE"]


def test_revoking_cancels_the_subscription_at_stripe(
    subscribed: Subscription, stripe_api: StripeApi, reader: AbstractBaseUser
) -> None:
    lifecycle.revoke(subscribed)

    [cancellation] = _cancellations(stripe_api)
    assert cancellation["path"] == f"/v1/subscriptions/{SUB_ID}"
    assert cancellation["auth"] == "Bearer sk_test_x"
    subscribed.refresh_from_db()
    assert subscribed.status == Subscription.Status.EXPIRED
    assert not entitlements.is_subscriber(reader)


@pytest.mark.parametrize("late_event", ["customer.subscription.updated", "invoice.paid"])
def test_nothing_stripe_sends_later_revives_a_revoked_subscription(
    subscribed: Subscription,
    stripe_api: StripeApi,
    stripe_webhook: StripeSender,
    reader: AbstractBaseUser,
    late_event: str,
) -> None:
    lifecycle.revoke(subscribed)
    later = timezone.now() + timedelta(minutes=5)
    until = later + timedelta(days=30)
    obj = invoice(until) if late_event == "invoice.paid" else stripe_subscription("active", until)

    assert stripe_webhook.send(stripe_event(late_event, obj, created=later)).status_code == 200

    subscribed.refresh_from_db()
    assert subscribed.status == Subscription.Status.EXPIRED
    assert not entitlements.is_subscriber(reader)


def test_stripe_down_leaves_the_subscription_untouched(
    subscribed: Subscription, stripe_api: StripeApi, reader: AbstractBaseUser
) -> None:
    stripe_api.failure_status = 500
    events_before = subscribed.events.count()

    with pytest.raises(lifecycle.ProviderError):
        lifecycle.revoke(subscribed)

    assert _cancellations(stripe_api), "Stripe was not asked"
    subscribed.refresh_from_db()
    assert subscribed.status == Subscription.Status.ACTIVE
    assert subscribed.events.count() == events_before
    assert entitlements.is_subscriber(reader)


def test_a_subscription_stripe_no_longer_knows_is_ended_here(
    subscribed: Subscription, stripe_api: StripeApi
) -> None:
    stripe_api.knows_nothing = True
    lifecycle.revoke(subscribed)
    subscribed.refresh_from_db()
    assert subscribed.status == Subscription.Status.EXPIRED
    assert list(subscribed.events.values_list("kind", flat=True))[-1] == SubscriptionEvent.Kind.REVOKED


def test_account_deletion_stops_stripe_billing(
    subscribed: Subscription, stripe_api: StripeApi, stripe_webhook: StripeSender, reader
) -> None:
    delete_account(reader)

    assert [c["path"] for c in _cancellations(stripe_api)] == [f"/v1/subscriptions/{SUB_ID}"]
    renewal = stripe_subscription("active", timezone.now() + timedelta(days=50))
    stripe_webhook.send(
        stripe_event("customer.subscription.updated", renewal, created=timezone.now() + timedelta(minutes=5))
    )
    subscribed.refresh_from_db()
    assert subscribed.status == Subscription.Status.EXPIRED


def test_account_deletion_waits_for_stripe_and_says_so(
    subscribed: Subscription, stripe_api: StripeApi, reader: AbstractBaseUser
) -> None:
    stripe_api.failure_status = 503
    client = Client()
    client.force_login(reader)

    response = client.post("/mon-compte/supprimer/", {"password": PASSWORD})

    assert response.status_code == 200
    assert "votre compte n&#x27;a pas été supprimé" in response.content.decode()
    reader = get_user_model().objects.get(pk=reader.pk)
    assert reader.is_active and reader.email
    subscribed.refresh_from_db()
    assert subscribed.status == Subscription.Status.ACTIVE


def test_staff_revoke_action_reports_what_stripe_refused(
    subscribed: Subscription, stripe_api: StripeApi
) -> None:
    stripe_api.failure_status = 500
    staff = get_user_model().objects.create_superuser("chef", "chef@manchette.test", PASSWORD)
    client = Client()
    client.force_login(staff)

    response = client.post(f"/admin/abonnements/inspect/{subscribed.pk}/", {"action": "revoke"}, follow=True)

    page = response.content.decode().replace("&#x27;", "'")
    assert "Abonnement retiré." not in page
    assert "L'abonnement n'a pas pu être arrêté chez Stripe (injoignable ou mal configuré)" in page
    subscribed.refresh_from_db()
    assert subscribed.status == Subscription.Status.ACTIVE


def test_stripe_is_asked_outside_any_database_transaction(
    subscribed: Subscription, stripe_api: StripeApi, reader: AbstractBaseUser
) -> None:
    """A slow Stripe must hold no lock: on SQLite a transaction locks the whole database."""
    main_thread_connection = connections["default"]
    depth_before = len(main_thread_connection.atomic_blocks)
    depths_seen_by_stripe: list[int] = []
    stripe_api.on_request = lambda: depths_seen_by_stripe.append(len(main_thread_connection.atomic_blocks))

    delete_account(reader)

    assert depths_seen_by_stripe == [depth_before]


def test_deletion_stopped_half_way_keeps_both_sides_in_step(
    subscribed: Subscription, stripe_api: StripeApi, reader: AbstractBaseUser, plans: Plans
) -> None:
    """Two Stripe subscriptions; Stripe stops the first, then fails on the second."""
    older = Subscription.objects.create(
        user=reader,
        plan=plans.monthly,
        status=Subscription.Status.PAST_DUE,
        current_period_end=timezone.now() - timedelta(days=3),
        provider=Subscription.Provider.STRIPE,
        provider_subscription_id="sub_old_unpaid",
    )
    stripe_api.failure_status, stripe_api.failing_path = 500, "/v1/subscriptions/sub_old_unpaid"

    with pytest.raises(lifecycle.ProviderError):
        delete_account(reader)

    assert [c["path"] for c in _cancellations(stripe_api)] == [
        f"/v1/subscriptions/{SUB_ID}",
        "/v1/subscriptions/sub_old_unpaid",
    ]
    subscribed.refresh_from_db()
    older.refresh_from_db()
    assert subscribed.status == Subscription.Status.EXPIRED  # stopped at Stripe, so ended here
    assert older.status == Subscription.Status.PAST_DUE  # still running at Stripe, so here too
    assert get_user_model().objects.get(pk=reader.pk).is_active  # the account stays
