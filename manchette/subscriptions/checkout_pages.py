"""Opening a Stripe Checkout page for a reader: one at a time, reused while it lives."""

import time
from datetime import timedelta

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.utils import timezone

from .models import (
    CheckoutPage,
    Plan,
)
from .providers import stripe_api


class CheckoutBusy(Exception):
    """Another request of the same reader is opening a Checkout page right now."""


class PaidMeanwhile(Exception):
    """The reader paid on their previous Checkout page while asking for another."""


# Stripe keeps an unpaid Checkout page open, and an idempotency key, for 24 hours.
CHECKOUT_PAGE_LIFETIME = timedelta(hours=23)
CHECKOUT_OPENING_TIMEOUT = timedelta(seconds=30)
CHECKOUT_WAIT_SECONDS = 5.0


def open_checkout(user: User, plan: Plan, success_url: str, cancel_url: str) -> str:
    """The URL of the one Stripe Checkout page where the reader can pay for `plan`.

    A double click, a replayed form or a second tab on the same plan get the same page.
    A page for another plan replaces the previous one, which is expired at Stripe first:
    two tabs on two plans can never both be paid. Stripe is asked outside any transaction
    (a slow Stripe must hold no database lock); the reader's requests take turns through
    `opening_until`, a claim that one short UPDATE takes.
    """
    CheckoutPage.objects.get_or_create(user=user)
    readers_page = CheckoutPage.objects.filter(user=user)
    # A double click's second request waits for the first, then gets the page it opened.
    deadline = time.monotonic() + CHECKOUT_WAIT_SECONDS
    while not _claim_checkout(readers_page):
        if time.monotonic() > deadline:
            raise CheckoutBusy
        time.sleep(0.1)
    try:
        now = timezone.now()
        page = readers_page.get()
        if page.plan_id == plan.pk and page.opened_at and page.opened_at > now - CHECKOUT_PAGE_LIFETIME:
            return page.url
        # A key of its own for each page after the previous one: the same request replayed
        # gets the same page, and a page expired below is never handed back.
        session_id, url = stripe_api.create_checkout_session(
            user,
            plan,
            success_url,
            cancel_url,
            idempotency_key=f"checkout-{user.pk}-{plan.slug}-after-{page.session_id or 'none'}",
        )
        still_open = page.url and page.session_id != session_id
        if still_open and not stripe_api.expire_checkout_session(page.session_id):
            stripe_api.expire_checkout_session(session_id)
            _forget_checkout(readers_page, last_session_id=session_id)
            raise PaidMeanwhile
        readers_page.update(plan=plan, session_id=session_id, url=url, opened_at=now)
        return url
    finally:
        readers_page.update(opening_until=None)


def _claim_checkout(readers_page: QuerySet[CheckoutPage]) -> bool:
    now = timezone.now()
    unclaimed = readers_page.exclude(opening_until__gt=now)
    return unclaimed.update(opening_until=now + CHECKOUT_OPENING_TIMEOUT) == 1


def checkout_closed(session_id: str) -> None:
    """Stripe paid or expired this Checkout page: nothing is left to replace."""
    _forget_checkout(CheckoutPage.objects.filter(session_id=session_id), last_session_id=session_id)


def _forget_checkout(pages: QuerySet[CheckoutPage], last_session_id: str) -> None:
    # The last session's id stays: the next page's idempotency key is made from it.
    pages.update(plan=None, session_id=last_session_id, url="", opened_at=None)
