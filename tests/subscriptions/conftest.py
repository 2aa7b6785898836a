"""Fixtures for plans, subscriptions in every state, and signed Stripe webhook calls.

No test here may reach the network: `_no_network` makes any connection to a host
other than the loopback fail loudly, so a Stripe call that slipped through is a
test failure, not a silent request to api.stripe.com.
"""

import functools
import hashlib
import hmac
import itertools
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.utils import timezone

from manchette.subscriptions import lifecycle
from manchette.subscriptions.models import PaywallSettings, Plan, Subscription

STRIPE_WEBHOOK_URL = "/abonnement/stripe/webhook/"
STRIPE_SECRET_KEY = "sk_test_x"
STRIPE_WEBHOOK_SECRET = "whsec_test"
PASSWORD = "un-mot-de-passe-solide"

_LOOPBACK = {"127.0.0.1", "::1", "localhost"}


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    real_connect = socket.socket.connect

    def guarded_connect(sock: socket.socket, address: Any) -> Any:
        host = address[0] if isinstance(address, tuple) else address
        if sock.family in (socket.AF_INET, socket.AF_INET6) and host not in _LOOPBACK:
            raise AssertionError(f"a test tried to reach the network: {address!r}")
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)


# --------------------------------------------------------------------------- plans and readers


@dataclass
class Plans:
    monthly: Plan
    yearly: Plan


@pytest.fixture
def plans(db) -> Plans:
    """The demo's two plans: "essentiel" (monthly) and "annuel" (yearly)."""
    monthly = Plan.objects.create(
        slug="essentiel", name="Essentiel", price_cents=999, period=Plan.Period.MONTH
    )
    yearly = Plan.objects.create(slug="annuel", name="Annuel", price_cents=9900, period=Plan.Period.YEAR)
    return Plans(monthly=monthly, yearly=yearly)


_serial = itertools.count(1)


@functools.cache
def password_hash() -> str:
    """PASSWORD hashed once: Argon2 takes a quarter of a second by design."""
    return make_password(PASSWORD)


def new_reader(*, verified: bool = True, **fields: Any) -> AbstractBaseUser:
    """A reader who signed up (and, by default, confirmed their address), password PASSWORD."""
    number = next(_serial)
    email = fields.pop("email", f"lecteur{number}@example.test")
    user = get_user_model().objects.create(
        username=fields.pop("username", f"lecteur{number}"), email=email, password=password_hash(), **fields
    )
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def subscribe(
    user: AbstractBaseUser,
    plan: Plan,
    status: str = Subscription.Status.ACTIVE,
    ends_in: timedelta = timedelta(days=10),
) -> Subscription:
    return Subscription.objects.create(
        user=user,
        plan=plan,
        status=status,
        current_period_end=timezone.now() + ends_in,
        provider=Subscription.Provider.MANUAL,
    )


# Every kind of reader the entitlement rules know, and whether they are entitled.
READER_KINDS: dict[str, bool] = {
    "anonymous": False,
    "free_reader": False,
    "subscriber": True,
    "expired": False,
    "active_but_period_over": False,
    "past_due_in_period": True,
    "past_due_period_over": False,
    "cancelled_with_time_left": True,
    "cancelled_after_period_end": False,
    "revoked": False,
    "resubscribed_after_expiry": True,
    "staff": True,
}


def make_reader(kind: str, plans: Plans) -> AbstractBaseUser | AnonymousUser:
    Status = Subscription.Status
    if kind == "anonymous":
        return AnonymousUser()
    if kind == "staff":
        return new_reader(is_staff=True)
    user = new_reader()
    match kind:
        case "free_reader":
            pass
        case "subscriber":
            subscribe(user, plans.monthly)
        case "expired":
            subscribe(user, plans.monthly, Status.EXPIRED, ends_in=-timedelta(days=2))
        case "active_but_period_over":  # the renewal never came
            subscribe(user, plans.monthly, Status.ACTIVE, ends_in=-timedelta(minutes=1))
        case "past_due_in_period":
            subscribe(user, plans.monthly, Status.PAST_DUE, ends_in=timedelta(days=3))
        case "past_due_period_over":
            subscribe(user, plans.monthly, Status.PAST_DUE, ends_in=-timedelta(hours=1))
        case "cancelled_with_time_left":
            subscribe(user, plans.monthly, Status.CANCELLED, ends_in=timedelta(days=5))
        case "cancelled_after_period_end":
            subscribe(user, plans.monthly, Status.CANCELLED, ends_in=-timedelta(hours=1))
        case "revoked":
            lifecycle.revoke(lifecycle.grant(user, plans.yearly))
        case "resubscribed_after_expiry":
            subscribe(user, plans.monthly, Status.EXPIRED, ends_in=-timedelta(days=40))
            subscribe(user, plans.yearly, Status.ACTIVE, ends_in=timedelta(days=300))
        case _:
            raise AssertionError(f"unknown reader kind {kind}")
    return user


@pytest.fixture
def reader_of_kind(plans: Plans) -> Callable[[str], AbstractBaseUser | AnonymousUser]:
    return lambda kind: make_reader(kind, plans)


@pytest.fixture
def client_of_kind(plans: Plans) -> Callable[[str], Client]:
    """A test client browsing as this kind of reader (logged in unless anonymous)."""

    def build(kind: str) -> Client:
        client = Client()
        reader = make_reader(kind, plans)
        if reader.is_authenticated:
            client.force_login(reader)
        return client

    return build


@pytest.fixture
def paywall(db) -> PaywallSettings:
    return PaywallSettings.load()


@pytest.fixture
def metered(paywall: PaywallSettings) -> PaywallSettings:
    """Metered mode: two premium articles a month for logged-in readers."""
    paywall.metered = True
    paywall.metered_monthly_quota = 2
    paywall.save()
    return paywall


# --------------------------------------------------------------------------- Stripe


@pytest.fixture
def stripe_configured(settings) -> None:
    settings.STRIPE_SECRET_KEY = STRIPE_SECRET_KEY
    settings.STRIPE_WEBHOOK_SECRET = STRIPE_WEBHOOK_SECRET


def stripe_signature(payload: str, secret: str = STRIPE_WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    """The Stripe-Signature header, computed exactly as Stripe computes it."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def unix(moment: datetime) -> int:
    return int(moment.timestamp())


_event_serial = itertools.count(1)


def stripe_event(
    event_type: str, obj: dict[str, Any], *, created: datetime | None = None, event_id: str | None = None
) -> dict[str, Any]:
    return {
        "id": event_id or f"evt_test_{next(_event_serial)}",
        "object": "event",
        "type": event_type,
        "created": unix(created or timezone.now()),
        "livemode": False,
        "api_version": "2025-09-30.clover",
        "data": {"object": obj},
    }


@dataclass
class StripeSender:
    client: Client

    def post(self, payload: str, signature: str | None) -> Any:
        headers = {} if signature is None else {"Stripe-Signature": signature}
        return self.client.post(
            STRIPE_WEBHOOK_URL, data=payload, content_type="application/json", headers=headers
        )

    def send(self, event: dict[str, Any]) -> Any:
        payload = json.dumps(event)
        return self.post(payload, stripe_signature(payload))


@pytest.fixture
def stripe_webhook(stripe_configured: None, db) -> Iterator[StripeSender]:
    yield StripeSender(Client())


SUB_ID = "sub_test_1"
CUSTOMER_ID = "cus_test_1"


# --------------------------------------------------------------------------- Stripe objects


def checkout_session(user: AbstractBaseUser, plan_slug: str, subscription_id: str = SUB_ID) -> dict[str, Any]:
    return {
        "id": "cs_test_1",
        "object": "checkout.session",
        "mode": "subscription",
        "status": "complete",
        "payment_status": "paid",
        "client_reference_id": str(user.pk),
        "customer": CUSTOMER_ID,
        "subscription": subscription_id,
        "metadata": {"plan": plan_slug},
    }


def stripe_subscription(
    status: str,
    period_end: datetime,
    *,
    cancel_at_period_end: bool = False,
    metadata: dict[str, str] | None = None,
    subscription_id: str = SUB_ID,
) -> dict[str, Any]:
    """A subscription as recent API versions send it: the period is on its items."""
    return {
        "id": subscription_id,
        "object": "subscription",
        "customer": CUSTOMER_ID,
        "status": status,
        "cancel_at_period_end": cancel_at_period_end,
        "metadata": metadata or {},
        "items": {
            "object": "list",
            "data": [
                {
                    "id": "si_test_1",
                    "object": "subscription_item",
                    "current_period_start": unix(period_end - timedelta(days=30)),
                    "current_period_end": unix(period_end),
                }
            ],
        },
    }


def invoice(
    period_end: datetime,
    *,
    subscription_id: str = SUB_ID,
    invoice_id: str = "in_test_1",
    metadata: dict[str, str] | None = None,
) -> dict:
    """An invoice as recent API versions send it: the subscription, and a copy of its metadata,
    under `parent`."""
    details = {"subscription": subscription_id, "metadata": metadata or {}}
    return {
        "id": invoice_id,
        "object": "invoice",
        "customer": CUSTOMER_ID,
        "parent": {"type": "subscription_details", "subscription_details": details},
        "lines": {
            "object": "list",
            "data": [{"period": {"start": unix(period_end - timedelta(days=30)), "end": unix(period_end)}}],
        },
    }


@pytest.fixture
def reader(plans: Plans) -> AbstractBaseUser:
    return new_reader()


@pytest.fixture
def subscribed(stripe_webhook: StripeSender, reader: AbstractBaseUser, plans: Plans) -> Subscription:
    """A Stripe subscription set up by checkout, activated, and paid until in 20 days."""
    now = timezone.now()
    paid_until = now + timedelta(days=20)
    stripe_webhook.send(
        stripe_event("checkout.session.completed", checkout_session(reader, "essentiel"), created=now)
    )
    stripe_webhook.send(
        stripe_event(
            "customer.subscription.updated",
            stripe_subscription("active", paid_until),
            created=now + timedelta(seconds=1),
        )
    )
    stripe_webhook.send(stripe_event("invoice.paid", invoice(paid_until), created=now + timedelta(seconds=2)))
    subscription = Subscription.objects.get(provider_subscription_id=SUB_ID)
    assert unix(subscription.current_period_end) == unix(paid_until)
    return subscription


# --------------------------------------------------------------------------- Stripe's API, locally


CHECKOUT_URL = "https://checkout.stripe.test/c/pay/cs_test_1"
PORTAL_URL = "https://billing.stripe.test/p/session/bps_test_1"


@dataclass
class StripeApi:
    """A stand-in for api.stripe.com on this machine: the real `stripe` library talks to it
    over HTTP; it records each request and answers as Stripe would, or fails on demand."""

    url: str
    requests: list[dict[str, Any]] = field(default_factory=list)
    failure_status: int | None = None
    failing_path: str | None = None  # fails with failure_status for this path only
    knows_nothing: bool = False  # answers 404 resource_missing, as for a subscription deleted at Stripe
    on_request: Callable[[], None] | None = None  # called as each request arrives
    # Checkout sessions by id, with their status ("open", "complete", "expired"), and the
    # idempotency key each was made with: one key, one session, as at Stripe.
    checkout_status: dict[str, str] = field(default_factory=dict)
    checkout_keys: dict[str, str] = field(default_factory=dict)

    def pay(self, url: str) -> None:
        """The reader pays on the Checkout page at `url` (its last part is the session id)."""
        session_id = url.rsplit("/", 1)[1]
        status = self.checkout_status[session_id]
        assert status == "open", f"{session_id} is {status}"
        self.checkout_status[session_id] = "complete"

    @property
    def sessions(self) -> list[dict[str, str]]:
        return [r["form"] for r in self.requests if r["path"] == "/v1/checkout/sessions"]

    @property
    def distinct_sessions(self) -> int:
        """Checkout sessions Stripe would have created: one per idempotency key (none without)."""
        requests = [r for r in self.requests if r["path"] == "/v1/checkout/sessions"]
        return len({r["idempotency_key"] or id(r) for r in requests})

    def answer(
        self, method: str, path: str, form: dict[str, str], idempotency_key: str | None = None
    ) -> tuple[int, dict]:
        if self.on_request:
            self.on_request()
        if self.failure_status and self.failing_path in (None, path):
            return self.failure_status, {"error": {"type": "api_error", "message": "En panne"}}
        if self.knows_nothing:
            error = {"type": "invalid_request_error", "code": "resource_missing", "message": "No such object"}
            return 404, {"error": error}
        if method == "DELETE" and path.startswith("/v1/subscriptions/"):
            return 200, {"id": path.rsplit("/", 1)[1], "object": "subscription", "status": "canceled"}
        if path.startswith("/v1/subscriptions/"):
            cancelling = form.get("cancel_at_period_end") == "true"
            subscription = {"id": path.rsplit("/", 1)[1], "object": "subscription", "status": "active"}
            return 200, subscription | {"cancel_at_period_end": cancelling}
        if path == "/v1/billing_portal/sessions":
            return 200, {"id": "bps_test_1", "object": "billing_portal.session", "url": PORTAL_URL}
        if path.startswith("/v1/checkout/sessions/"):
            return self._existing_checkout(method, path.removeprefix("/v1/checkout/sessions/"))
        return 200, self._checkout(self._new_checkout(idempotency_key))

    def _new_checkout(self, idempotency_key: str | None) -> str:
        if idempotency_key in self.checkout_keys:
            return self.checkout_keys[idempotency_key]
        session_id = f"cs_test_{len(self.checkout_status) + 1}"
        self.checkout_status[session_id] = "open"
        if idempotency_key:
            self.checkout_keys[idempotency_key] = session_id
        return session_id

    def _existing_checkout(self, method: str, rest: str) -> tuple[int, dict]:
        session_id, _, action = rest.partition("/")
        if session_id not in self.checkout_status:
            return 404, {"error": {"type": "invalid_request_error", "code": "resource_missing"}}
        if action == "expire":
            if self.checkout_status[session_id] != "open":
                message = "Only Checkout Sessions with a status in [\"open\"] can be expired."
                return 400, {"error": {"type": "invalid_request_error", "message": message}}
            self.checkout_status[session_id] = "expired"
        return 200, self._checkout(session_id)

    def _checkout(self, session_id: str) -> dict:
        status = self.checkout_status[session_id]
        url = f"https://checkout.stripe.test/c/pay/{session_id}"
        return {"id": session_id, "object": "checkout.session", "status": status, "url": url}


def serve_stripe_api() -> tuple[StripeApi, ThreadingHTTPServer]:
    """The stand-in, serving on a free loopback port from a thread of its own (also used by
    the simulated week, simulation/stack.py); `server.shutdown()` stops it."""
    api = StripeApi(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self._handle("POST")

        def do_DELETE(self) -> None:
            self._handle("DELETE")

        def do_GET(self) -> None:
            self._handle("GET")

        def _handle(self, method: str) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"] or 0)).decode()
            form = {key: values[-1] for key, values in parse_qs(body, keep_blank_values=True).items()}
            api.requests.append(
                {
                    "method": method,
                    "path": self.path,
                    "auth": self.headers["Authorization"],
                    "idempotency_key": self.headers["Idempotency-Key"],
                    "form": form,
                }
            )
            status, data = api.answer(method, self.path, form, self.headers["Idempotency-Key"])
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
    return api, server


@pytest.fixture
def stripe_api(settings) -> Iterator[StripeApi]:
    api, server = serve_stripe_api()
    settings.STRIPE_API_BASE = api.url
    yield api
    server.shutdown()
    server.server_close()
