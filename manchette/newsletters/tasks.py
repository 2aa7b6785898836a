"""Background work: confirmation mails, the schedule, and editions sent in batches.

Every task can run twice or be taken over after a crash without a mail lost or doubled
beyond the few a killed worker had in flight (services.RECORD_EVERY at most per batch).
"""

import smtplib
from datetime import datetime
from pathlib import Path

from django.tasks import task
from django.utils import timezone

from . import booking, bounces, mail, services
from .models import Delivery, Edition, Signup


@task()
def send_confirmation(signup_id: int) -> None:
    signup = (
        Signup.objects.select_related("newsletter").filter(pk=signup_id, status=Signup.Status.PENDING).first()
    )
    if signup is not None:
        mail.confirmation(signup).send()


@task()
def send_manage_link(email: str) -> None:
    mail.manage_link(email).send()


@task()
def run_schedule(newsletter_id: int, slot: str) -> None:
    """At a booked slot: sends its edition and books the next slot (booking.py)."""
    booking.run_booked_slot(newsletter_id, datetime.fromisoformat(slot))


@task()
def start_edition(edition_id: int) -> None:
    edition = Edition.objects.filter(pk=edition_id).first()
    if edition is not None:
        services.start_sending(edition)


@task()
def send_batch(edition_id: int, first: int, last: int) -> None:
    """Sends the deliveries of ids first..last this worker could claim, over one SMTP session."""
    token = services.claim(edition_id, first, last)
    deliveries = list(
        Delivery.objects.filter(edition_id=edition_id, claim=token, status=Delivery.Status.SENDING)
        .order_by("pk")
        .values_list("pk", "signup_id", "signup__email")
    )
    if not deliveries:
        services.finish_if_done(edition_id)
        return
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
                    retry |= services.record_failure(delivery_id, token, error)
                    outbox.reconnect()
                    continue
                done.append(delivery_id)
                if len(done) >= services.RECORD_EVERY:
                    services.record_sent(done, token)
                    done = []
                    # A long batch (a slow server) keeps its claim, renewed well before it lapses.
                    if timezone.now() - renewed > services.lease() / 4:
                        renewed = services.renew_claim(edition_id, token)
        finally:
            if done:
                services.record_sent(done, token)
    if retry:
        services.defer(send_batch, services.retry_delay(edition_id, first, last), edition_id, first, last)
    services.finish_if_done(edition_id)


@task()
def watch_edition(edition_id: int) -> None:
    """Takes over what dead workers left behind, until the edition is finished."""
    if services.finish_if_done(edition_id):
        return
    left = services.stalled_range(edition_id)
    if left is not None:
        send_batch.enqueue(edition_id, *left)
    services.defer(watch_edition, services.lease(), edition_id)


@task()
def read_bounces(folder: str) -> dict[str, int]:
    return bounces.read_folder(Path(folder))._asdict()
