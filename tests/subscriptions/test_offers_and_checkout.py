"""The offers page and Stripe Checkout, against a local stand-in for Stripe's API.

No call leaves the machine: STRIPE_API_BASE points the real `stripe` library at an HTTP
server of this module, which records what Stripe would receive.
"""

import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

import pytest
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


@dataclass
class StripeApi:
    """A stand-in for api.stripe.com on this machine: the real `stripe` library talks to it
    over HTTP; it records each request and answers as Stripe would, or fails on demand."""

    url: str
    requests: list[dict[str, Any]] = field(default_factory=list)
    failure_status: int | None = None

    @property
    def sessions(self) -> list[dict[str, str]]:
        return [r["form"] for r in self.requests if r["path"] == "/v1/checkout/sessions"]


CHECKOUT_URL = "https://checkout.stripe.test/c/pay/cs_test_1"


@pytest.fixture
def stripe_api(settings) -> Iterator[StripeApi]:
    api = StripeApi(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"] or 0)).decode()
            form = {key: values[-1] for key, values in parse_qs(body, keep_blank_values=True).items()}
            api.requests.append({"path": self.path, "auth": self.headers["Authorization"], "form": form})
            if api.failure_status:
                self._answer(api.failure_status, {"error": {"type": "api_error", "message": "En panne"}})
            else:
                self._answer(200, {"id": "cs_test_1", "object": "checkout.session", "url": CHECKOUT_URL})

        def _answer(self, status: int, data: dict) -> None:
            payload = json.dumps(data).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    api.url = f"http://127.0.0.1:{server.server_port}"
    settings.STRIPE_API_BASE = api.url
    yield api
    server.shutdown()
    server.server_close()


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
