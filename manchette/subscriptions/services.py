"""Who may read, listen and comment — the one place that decides — and subscription changes.

Every path that serves content asks `may_read_in_full`; audio asks `may_listen`,
comments ask `may_comment`. Providers (manual, Stripe) change subscriptions only
through the functions below, each recording a line of history.
"""

import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeGuard

import stripe
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, User
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from . import tasks
from .models import (
    CheckoutPage,
    MeteredRead,
    PaywallSettings,
    Plan,
    ProviderEvent,
    Subscription,
    SubscriptionEvent,
)
from .providers import stripe_api

logger = logging.getLogger(__name__)

Reader = User | AnonymousUser
PERIODS: dict[str, timedelta] = {Plan.Period.MONTH: timedelta(days=31), Plan.Period.YEAR: timedelta(days=366)}


def current_subscription(user: Reader, now: datetime | None = None) -> Subscription | None:
    """The subscription that entitles the reader now, if any.

    Active, past due (the provider is still retrying the payment) and cancelled
    subscriptions all give access until the end of the period already paid for.
    """
    if not user.is_authenticated:
        return None
    now = now or timezone.now()
    return (
        Subscription.objects.filter(
            user=user,
            status__in=[
                Subscription.Status.ACTIVE,
                Subscription.Status.PAST_DUE,
                Subscription.Status.CANCELLED,
            ],
            current_period_end__gt=now,
        )
        .order_by("-current_period_end")
        .first()
    )


def is_subscriber(user: Reader) -> bool:
    return bool(user.is_authenticated and (user.is_staff or current_subscription(user)))


def may_read_in_full(user: Reader, article) -> bool:
    """Whether this reader gets the whole article. Records a metered read when it is one."""
    return entitlements(user, article).read_in_full


def may_listen(user: Reader, article) -> bool:
    """The audio version of an article: subscribers only, free articles included."""
    return entitlements(user, article, behind_wall=False).listen


def may_comment(user: Reader) -> bool:
    return _may_comment(user, is_subscriber(user))


def newsletter_recipients(user_ids: set[int], subscribers_only: bool) -> set[int]:
    """Which of these readers may receive a newsletter's next edition.

    A subscribers-only newsletter goes to readers entitled now (staff included): one whose
    subscription ended stops at the next edition, one who subscribed starts. Two queries
    for the whole list, however long.
    """
    if not subscribers_only:
        return set(user_ids)
    now = timezone.now()
    entitled = Subscription.objects.filter(
        user_id__in=user_ids,
        status__in=[Subscription.Status.ACTIVE, Subscription.Status.PAST_DUE, Subscription.Status.CANCELLED],
        current_period_end__gt=now,
    ).values_list("user_id", flat=True)
    staff = get_user_model().objects.filter(pk__in=user_ids, is_staff=True).values_list("pk", flat=True)
    return set(entitled) | set(staff)


def _may_comment(user: Reader, subscriber: bool) -> bool:
    return subscriber and user.is_active


@dataclass(frozen=True)
class Entitlements:
    read_in_full: bool
    listen: bool
    comment: bool


def entitlements(user: Reader, article, *, behind_wall: bool = True) -> Entitlements:
    """All a reader may do with an article, from one look at their subscription.

    `behind_wall=False` says the article shows nothing more to subscribers (a short premium
    piece): then no metered read is spent on it.
    """
    subscriber = is_subscriber(user)
    read_in_full = (
        subscriber
        or not article.premium
        or not behind_wall
        or (user.is_authenticated and _metered_read(user, article))
    )
    return Entitlements(read_in_full, listen=subscriber, comment=_may_comment(user, subscriber))


def _metered_read(user: User, article) -> bool:
    paywall = PaywallSettings.load()
    if not paywall.metered:
        return False
    month = timezone.localdate().replace(day=1)
    reads = MeteredRead.objects.filter(user=user, month=month)
    if reads.filter(article_id=article.pk).exists():
        return True
    if reads.count() >= paywall.metered_monthly_quota:
        return False  # refused without taking the lock below
    with transaction.atomic():
        # One reader's articles opened at once are counted one after the other, not all against
        # the same count: the reader's row is the lock.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        if reads.count() >= paywall.metered_monthly_quota:
            return reads.filter(article_id=article.pk).exists()
        MeteredRead.objects.get_or_create(user=user, article_id=article.pk, month=month)
    return True


def free_paragraphs() -> int:
    return PaywallSettings.load().free_paragraphs


# Changes -----------------------------------------------------------------------------------------


class ProviderError(Exception):
    """The payment provider could not make the change, which was not made here either."""


def _record(subscription: Subscription, kind: str, detail: str = "") -> None:
    SubscriptionEvent.objects.create(subscription=subscription, kind=kind, detail=detail[:300])


def _locked(subscription: Subscription) -> Subscription:
    return Subscription.objects.select_for_update().select_related("plan", "user").get(pk=subscription.pk)


@transaction.atomic
def grant(user: User, plan: Plan, until: datetime | None = None, note: str = "") -> Subscription:
    """Manual provider: staff give a reader a subscription (until a date, or for one period)."""
    until = until or timezone.now() + PERIODS[plan.period]
    subscription = Subscription.objects.create(
        user=user,
        plan=plan,
        status=Subscription.Status.ACTIVE,
        current_period_end=until,
        provider=Subscription.Provider.MANUAL,
    )
    _record(subscription, "started", note or _("Abonnement offert par l'équipe"))
    return subscription


@transaction.atomic
def extend(subscription: Subscription, periods: int = 1) -> Subscription:
    subscription = _locked(subscription)
    start = max(subscription.current_period_end, timezone.now())
    subscription.current_period_end = start + PERIODS[subscription.plan.period] * periods
    subscription.status = Subscription.Status.ACTIVE
    subscription.save(update_fields=["current_period_end", "status", "updated_at"])
    _record(subscription, "renewed")
    return subscription


def revoke(subscription: Subscription) -> Subscription:
    """Ends a subscription now (staff decision, refund, fraud, account deletion).

    A Stripe subscription is cancelled at Stripe first, so that billing stops, and outside
    any database transaction: a slow Stripe holds no lock. If Stripe cannot do it,
    ProviderError is raised and the subscription runs on, here as at Stripe. Once ended,
    no later event of the provider brings it back.
    """
    if _billed_by_stripe(subscription):
        _ask_stripe(stripe_api.cancel, subscription)
    return end_now(subscription, SubscriptionEvent.Kind.REVOKED)


def _billed_by_stripe(subscription: Subscription) -> bool:
    return bool(
        subscription.provider == Subscription.Provider.STRIPE
        and subscription.provider_subscription_id
        and subscription.status != Subscription.Status.EXPIRED
    )


def _ask_stripe(call, subscription: Subscription, *args) -> None:
    try:
        call(subscription, *args)
    except (stripe.StripeError, stripe_api.StripeNotConfigured) as error:
        logger.warning("Stripe refused %s for subscription %s: %r", call.__name__, subscription.pk, error)
        raise ProviderError(subscription) from error


@transaction.atomic
def end_now(subscription: Subscription, kind: str, ended_at: datetime | None = None) -> Subscription:
    """Ends the subscription at `ended_at` (now by default), for good: no later news revives it."""
    subscription = _locked(subscription)
    subscription.status = Subscription.Status.EXPIRED
    subscription.current_period_end = min(subscription.current_period_end, ended_at or timezone.now())
    subscription.provider_updated_at = Subscription.ENDED_FOR_GOOD
    subscription.save(update_fields=["current_period_end", "status", "provider_updated_at", "updated_at"])
    _record(subscription, kind)
    return subscription


def end_all_for(user: User) -> int:
    """Ends every running subscription of a reader who deletes their account.

    One by one, each in step with its provider: if one cannot be stopped, those already
    stopped stay ended (as they are at the provider) and ProviderError is raised.
    """
    running = Subscription.objects.filter(user=user).exclude(status=Subscription.Status.EXPIRED)
    ended = 0
    for subscription in running:
        revoke(subscription)
        ended += 1
    return ended


# The reader ends (or keeps) their subscription: "Résilier mon abonnement" -----------------------


def may_cancel(subscription: Subscription | None) -> TypeGuard[Subscription]:
    return bool(
        subscription
        and subscription.status in (Subscription.Status.ACTIVE, Subscription.Status.PAST_DUE)
        and subscription.current_period_end > timezone.now()
    )


def may_undo_cancellation(subscription: Subscription | None) -> bool:
    return bool(
        subscription
        and subscription.status == Subscription.Status.CANCELLED
        and subscription.current_period_end > timezone.now()
    )


def cancel_at_period_end(subscription: Subscription) -> Subscription:
    """The reader cancels: access runs to the end of the period paid for, then stops.

    Stripe is told first (outside any transaction); if it refuses, ProviderError and
    nothing changes. The confirmation email, with the date access ends, goes out once
    the change is committed. Cancelling what is already cancelled changes nothing.
    """
    if not may_cancel(subscription):
        return subscription
    return _reader_decides(subscription, cancelling=True)


def undo_cancellation(subscription: Subscription) -> Subscription:
    """Until the period ends, the reader may change their mind: the subscription goes on."""
    if not may_undo_cancellation(subscription):
        return subscription
    return _reader_decides(subscription, cancelling=False)


def _reader_decides(subscription: Subscription, *, cancelling: bool) -> Subscription:
    if _billed_by_stripe(subscription):
        _ask_stripe(stripe_api.cancel_at_period_end, subscription, cancelling)
    Status = Subscription.Status
    before, after = (
        ((Status.ACTIVE, Status.PAST_DUE), Status.CANCELLED)
        if cancelling
        else ((Status.CANCELLED,), Status.ACTIVE)
    )
    with transaction.atomic():
        subscription = _locked(subscription)
        if subscription.status not in before:  # another request of the reader did it meanwhile
            return subscription
        subscription.status = after
        subscription.provider_updated_at = _now_unless_ended(subscription)
        subscription.save(update_fields=["status", "provider_updated_at", "updated_at"])
        if cancelling:
            _record(subscription, SubscriptionEvent.Kind.CANCELLED, _("Par le lecteur, en ligne"))
            pk = subscription.pk
            transaction.on_commit(lambda: tasks.send_cancellation_email.enqueue(pk))
        else:
            _record(subscription, SubscriptionEvent.Kind.REACTIVATED)
    return subscription


def _now_unless_ended(subscription: Subscription) -> datetime | None:
    # The reader's own change is the freshest news: webhooks sent before it are then old.
    if subscription.provider == Subscription.Provider.MANUAL:
        return subscription.provider_updated_at
    return timezone.now()


def payment_method_url(subscription: Subscription, return_url: str) -> str | None:
    """Where the reader updates the card a failed payment was made with (Stripe's portal)."""
    if not (subscription.provider == Subscription.Provider.STRIPE and subscription.provider_customer_id):
        return None
    try:
        return stripe_api.customer_portal_url(subscription.provider_customer_id, return_url)
    except (stripe.StripeError, stripe_api.StripeNotConfigured) as error:
        logger.warning("Stripe portal unavailable for subscription %s: %r", subscription.pk, error)
        return None


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


# Changes reported by a payment provider -----------------------------------------------------------


def record_provider_event(provider: str, event_id: str, event_type: str) -> bool:
    """Records a provider's event once; False when it was already (a replay). Call in a transaction."""
    try:
        with transaction.atomic():
            ProviderEvent.objects.create(provider=provider, event_id=event_id, event_type=event_type)
    except IntegrityError:
        return False
    return True


def provider_subscription(provider: str, subscription_id: str | None) -> Subscription | None:
    """The subscription the provider knows by this id, locked until the transaction ends."""
    if not subscription_id:
        return None
    return (
        Subscription.objects.select_for_update()
        .filter(provider=provider, provider_subscription_id=subscription_id)
        .first()
    )


def provider_subscription_for(
    provider: str, subscription_id: str, user: User | None, plan: Plan | None, customer: str
) -> Subscription | None:
    """Found, or created for the reader and plan the provider names (None if it names none).

    A new one gives no access yet: the period paid for opens with the first payment.
    """
    subscription = provider_subscription(provider, subscription_id)
    if subscription or not user or not plan:
        return subscription
    try:
        with transaction.atomic():
            return Subscription.objects.create(
                user=user,
                plan=plan,
                provider=provider,
                provider_subscription_id=subscription_id,
                provider_customer_id=customer,
                status=Subscription.Status.PAST_DUE,
                current_period_end=timezone.now(),
            )
    except IntegrityError:  # created meanwhile by another event of the same subscription
        return provider_subscription(provider, subscription_id)


def provider_started(subscription: Subscription) -> None:
    if not subscription.events.filter(kind=SubscriptionEvent.Kind.STARTED).exists():
        _record(subscription, SubscriptionEvent.Kind.STARTED)


def _is_stale(subscription: Subscription, at: datetime | None) -> bool:
    return bool(at and subscription.provider_updated_at and at < subscription.provider_updated_at)


def provider_status(subscription: Subscription, at: datetime | None, kind: str, status: str) -> None:
    """Sets the status the provider reports, unless newer news already did; history either way."""
    if not _is_stale(subscription, at):
        subscription.status = status
        subscription.provider_updated_at = at or subscription.provider_updated_at
        subscription.save(update_fields=["status", "provider_updated_at", "updated_at"])
    _record(subscription, kind)


def provider_payment(subscription: Subscription, paid_until: datetime | None, at: datetime | None) -> None:
    """Money received: the period paid for reaches `paid_until`, whatever the order of the news."""
    if subscription.status == Subscription.Status.EXPIRED:
        return
    if paid_until and paid_until > subscription.current_period_end:
        subscription.current_period_end = paid_until
    # A payment says nothing of the status but "no longer past due": it dates only that change,
    # so that older news of a cancellation or a reactivation still applies after it.
    if subscription.status == Subscription.Status.PAST_DUE and not _is_stale(subscription, at):
        subscription.status = Subscription.Status.ACTIVE
        subscription.provider_updated_at = at or subscription.provider_updated_at
    subscription.save(update_fields=["current_period_end", "status", "provider_updated_at", "updated_at"])
    _record(subscription, SubscriptionEvent.Kind.RENEWED)


# Reading ----------------------------------------------------------------------------------------


@dataclass
class SubscriptionSummary:
    current: Subscription | None
    history: list[Subscription]
    unpaid: Subscription | None = None  # no access now, a payment the provider is retrying

    @property
    def cancellable(self) -> bool:
        return may_cancel(self.current)

    @property
    def resumable(self) -> bool:
        return may_undo_cancellation(self.current)


def subscription_summary(user: User) -> SubscriptionSummary:
    current = current_subscription(user)
    billed = None if current else billed_subscription(user)
    return SubscriptionSummary(
        current=current,
        history=list(
            Subscription.objects.filter(user=user).select_related("plan").prefetch_related("events")
        ),
        unpaid=billed if billed and billed.status == Subscription.Status.PAST_DUE else None,
    )


def billed_subscription(user: Reader) -> Subscription | None:
    """A subscription that entitles the reader, or one the provider still bills (a payment it
    is retrying): either way, a new one would be paid twice."""
    if not user.is_authenticated:
        return None
    return current_subscription(user) or (
        Subscription.objects.filter(
            user=user,
            provider=Subscription.Provider.STRIPE,
            status__in=[Subscription.Status.ACTIVE, Subscription.Status.PAST_DUE],
        ).first()
    )


def subscription_history(user: User) -> list[dict]:
    return [
        {
            "plan": subscription.plan.name,
            "status": subscription.status,
            "provider": subscription.provider,
            "current_period_end": subscription.current_period_end.isoformat(),
            "events": [
                {"kind": event.kind, "detail": event.detail, "at": event.at.isoformat()}
                for event in subscription.events.all()
            ],
        }
        for subscription in subscription_summary(user).history
    ]
