""" "Résilier mon abonnement": French law (since 1 June 2023) wants online cancellation easy to
reach and confirmed. Three clicks from any page, the date access ends shown before confirming,
a confirmation page, a confirmation email, and an undo until the period ends.

The email is received by a real SMTP server (aiosmtpd, started here on a free port); Stripe's
API is the local stand-in of conftest.py.
"""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.base_user import AbstractBaseUser
from django.test import Client
from django.utils import timezone

from manchette.articles.templatetags.news import iso_datetime, long_datetime
from manchette.subscriptions import entitlements, lifecycle
from manchette.subscriptions.models import Subscription, SubscriptionEvent
from tests.conftest import Mailbox

from .conftest import (
    SUB_ID,
    Plans,
    StripeApi,
    StripeSender,
    new_reader,
    stripe_event,
    stripe_subscription,
)

pytestmark = pytest.mark.django_db

CANCEL = "/abonnement/resilier/"
CANCELLED = "/abonnement/resiliation-confirmee/"
RESUME = "/abonnement/reprendre/"


def _client(reader: AbstractBaseUser) -> Client:
    client = Client()
    client.force_login(reader)
    return client


def _links(page: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', page)


@pytest.fixture
def manual_subscriber(plans: Plans) -> AbstractBaseUser:
    reader = new_reader()
    lifecycle.grant(reader, plans.monthly, timezone.now() + timedelta(days=12))
    return reader


def test_three_clicks_from_any_page(
    manual_subscriber: AbstractBaseUser, django_capture_on_commit_callbacks
) -> None:
    """Click 1: "Mon compte" in the masthead; 2: "Résilier mon abonnement"; 3: "Confirmer"."""
    client = _client(manual_subscriber)
    any_page = client.get("/abonnement/").content.decode()
    assert "/mon-compte/" in _links(any_page)  # the masthead, on every page

    account = client.get("/mon-compte/").content.decode()  # click 1
    assert CANCEL in _links(account)
    assert "Résilier mon abonnement" in account

    page = client.get(CANCEL).content.decode()  # click 2
    subscription = Subscription.objects.get(user=manual_subscriber)
    assert "Si vous résiliez, votre accès aux articles abonnés prendra fin le" in page
    assert f'datetime="{iso_datetime(subscription.current_period_end)}"' in page
    assert "Confirmer la résiliation" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CANCEL)  # click 3
    assert response.status_code == 302 and response["Location"] == CANCELLED

    confirmation = client.get(CANCELLED).content.decode()
    assert "Résiliation confirmée" in confirmation
    assert "Vous gardez l'accès à tous les articles jusqu'au" in confirmation
    assert manual_subscriber.email in confirmation


def test_manual_subscription_is_cancelled_at_once_and_runs_to_its_end(
    manual_subscriber: AbstractBaseUser, django_capture_on_commit_callbacks
) -> None:
    ends = Subscription.objects.get(user=manual_subscriber).current_period_end
    with django_capture_on_commit_callbacks(execute=True):
        _client(manual_subscriber).post(CANCEL)

    subscription = Subscription.objects.get(user=manual_subscriber)
    assert subscription.status == Subscription.Status.CANCELLED
    assert subscription.current_period_end == ends
    assert entitlements.is_subscriber(manual_subscriber)
    assert entitlements.current_subscription(manual_subscriber, now=ends + timedelta(seconds=1)) is None
    assert list(subscription.events.values_list("kind", flat=True))[-1] == SubscriptionEvent.Kind.CANCELLED


def test_the_confirmation_email_arrives_with_the_date_access_ends(
    manual_subscriber: AbstractBaseUser, smtp_server: Mailbox, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _client(manual_subscriber).post(CANCEL)

    [mail] = smtp_server.messages
    assert mail["To"] == manual_subscriber.email
    assert mail["Subject"] == "Votre abonnement Manchette est résilié"
    body = mail.get_content()
    ends = long_datetime(Subscription.objects.get(user=manual_subscriber).current_period_end)
    assert "Nous confirmons la résiliation de votre abonnement Essentiel." in body
    assert f"Vous gardez l'accès à tous les articles jusqu'au {ends} ;" in body
    assert "http://127.0.0.1:8000/mon-compte/abonnement/" in body


def test_undo_until_the_period_ends(
    manual_subscriber: AbstractBaseUser, smtp_server: Mailbox, django_capture_on_commit_callbacks, clock
) -> None:
    client = _client(manual_subscriber)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(CANCEL)
    assert "Reprendre mon abonnement" in client.get("/mon-compte/abonnement/").content.decode()

    response = client.post(RESUME, follow=True)

    assert "Votre abonnement continue" in response.content.decode()
    subscription = Subscription.objects.get(user=manual_subscriber)
    assert subscription.status == Subscription.Status.ACTIVE
    assert list(subscription.events.values_list("kind", flat=True))[-2:] == ["cancelled", "reactivated"]
    assert len(smtp_server.messages) == 1

    # Cancelled again, the period then ends: nothing left to undo.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(CANCEL)
    clock.shift(timedelta(days=13))
    client.post(RESUME)
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.CANCELLED
    assert not entitlements.is_subscriber(manual_subscriber)


def test_cancelling_twice_changes_nothing_more(
    manual_subscriber: AbstractBaseUser, django_capture_on_commit_callbacks, mailoutbox
) -> None:
    client = _client(manual_subscriber)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(CANCEL)
        second = client.post(CANCEL)
    assert second["Location"] == CANCELLED
    subscription = Subscription.objects.get(user=manual_subscriber)
    assert list(subscription.events.values_list("kind", flat=True)).count("cancelled") == 1
    assert len(mailoutbox) == 1


def test_a_reader_without_subscription_is_told_so(plans: Plans) -> None:
    page = _client(new_reader()).get(CANCEL).content.decode()
    assert "Vous n'avez pas d'abonnement en cours à résilier." in page
    assert "Confirmer la résiliation" not in page


def test_cancellation_needs_login_and_a_csrf_token(manual_subscriber: AbstractBaseUser) -> None:
    assert Client().get(CANCEL)["Location"].startswith("/compte/login/")
    client = Client(enforce_csrf_checks=True)
    client.force_login(manual_subscriber)
    assert client.post(CANCEL).status_code == 403
    assert client.post(RESUME).status_code == 403
    assert Subscription.objects.get(user=manual_subscriber).status == Subscription.Status.ACTIVE


# --------------------------------------------------------------------------- Stripe


def test_stripe_is_asked_to_cancel_at_the_period_end_and_the_webhook_agrees(
    subscribed: Subscription,
    reader: AbstractBaseUser,
    stripe_api: StripeApi,
    stripe_webhook: StripeSender,
    django_capture_on_commit_callbacks,
) -> None:
    paid_until = subscribed.current_period_end
    with django_capture_on_commit_callbacks(execute=True):
        response = _client(reader).post(CANCEL)
    assert response["Location"] == CANCELLED

    [update] = [r for r in stripe_api.requests if r["path"] == f"/v1/subscriptions/{SUB_ID}"]
    assert update["method"] == "POST"
    assert update["form"] == {"cancel_at_period_end": "true"}
    subscribed.refresh_from_db()
    assert subscribed.status == Subscription.Status.CANCELLED

    # Stripe then reports the change it made.
    agreeing = stripe_subscription("active", paid_until, cancel_at_period_end=True)
    assert stripe_webhook.send(stripe_event("customer.subscription.updated", agreeing)).status_code == 200
    subscribed.refresh_from_db()
    assert subscribed.status == Subscription.Status.CANCELLED
    assert subscribed.current_period_end == paid_until
    assert entitlements.is_subscriber(reader)


def test_a_late_webhook_from_before_the_cancellation_does_not_undo_it(
    subscribed: Subscription, reader: AbstractBaseUser, stripe_api: StripeApi, stripe_webhook: StripeSender
) -> None:
    _client(reader).post(CANCEL)
    older = stripe_event(
        "customer.subscription.updated",
        stripe_subscription("active", subscribed.current_period_end),
        created=timezone.now() - timedelta(minutes=5),
    )
    stripe_webhook.send(older)
    subscribed.refresh_from_db()
    assert subscribed.status == Subscription.Status.CANCELLED


def test_stripe_down_the_subscription_is_not_cancelled_and_the_reader_is_told(
    subscribed: Subscription, reader: AbstractBaseUser, stripe_api: StripeApi, mailoutbox
) -> None:
    stripe_api.failure_status = 503
    response = _client(reader).post(CANCEL)
    assert response.status_code == 200
    assert "votre abonnement n&#x27;est pas encore résilié" in response.content.decode()
    subscribed.refresh_from_db()
    assert subscribed.status == Subscription.Status.ACTIVE
    assert mailoutbox == []


def test_undo_goes_through_stripe(
    subscribed: Subscription, reader: AbstractBaseUser, stripe_api: StripeApi
) -> None:
    client = _client(reader)
    client.post(CANCEL)
    client.post(RESUME)
    updates = [r["form"] for r in stripe_api.requests if r["path"] == f"/v1/subscriptions/{SUB_ID}"]
    assert updates == [{"cancel_at_period_end": "true"}, {"cancel_at_period_end": "false"}]
    subscribed.refresh_from_db()
    assert subscribed.status == Subscription.Status.ACTIVE
