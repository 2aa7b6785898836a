"""Sending an edition: one delivery per reader, batches claimed by workers with a lease, each
mail recorded once sent, and what a dead worker left taken over by another.

Nothing here queues a task: tasks.py queues the batches this module hands back.
"""

import secrets
import smtplib
from datetime import datetime, timedelta
from typing import NamedTuple

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Min, Q
from django.utils import timezone

from manchette.subscriptions.entitlements import newsletter_recipients

from . import mail
from .models import Delivery, Edition, Newsletter, Signup, Suppression

# Each batch is a task: in an RQ worker, a process forked and connected anew. Big enough that
# this costs little beside the sending (bench/newsletter_send.py), small enough to share the
# work between the workers of a 100,000-reader list.
BATCH_SIZE = 2000
# Sent mails are recorded this many at a time: a worker killed mid-batch may have handed
# at most this many to the SMTP server without recording them (they are sent again).
RECORD_EVERY = 20
MAX_ATTEMPTS = 5


def lease() -> timedelta:
    """How long a claimed batch may go without news before another worker takes it over."""
    return timedelta(seconds=settings.NEWSLETTER_LEASE_SECONDS)

class Started(NamedTuple):
    deliveries: int
    batches: list[tuple[int, int]]  # first and last delivery id of each batch to queue


def start_sending(edition: Edition) -> Started:
    """Makes one delivery per reader who may receive the edition; returns the batches to queue.

    Idempotent: run again (a retried task), it adds nobody twice (unique per edition and
    reader) and hands back batches that find nothing left to claim.
    """
    with transaction.atomic():
        edition = Edition.objects.select_for_update().select_related("newsletter").get(pk=edition.pk)
        if edition.status not in {Edition.Status.APPROVED, Edition.Status.SENDING}:
            return Started(edition.deliveries.count(), [])
        if edition.status == Edition.Status.APPROVED:
            _make_deliveries(edition)
            edition.status = Edition.Status.SENDING
            edition.started_at = timezone.now()
            edition.save(update_fields=["status", "started_at"])
    ids = list(
        edition.deliveries.filter(status=Delivery.Status.QUEUED).order_by("pk").values_list("pk", flat=True)
    )
    chunks = [ids[start : start + BATCH_SIZE] for start in range(0, len(ids), BATCH_SIZE)]
    return Started(edition.deliveries.count(), [(chunk[0], chunk[-1]) for chunk in chunks])


def send_batch(edition_id: int, first: int, last: int) -> bool:
    """Sends the deliveries of ids first..last this worker could claim, over one SMTP session.
    True when some failed for a while and the batch should be tried again later."""
    token = claim(edition_id, first, last)
    deliveries = list(
        Delivery.objects.filter(edition_id=edition_id, claim=token, status=Delivery.Status.SENDING)
        .order_by("pk")
        .values_list("pk", "signup_id", "signup__email")
    )
    if not deliveries:
        return False
    edition = Edition.objects.select_related("newsletter").get(pk=edition_id)
    message = mail.EditionMail(mail.rendering_for_sending(edition))
    renewed = timezone.now()
    done: list[int] = []
    retry = False
    with mail.Outbox() as outbox:
        try:
            for delivery_id, signup_id, address in deliveries:
                try:
                    outbox.send(
                        message.return_path(delivery_id, address),
                        address,
                        message.for_reader(delivery_id, signup_id, address),
                    )
                except (smtplib.SMTPException, OSError) as error:
                    retry |= record_failure(delivery_id, token, error)
                    outbox.reconnect()
                    continue
                done.append(delivery_id)
                if len(done) >= RECORD_EVERY:
                    record_sent(done, token)
                    done = []
                    # A long batch (a slow server) keeps its claim, renewed well before it lapses.
                    if timezone.now() - renewed > lease() / 4:
                        renewed = renew_claim(edition_id, token)
        finally:
            if done:
                record_sent(done, token)
    return retry


def _make_deliveries(edition: Edition) -> None:
    newsletter = edition.newsletter
    rows = list(
        Signup.objects.filter(newsletter=newsletter, status=Signup.Status.CONFIRMED)
        .exclude(email__in=Suppression.objects.values("email"))
        .values_list("pk", "user_id")
    )
    subscribers_only = newsletter.audience == Newsletter.Audience.SUBSCRIBERS
    allowed: set[int] = set()
    if subscribers_only:
        user_ids = [user_id for _, user_id in rows if user_id is not None]
        for start in range(0, len(user_ids), 5000):
            allowed |= newsletter_recipients(set(user_ids[start : start + 5000]), subscribers_only=True)
    Delivery.objects.bulk_create(
        [
            Delivery(edition=edition, signup_id=pk)
            for pk, user_id in rows
            if not subscribers_only or user_id in allowed
        ],
        batch_size=2000,
        ignore_conflicts=True,
    )


def claim(edition_id: int, first: int, last: int) -> str:
    """Takes the batch's deliveries still to send, and those of a worker that went silent."""
    token = secrets.token_hex(8)
    now = timezone.now()
    Delivery.objects.filter(edition_id=edition_id, pk__gte=first, pk__lte=last).filter(
        Q(status=Delivery.Status.QUEUED) | Q(status=Delivery.Status.SENDING, claimed_at__lt=now - lease())
    ).update(status=Delivery.Status.SENDING, claim=token, claimed_at=now)
    claimed = Delivery.objects.filter(edition_id=edition_id, claim=token, status=Delivery.Status.SENDING)
    claimed.filter(
        ~Q(signup__status=Signup.Status.CONFIRMED) | Q(signup__email__in=Suppression.objects.values("email"))
    ).update(status=Delivery.Status.SKIPPED)
    return token


def record_sent(ids: list[int], token: str) -> None:
    Delivery.objects.filter(pk__in=ids, claim=token).update(
        status=Delivery.Status.SENT, sent_at=timezone.now()
    )


def renew_claim(edition_id: int, token: str) -> datetime:
    """Tells the other workers that this batch's worker is alive: its lease starts again."""
    now = timezone.now()
    Delivery.objects.filter(edition_id=edition_id, status=Delivery.Status.SENDING, claim=token).update(
        claimed_at=now
    )
    return now


def record_failure(delivery_id: int, token: str, error: smtplib.SMTPException | OSError) -> bool:
    """A refused or lost message. True when it will be tried again (temporary failure)."""
    code = getattr(error, "smtp_code", None)
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code = next(iter(error.recipients.values()))[0]
    permanent = code is not None and 500 <= code < 600
    delivery = Delivery.objects.get(pk=delivery_id)
    delivery.attempts += 1
    retry = not permanent and delivery.attempts < MAX_ATTEMPTS
    delivery.status = Delivery.Status.QUEUED if retry else Delivery.Status.FAILED
    delivery.error = str(error)[:300]
    Delivery.objects.filter(pk=delivery_id, claim=token).update(
        status=delivery.status, attempts=delivery.attempts, error=delivery.error, claim=""
    )
    return retry


def retry_delay(edition_id: int, first: int, last: int) -> timedelta:
    """Backoff for temporary failures: 30 s, then 1, 2, 4 minutes…"""
    attempts = (
        Delivery.objects.filter(
            edition_id=edition_id, pk__gte=first, pk__lte=last, status=Delivery.Status.QUEUED
        ).aggregate(most=Max("attempts"))["most"]
        or 1
    )
    return timedelta(seconds=30 * 2 ** (attempts - 1))


def finish_if_done(edition_id: int) -> bool:
    """Marks the edition sent once no delivery is waiting. True when it is finished."""
    left = Delivery.objects.filter(
        edition_id=edition_id, status__in=[Delivery.Status.QUEUED, Delivery.Status.SENDING]
    ).exists()
    if left:
        return False
    Edition.objects.filter(pk=edition_id, status=Edition.Status.SENDING).update(
        status=Edition.Status.SENT, finished_at=timezone.now()
    )
    return True


def stalled_range(edition_id: int) -> tuple[int, int] | None:
    """The ids of the deliveries left behind: queued ones, and claims nobody renewed in time."""
    stale = timezone.now() - lease()
    left = Delivery.objects.filter(edition_id=edition_id).filter(
        Q(status=Delivery.Status.QUEUED) | Q(status=Delivery.Status.SENDING, claimed_at__lt=stale)
    )
    bounds = left.aggregate(first=Min("pk"), last=Max("pk"))
    if bounds["first"] is None:
        return None
    return bounds["first"], bounds["last"]
