"""Ending a Stripe subscription on our side (staff revoke, account deletion) stops the billing
at Stripe, and nothing Stripe sends afterwards brings the subscription back.

Stripe's API is the local stand-in of conftest.py (`stripe_api`), reached over HTTP by the
real `stripe` library.
"""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.test import Client
from django.utils import timezone

from manchette.accounts.services import delete_account
from manchette.subscriptions import services
from manchette.subscriptions.models import Subscription, SubscriptionEvent

from .conftest import PASSWORD, SUB_ID, StripeApi, StripeSender, invoice, stripe_event, stripe_subscription

pytestmark = pytest.mark.django_db


def _cancellations(stripe_api: StripeApi) -> list[dict]:
    return [request for request in stripe_api.requests if request["method"] == "DELETE"]


def test_revoking_cancels_the_subscription_at_stripe(
    subscribed: Subscription, stripe_api: StripeApi, reader: AbstractBaseUser
) -> None:
    services.revoke(subscribed)

    [cancellation] = _cancellations(stripe_api)
    assert cancellation["path"] == f"/v1/subscriptions/{SUB_ID}"
    assert cancellation["auth"] == "Bearer sk_test_x"
    subscribed.refresh_from_db()
    assert subscribed.status == Subscription.Status.EXPIRED
    assert not services.is_subscriber(reader)


@pytest.mark.parametrize("late_event", ["customer.subscription.updated", "invoice.paid"])
def test_nothing_stripe_sends_later_revives_a_revoked_subscription(
    subscribed: Subscription,
    stripe_api: StripeApi,
    stripe_webhook: StripeSender,
    reader: AbstractBaseUser,
    late_event: str,
) -> None:
    services.revoke(subscribed)
    later = timezone.now() + timedelta(minutes=5)
    until = later + timedelta(days=30)
    obj = invoice(until) if late_event == "invoice.paid" else stripe_subscription("active", until)

    assert stripe_webhook.send(stripe_event(late_event, obj, created=later)).status_code == 200

    subscribed.refresh_from_db()
    assert subscribed.status == Subscription.Status.EXPIRED
    assert not services.is_subscriber(reader)


def test_stripe_down_leaves_the_subscription_untouched(
    subscribed: Subscription, stripe_api: StripeApi, reader: AbstractBaseUser
) -> None:
    stripe_api.failure_status = 500
    events_before = subscribed.events.count()

    with pytest.raises(services.ProviderError):
        services.revoke(subscribed)

    assert _cancellations(stripe_api), "Stripe was not asked"
    subscribed.refresh_from_db()
    assert subscribed.status == Subscription.Status.ACTIVE
    assert subscribed.events.count() == events_before
    assert services.is_subscriber(reader)


def test_a_subscription_stripe_no_longer_knows_is_ended_here(
    subscribed: Subscription, stripe_api: StripeApi
) -> None:
    stripe_api.knows_nothing = True
    services.revoke(subscribed)
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

    response = client.post(
        "/django-admin/subscriptions/subscription/",
        {"action": "revoke", "_selected_action": [subscribed.pk]},
        follow=True,
    )

    page = response.content.decode().replace("&#x27;", "'")
    assert "abonnement retiré" not in page
    assert "1 abonnement n'a pas pu être arrêté chez Stripe" in page
    subscribed.refresh_from_db()
    assert subscribed.status == Subscription.Status.ACTIVE
