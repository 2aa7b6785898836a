"""Subscriptions over the day, as Stripe reports them: signed webhooks to the site (through
Varnish), the events of one change in a random order, a refused one (409) delivered again.

Besides the week's new subscribers: one reader cancels in "Mon compte" (the site tells the
Stripe stand-in) and keeps reading until the end of the period paid for, then loses the full
text; another's renewal payment fails (no access once the paid period is over) and then
succeeds (access again, the period moved on).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db import close_old_connections

from tests.subscriptions.conftest import (
    checkout_session,
    invoice,
    stripe_event,
    stripe_signature,
    stripe_subscription,
)

from .clock import stack_time
from .readers import WeekReader, fetch, reason

if TYPE_CHECKING:
    from .scenario import Week

PERIOD = timedelta(days=30)
CANCELLED_UNTIL = (15, 0)  # the cancelled subscription's paid period ends then (day 0)
RENEWAL_AT = (12, 0)  # the failing payment's renewal


def deliver(week: Week, events: list[dict]) -> None:
    """Posts the events in a random order; as Stripe does, one refused for now (409: it came
    before the one it needs) is delivered again; any other answer but a 2xx is a failure."""
    events = events[:]
    week.random.shuffle(events)
    for _ in range(len(events)):
        refused = []
        for event in events:
            payload = json.dumps(event)
            answer = fetch(
                week.ledger,
                week.stack.url + "/abonnement/stripe/webhook/",
                method="POST",
                body=payload,
                headers={
                    "Content-Type": "application/json",
                    "Stripe-Signature": stripe_signature(
                        payload, timestamp=int(stack_time(week.stack.clock.file))
                    ),
                },
            )
            if answer.status == 409:
                refused.append(event)
            elif answer.status >= 300:
                raise RuntimeError(f"webhook {event['type']} answered {reason(answer)}")
        events = refused
    if events:
        raise RuntimeError(f"webhooks still refused after redelivery: {[e['type'] for e in events]}")


def subscribe(week: Week, reader: WeekReader, paid_until: datetime) -> str:
    """Checkout paid at Stripe: its three events; returns Stripe's subscription id."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(email=reader.email)
    subscription_id = f"sub_week_{user.pk}"
    deliver(
        week,
        [
            stripe_event("checkout.session.completed", checkout_session(user, "essentiel", subscription_id)),
            stripe_event(
                "customer.subscription.updated",
                stripe_subscription("active", paid_until, subscription_id=subscription_id),
            ),
            stripe_event(
                "invoice.paid",
                invoice(paid_until, subscription_id=subscription_id, invoice_id=f"in_{subscription_id}"),
            ),
        ],
    )
    week.ledger.reader(reader.email).entitled.append((time.time(), paid_until.timestamp()))
    return subscription_id


@dataclass
class BillingDay:
    week: Week
    day: int = 0
    readers: dict[str, tuple[WeekReader, str]] = field(default_factory=dict)  # role -> reader, sub id

    def moment(self, hour_minute: tuple[int, int]) -> datetime:
        return (self.week.start + timedelta(days=self.day)).replace(
            hour=hour_minute[0], minute=hour_minute[1]
        )

    def plan(self) -> None:
        at = self.week.at
        at(self.day, 7, 55, "two readers subscribe (periods ending today)", self.subscribe_two)
        at(self.day, 10, 40, "subscription cancelled (lapses at period end)", self.cancel)
        at(self.day, *CANCELLED_UNTIL, "cancelled subscription's period ends", lambda: None)
        at(self.day, CANCELLED_UNTIL[0], CANCELLED_UNTIL[1] + 5, "cancelled subscription lapsed", self.lapse)
        at(self.day, *RENEWAL_AT, "renewal due", lambda: None)
        at(self.day, RENEWAL_AT[0], RENEWAL_AT[1] + 2, "renewal payment fails", self.payment_fails)
        at(self.day, 13, 30, "failed payment recovers", self.payment_recovers)

    def subscribe_two(self) -> None:
        from tests.subscriptions.conftest import new_reader

        from .scenario import PASSWORD

        for role, ends in (("resiliation", CANCELLED_UNTIL), ("impaye", RENEWAL_AT)):
            email = f"{role}-{self.week.ledger.seed}@semaine.test"
            user = new_reader(email=email, username=f"{role}-{self.week.ledger.seed}")
            self.week.ledger.reader(email).user_id = user.pk
            reader = WeekReader(self.week.ledger, self.week.stack.url, email)
            answer = reader.log_in(self.week.stack.url, email, PASSWORD)
            if answer.status != 302:
                raise RuntimeError(f"{email} could not log in: {answer.status}")
            self.readers[role] = (reader, subscribe(self.week, reader, self.moment(ends)))
            self.expect(role, full_text=True, status="active")

    def cancel(self) -> None:
        """In "Mon compte", the reader cancels (the site tells the Stripe stand-in); Stripe
        then reports the change by its webhook."""
        reader, subscription_id = self.readers["resiliation"]
        answer = reader.post(self.week.stack.url + "/abonnement/resilier/", {})
        if answer.status != 302 or "resiliation-confirmee" not in answer.header("Location"):
            raise RuntimeError(f"cancelling answered {reason(answer)}")
        updated = stripe_subscription(
            "active", self.moment(CANCELLED_UNTIL), cancel_at_period_end=True, subscription_id=subscription_id
        )
        deliver(self.week, [stripe_event("customer.subscription.updated", updated)])
        self.expect("resiliation", full_text=True, status="cancelled")

    def lapse(self) -> None:
        """Past the period's end the reader has lost the full text, before Stripe even says the
        subscription ended; then Stripe's deletion arrives."""
        _reader, subscription_id = self.readers["resiliation"]
        self.expect("resiliation", full_text=False, status="cancelled")
        ended = stripe_subscription("canceled", self.moment(CANCELLED_UNTIL), subscription_id=subscription_id)
        ended["ended_at"] = int(self.moment(CANCELLED_UNTIL).timestamp())
        deliver(self.week, [stripe_event("customer.subscription.deleted", ended)])
        self.expect("resiliation", full_text=False, status="expired")

    def payment_fails(self) -> None:
        _reader, subscription_id = self.readers["impaye"]
        renewal = self.moment(RENEWAL_AT)
        deliver(
            self.week,
            [
                stripe_event(
                    "customer.subscription.updated",
                    stripe_subscription("past_due", renewal + PERIOD, subscription_id=subscription_id),
                ),
                stripe_event(
                    "invoice.payment_failed",
                    invoice(
                        renewal + PERIOD,
                        subscription_id=subscription_id,
                        invoice_id=f"in_{subscription_id}_2",
                    ),
                ),
            ],
        )
        self.expect("impaye", full_text=False, status="past_due")

    def payment_recovers(self) -> None:
        reader, subscription_id = self.readers["impaye"]
        paid_until = self.moment(RENEWAL_AT) + PERIOD
        deliver(
            self.week,
            [
                stripe_event(
                    "customer.subscription.updated",
                    stripe_subscription("active", paid_until, subscription_id=subscription_id),
                ),
                stripe_event(
                    "invoice.paid",
                    invoice(
                        paid_until, subscription_id=subscription_id, invoice_id=f"in_{subscription_id}_2"
                    ),
                ),
            ],
        )
        self.week.ledger.reader(reader.email).entitled.append((time.time(), paid_until.timestamp()))
        self.expect("impaye", full_text=True, status="active", period_end=paid_until)

    def premium_article(self) -> tuple[int, str]:
        """A premium article of the week's: its subscribers-only paragraphs carry a marker."""
        from manchette.articles.models import ArticlePage

        from .scenario import public_path

        article_id, url_path = (
            ArticlePage.objects.live()
            .filter(premium=True, first_published_at__gte=self.week.start)
            .order_by("-first_published_at")
            .values_list("pk", "url_path")
            .first()
        )
        return article_id, public_path(url_path)

    def expect(self, role: str, *, full_text: bool, status: str, period_end: datetime | None = None) -> None:
        """The subscription's state in the database, and what the reader's page shows them."""
        from manchette.subscriptions.models import Subscription

        reader, subscription_id = self.readers[role]
        close_old_connections()
        subscription = Subscription.objects.get(provider_subscription_id=subscription_id)
        problems = []
        if subscription.status != status:
            problems.append(f"status {subscription.status}, expected {status}")
        if period_end is not None and subscription.current_period_end != period_end:
            problems.append(f"paid until {subscription.current_period_end}, expected {period_end}")
        article_id, path = self.premium_article()
        page = reader.get(self.week.stack.url + path)
        shown = any(marker in page.text for marker in self.week.ledger.premium_markers)
        if page.status != 200 or shown != full_text:
            problems.append(
                f"article {article_id} answered {page.status}, full text {'shown' if shown else 'hidden'}, "
                f"expected {'shown' if full_text else 'hidden'}"
            )
        if problems:
            raise RuntimeError(f"{role} ({reader.email}): " + "; ".join(problems))
