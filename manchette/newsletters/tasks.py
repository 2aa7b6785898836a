"""Background work: confirmation mails, the schedule, and editions sent in batches.

The entry points the task queue runs, each calling the module that does the work
(`sending.py`, `booking.py`, `bounces.py`, `mail.py`), and the two loops that queue their own
next steps: an edition's batches and its watch, a newsletter's next slot. The modules doing
the work queue nothing; they hand back what is to be queued.

Every task can run twice or be taken over after a crash without a mail lost or doubled
beyond the few a killed worker had in flight (sending.RECORD_EVERY at most per batch).
"""

from datetime import datetime
from functools import partial
from pathlib import Path

from django.tasks import task
from django.utils import timezone

from manchette.task_queue import enqueue_on_commit

from . import booking, bounces, mail, sending
from .models import Edition, Signup


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
    carry_out(booking.run_booked_slot(newsletter_id, datetime.fromisoformat(slot)))


@task()
def start_edition(edition_id: int) -> None:
    edition = Edition.objects.filter(pk=edition_id).first()
    if edition is not None:
        send_edition(edition)


@task()
def send_batch(edition_id: int, first: int, last: int) -> None:
    """Sends the deliveries of ids first..last this worker could claim, over one SMTP session."""
    if sending.send_batch(edition_id, first, last):
        later = timezone.now() + sending.retry_delay(edition_id, first, last)
        enqueue_on_commit(send_batch, edition_id, first, last, run_after=later)
    sending.finish_if_done(edition_id)


@task()
def watch_edition(edition_id: int) -> None:
    """Takes over what dead workers left behind, until the edition is finished."""
    if sending.finish_if_done(edition_id):
        return
    left = sending.stalled_range(edition_id)
    if left is not None:
        send_batch.enqueue(edition_id, *left)
    enqueue_on_commit(watch_edition, edition_id, run_after=timezone.now() + sending.lease())


@task()
def read_bounces(folder: str) -> dict[str, int]:
    return bounces.read_folder(Path(folder))._asdict()


def send_edition(edition: Edition) -> int:
    """Starts sending an approved edition: its deliveries made, its batches and its watch
    queued once committed. Returns the delivery count."""
    started = sending.start_sending(edition)
    queue_batches(edition.pk, started.batches)
    return started.deliveries


def queue_batches(edition_id: int, batches: list[tuple[int, int]]) -> None:
    for first, last in batches:
        enqueue_on_commit(send_batch, edition_id, first, last)
    enqueue_on_commit(watch_edition, edition_id, run_after=timezone.now() + sending.lease())


def carry_out(steps: booking.Steps | None) -> None:
    """Queues what a booking decided: the batches of the edition it started, its next slot's run."""
    if steps is None:
        return
    if steps.started is not None:
        queue_batches(*steps.started)
    if steps.next_run is not None:
        newsletter_id, slot = steps.next_run
        enqueue_on_commit(
            run_schedule, newsletter_id, slot.isoformat(),
            run_after=slot, note_id=partial(booking.note_queued, newsletter_id, slot),
        )
