"""The offers page and Stripe Checkout, against a local stand-in for Stripe's API.

No call leaves the machine: STRIPE_API_BASE points the real `stripe` library at an HTTP
server of conftest.py (`stripe_api`), which records what Stripe would receive.
"""

import socket
from datetime import timedelta
from html import unescape

import pytest
from django.test import Client
from django.utils import timezone

from manchette.subscriptions import checkout_pages
from manchette.subscriptions.models import CheckoutPage, Plan, Subscription

from .conftest import (
    CHECKOUT_URL,
    PORTAL_URL,
    Plans,
    StripeApi,
    StripeSender,
    new_reader,
    stripe_event,
    subscribe,
)

pytestmark = pytest.mark.django_db

NOT_OPEN = "Le paiement en ligne n'est pas encore ouvert"


@pytest.fixture
def reader_client(plans: Plans) -> Client:
    client = Client()
    client.force_login(new_reader())
    return client


def test_offers_page_lists_active_plans(plans: Plans) -> None:
    Plan.objects.create(slug="ancienne", name="Ancienne formule", price_cents=1, active=False)
    response = Client().get("/abonnement/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Essentiel" in page and "Annuel" in page
    assert "9,99 € par mois" in page
    assert "99,00 € par an" in page
    assert "Ancienne formule" not in page
    assert "Déjà abonné ?" in page
    assert "private" in response["Cache-Control"]


def test_offers_page_tells_a_subscriber_they_already_are(plans: Plans) -> None:
    reader = new_reader()
    subscribe(reader, plans.yearly)
    client = Client()
    client.force_login(reader)
    page = client.get("/abonnement/").content.decode()
    assert "déjà abonné·e (formule Annuel)" in page
    assert "Choisir cette formule" not in page


def test_checkout_without_stripe_redirects_to_the_offers_with_a_french_message(
    reader_client: Client, settings, stripe_api
) -> None:
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_WEBHOOK_SECRET = ""

    response = reader_client.post("/abonnement/essentiel/payer/")

    assert response.status_code == 302
    assert response["Location"] == "/abonnement/"
    page = reader_client.get(response["Location"]).content.decode()
    assert NOT_OPEN in page.replace("&#x27;", "'")
    assert stripe_api.sessions == []


def test_checkout_of_a_plan_without_a_stripe_price_calls_nobody(
    reader_client: Client, stripe_configured, stripe_api
) -> None:
    response = reader_client.post("/abonnement/essentiel/payer/", follow=True)
    assert NOT_OPEN in response.content.decode().replace("&#x27;", "'")
    assert stripe_api.sessions == []


def test_checkout_sends_the_reader_to_stripe_with_their_references(
    plans: Plans, stripe_configured, stripe_api
) -> None:
    plans.monthly.stripe_price_id = "price_test_essentiel"
    plans.monthly.save()
    reader = new_reader()
    client = Client()
    client.force_login(reader)

    response = client.post("/abonnement/essentiel/payer/")

    assert response.status_code == 302
    assert response["Location"] == CHECKOUT_URL
    [request] = stripe_api.requests
    assert request["auth"] == "Bearer sk_test_x"
    assert request["form"] == {
        "mode": "subscription",
        "line_items[0][price]": "price_test_essentiel",
        "line_items[0][quantity]": "1",
        "customer_email": reader.email,
        "client_reference_id": str(reader.pk),
        "metadata[user_id]": str(reader.pk),
        "metadata[plan]": "essentiel",
        "subscription_data[metadata][user_id]": str(reader.pk),
        "subscription_data[metadata][plan]": "essentiel",
        "success_url": "http://testserver/mon-compte/abonnement/",
        "cancel_url": "http://testserver/abonnement/",
        "locale": "fr",
    }


def test_stripe_error_is_a_french_message_not_a_500(
    plans: Plans, reader_client: Client, stripe_configured, stripe_api: StripeApi
) -> None:
    plans.monthly.stripe_price_id = "price_test_essentiel"
    plans.monthly.save()
    stripe_api.failure_status = 500

    response = reader_client.post("/abonnement/essentiel/payer/", follow=True)

    assert stripe_api.sessions, "Stripe was not asked"
    assert response.status_code == 200
    assert "Le service de paiement ne répond pas" in response.content.decode()


def test_unreachable_stripe_is_a_french_message_not_a_500(
    plans: Plans, reader_client: Client, stripe_configured, settings
) -> None:
    plans.monthly.stripe_price_id = "price_test_essentiel"
    plans.monthly.save()
    with socket.socket() as closed:  # a port that was free a moment ago: nobody listens there
        closed.bind(("127.0.0.1", 0))
        settings.STRIPE_API_BASE = f"http://127.0.0.1:{closed.getsockname()[1]}"

    response = reader_client.post("/abonnement/essentiel/payer/", follow=True)

    assert response.status_code == 200
    assert "Le service de paiement ne répond pas" in response.content.decode()


def test_checkout_needs_a_logged_in_reader(plans: Plans, stripe_api) -> None:
    response = Client().post("/abonnement/essentiel/payer/")
    assert response.status_code == 302
    assert response["Location"].startswith("/compte/login/")


def test_checkout_is_post_only(reader_client: Client, stripe_api) -> None:
    assert reader_client.get("/abonnement/essentiel/payer/").status_code == 405


@pytest.mark.parametrize("slug", ["inconnue", "ancienne"])
def test_checkout_of_an_unknown_or_withdrawn_plan_is_404(
    reader_client: Client, slug: str, stripe_api
) -> None:
    Plan.objects.create(slug="ancienne", name="Ancienne", price_cents=1, active=False)
    assert reader_client.post(f"/abonnement/{slug}/payer/").status_code == 404


def test_checkout_needs_a_csrf_token(plans: Plans, stripe_api) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(new_reader())
    assert client.post("/abonnement/essentiel/payer/").status_code == 403


def test_checkout_sends_a_current_subscriber_to_their_subscription(
    client_of_kind, stripe_configured, stripe_api: StripeApi
) -> None:
    response = client_of_kind("subscriber").post("/abonnement/essentiel/payer/", follow=True)
    assert response.redirect_chain[-1][0] == "/mon-compte/abonnement/"
    assert "Vous êtes déjà abonné·e" in response.content.decode()
    assert stripe_api.requests == [], "a second, paid subscription was started"


@pytest.fixture
def priced(plans: Plans, stripe_configured) -> Plans:
    for plan, price in ((plans.monthly, "price_test_essentiel"), (plans.yearly, "price_test_annuel")):
        plan.stripe_price_id = price
        plan.save()
    return plans


def test_a_double_click_or_a_second_tab_opens_the_same_checkout(
    priced: Plans, reader_client: Client, stripe_api: StripeApi
) -> None:
    first = reader_client.post("/abonnement/essentiel/payer/")
    second = reader_client.post("/abonnement/essentiel/payer/")

    assert first["Location"] == second["Location"] == CHECKOUT_URL
    assert stripe_api.distinct_sessions == 1
    assert stripe_api.requests[0]["idempotency_key"]
    assert list(stripe_api.checkout_status.values()) == ["open"]


def test_two_tabs_on_two_plans_leave_one_page_that_can_be_paid(
    priced: Plans, reader_client: Client, stripe_api: StripeApi
) -> None:
    monthly = reader_client.post("/abonnement/essentiel/payer/")["Location"]
    yearly = reader_client.post("/abonnement/annuel/payer/")["Location"]

    assert monthly != yearly
    assert stripe_api.checkout_status == {"cs_test_1": "expired", "cs_test_2": "open"}
    with pytest.raises(AssertionError, match="cs_test_1 is expired"):
        stripe_api.pay(monthly)
    # Back to the first tab: the monthly plan gets a new page, and the yearly one closes.
    again = reader_client.post("/abonnement/essentiel/payer/")["Location"]
    assert again not in (monthly, yearly)
    assert sorted(stripe_api.checkout_status.values()) == ["expired", "expired", "open"]


def test_a_reader_who_paid_in_the_other_tab_is_not_sent_to_pay_again(
    priced: Plans, reader_client: Client, stripe_api: StripeApi
) -> None:
    stripe_api.pay(reader_client.post("/abonnement/essentiel/payer/")["Location"])

    response = reader_client.post("/abonnement/annuel/payer/", follow=True)

    assert response.redirect_chain[-1][0] == "/mon-compte/abonnement/"
    assert "Votre paiement vient d'être reçu" in unescape(response.content.decode())
    assert stripe_api.checkout_status == {"cs_test_1": "complete", "cs_test_2": "expired"}


def test_a_page_stripe_closed_is_not_handed_back(
    priced: Plans, reader_client: Client, stripe_api: StripeApi, stripe_webhook: StripeSender
) -> None:
    first = reader_client.post("/abonnement/essentiel/payer/")["Location"]
    stripe_api.checkout_status["cs_test_1"] = "expired"  # after Stripe's 24 hours
    expired = {"id": "cs_test_1", "object": "checkout.session", "status": "expired", "mode": "subscription"}
    assert stripe_webhook.send(stripe_event("checkout.session.expired", expired)).status_code == 200

    second = reader_client.post("/abonnement/essentiel/payer/")["Location"]

    assert second != first
    assert stripe_api.checkout_status["cs_test_2"] == "open"


def test_a_checkout_being_opened_makes_the_readers_other_requests_wait(
    priced: Plans, stripe_api: StripeApi, clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(checkout_pages, "CHECKOUT_WAIT_SECONDS", 0.3)
    reader = new_reader()
    client = Client()
    client.force_login(reader)
    # Another request of this reader is talking to Stripe, longer than this one waits.
    CheckoutPage.objects.create(user=reader, opening_until=timezone.now() + timedelta(seconds=30))

    response = client.post("/abonnement/annuel/payer/", follow=True)

    assert "Une page de paiement est en train de s'ouvrir pour vous" in unescape(response.content.decode())
    assert stripe_api.requests == []
    # A request that died holding the claim holds it no longer than its timeout.
    clock.shift(timedelta(seconds=31))
    assert client.post("/abonnement/annuel/payer/")["Location"].startswith("https://checkout.stripe.test/")


def test_each_reader_gets_their_own_checkout(priced: Plans, stripe_api: StripeApi) -> None:
    for _reader in range(2):
        client = Client()
        client.force_login(new_reader())
        client.post("/abonnement/essentiel/payer/")
    assert stripe_api.distinct_sessions == 2


def test_a_reader_whose_payment_stripe_is_retrying_is_not_sent_to_pay_again(
    priced: Plans, stripe_api: StripeApi
) -> None:
    """Past due and the period over: no access, yet Stripe still bills the subscription."""
    reader = new_reader()
    unpaid = subscribe(reader, priced.monthly, Subscription.Status.PAST_DUE, ends_in=-timedelta(days=2))
    unpaid.provider = Subscription.Provider.STRIPE
    unpaid.provider_customer_id = "cus_test_1"
    unpaid.save()
    client = Client()
    client.force_login(reader)

    response = client.post("/abonnement/annuel/payer/", follow=True)

    assert response.redirect_chain[-1][0] == "/mon-compte/abonnement/"
    assert stripe_api.sessions == []
    page = response.content.decode()
    assert "votre accès est suspendu" in page
    assert 'href="/abonnement/moyen-de-paiement/"' in page


def test_the_past_due_notice_leads_to_stripes_customer_portal(priced: Plans, stripe_api: StripeApi) -> None:
    reader = new_reader()
    late = subscribe(reader, priced.monthly, Subscription.Status.PAST_DUE, ends_in=timedelta(days=2))
    late.provider, late.provider_customer_id = Subscription.Provider.STRIPE, "cus_test_1"
    late.save()
    client = Client()
    client.force_login(reader)
    page = client.get("/mon-compte/abonnement/").content.decode()
    assert 'href="/abonnement/moyen-de-paiement/"' in page

    response = client.get("/abonnement/moyen-de-paiement/")

    assert response.status_code == 302
    assert response["Location"] == PORTAL_URL
    [portal] = [r for r in stripe_api.requests if r["path"] == "/v1/billing_portal/sessions"]
    assert portal["form"]["customer"] == "cus_test_1"
    assert portal["form"]["return_url"] == "http://testserver/mon-compte/abonnement/"


def test_without_stripe_the_payment_method_page_says_whom_to_contact(
    plans: Plans, reader_client: Client
) -> None:
    response = reader_client.get("/abonnement/moyen-de-paiement/", follow=True)
    assert response.redirect_chain[-1][0] == "/mon-compte/abonnement/"
    assert "contactez notre service abonnements" in response.content.decode()
