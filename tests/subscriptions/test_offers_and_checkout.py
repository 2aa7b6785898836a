"""The offers page and Stripe Checkout, without a single network call."""

from types import SimpleNamespace
from typing import Any

import pytest
import stripe
from django.test import Client

from manchette.subscriptions.models import Plan

from .conftest import Plans, new_reader, subscribe

pytestmark = pytest.mark.django_db

NOT_OPEN = "Le paiement en ligne n'est pas encore ouvert"


@pytest.fixture
def reader_client(plans: Plans) -> Client:
    client = Client()
    client.force_login(new_reader())
    return client


class FakeStripeClient:
    """Stands in for stripe.StripeClient: records the Checkout session asked for."""

    sessions: list[dict[str, Any]] = []

    def __init__(self, api_key: str) -> None:
        self.api_key = api_key
        self.v1 = SimpleNamespace(checkout=SimpleNamespace(sessions=SimpleNamespace(create=self._create)))

    def _create(self, params: dict[str, Any]) -> SimpleNamespace:
        FakeStripeClient.sessions.append({"api_key": self.api_key, **params})
        return SimpleNamespace(url="https://checkout.stripe.test/c/pay/cs_test_1")


@pytest.fixture
def fake_stripe(monkeypatch: pytest.MonkeyPatch) -> type[FakeStripeClient]:
    FakeStripeClient.sessions = []
    monkeypatch.setattr(stripe, "StripeClient", FakeStripeClient)
    return FakeStripeClient


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
    reader_client: Client, settings, fake_stripe
) -> None:
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_WEBHOOK_SECRET = ""

    response = reader_client.post("/abonnement/essentiel/payer/")

    assert response.status_code == 302
    assert response["Location"] == "/abonnement/"
    page = reader_client.get(response["Location"]).content.decode()
    assert NOT_OPEN in page.replace("&#x27;", "'")
    assert fake_stripe.sessions == []


def test_checkout_of_a_plan_without_a_stripe_price_calls_nobody(
    reader_client: Client, stripe_configured, fake_stripe
) -> None:
    response = reader_client.post("/abonnement/essentiel/payer/", follow=True)
    assert NOT_OPEN in response.content.decode().replace("&#x27;", "'")
    assert fake_stripe.sessions == []


def test_checkout_sends_the_reader_to_stripe_with_their_references(
    plans: Plans, stripe_configured, fake_stripe
) -> None:
    plans.monthly.stripe_price_id = "price_test_essentiel"
    plans.monthly.save()
    reader = new_reader()
    client = Client()
    client.force_login(reader)

    response = client.post("/abonnement/essentiel/payer/")

    assert response.status_code == 302
    assert response["Location"] == "https://checkout.stripe.test/c/pay/cs_test_1"
    [session] = fake_stripe.sessions
    assert session["api_key"] == "sk_test_x"
    assert session["mode"] == "subscription"
    assert session["line_items"] == [{"price": "price_test_essentiel", "quantity": 1}]
    assert session["client_reference_id"] == str(reader.pk)
    assert session["customer_email"] == reader.email
    assert session["metadata"] == {"user_id": str(reader.pk), "plan": "essentiel"}
    assert session["subscription_data"]["metadata"] == {"user_id": str(reader.pk), "plan": "essentiel"}
    assert session["success_url"].endswith("/mon-compte/abonnement/")
    assert session["cancel_url"].endswith("/abonnement/")


def test_stripe_failure_is_a_french_message_not_a_500(
    plans: Plans, reader_client: Client, stripe_configured, monkeypatch: pytest.MonkeyPatch
) -> None:
    plans.monthly.stripe_price_id = "price_test_essentiel"
    plans.monthly.save()

    class DownStripeClient(FakeStripeClient):
        def _create(self, params: dict[str, Any]) -> SimpleNamespace:
            raise stripe.APIConnectionError("injoignable")

    monkeypatch.setattr(stripe, "StripeClient", DownStripeClient)
    response = reader_client.post("/abonnement/essentiel/payer/", follow=True)
    assert response.status_code == 200
    assert "Le service de paiement ne répond pas" in response.content.decode()


def test_checkout_needs_a_logged_in_reader(plans: Plans, fake_stripe) -> None:
    response = Client().post("/abonnement/essentiel/payer/")
    assert response.status_code == 302
    assert response["Location"].startswith("/compte/login/")


def test_checkout_is_post_only(reader_client: Client, fake_stripe) -> None:
    assert reader_client.get("/abonnement/essentiel/payer/").status_code == 405


@pytest.mark.parametrize("slug", ["inconnue", "ancienne"])
def test_checkout_of_an_unknown_or_withdrawn_plan_is_404(
    reader_client: Client, slug: str, fake_stripe
) -> None:
    Plan.objects.create(slug="ancienne", name="Ancienne", price_cents=1, active=False)
    assert reader_client.post(f"/abonnement/{slug}/payer/").status_code == 404


def test_checkout_needs_a_csrf_token(plans: Plans, fake_stripe) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(new_reader())
    assert client.post("/abonnement/essentiel/payer/").status_code == 403
