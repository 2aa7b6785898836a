"""Each newsletter's schedule as a loop of tasks: every slot booked once and run once.

The slot whose run is queued is kept on the newsletter (`Newsletter.booked_slot`). Saving a
newsletter books its next slot (a new, re-activated or re-scheduled newsletter), the run of a
slot books the one after, and the scheduler (`manage.py run_scheduler`) calls `keep_booked`
for every newsletter, which finds a loop whose job was lost (Redis flushed, the machine down
at the slot) once its slot is overdue, sends the missed slot and books the next one.

Every change of `booked_slot` is a conditional UPDATE from the value the booker read, so of
two bookers (two saves, two runs of one slot, two schedulers on two machines) only one
queues the next run. A queued run whose slot is no longer the booked one belongs to a
replaced booking and stops. Running a slot twice makes one edition (unique per newsletter
and slot) and sends it once (sending.start_sending).

Nothing here queues a task: each function hands back its Steps, the batches of the edition
it started and the slot it booked, which tasks.carry_out queues once committed.
"""

import enum
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from manchette import task_queue
from manchette.task_results import still_queued

from . import editions, schedule, sending
from .models import Edition, Newsletter

logger = logging.getLogger(__name__)

# A booked slot this far past its time has lost its run: a worker takes a due task within
# seconds, and a run under way moves the booking on as soon as its edition is started.
OVERDUE_AFTER = timedelta(minutes=1)
# A slot missed by at most this much is still sent when the loop is found (the machine down at
# 11h and back by 14h: the 11h edition goes out then); an older one is skipped, and the
# next slot booked: a morning letter in the evening, or three of them at once, helps nobody.
CATCH_UP = timedelta(hours=3)


class Outcome(enum.StrEnum):
    ALIVE = "alive"  # its next run is queued (or under way)
    BOOKED = "booked"  # its next slot was booked now
    CAUGHT_UP = "caught up"  # a missed slot was run now, and the next one booked
    REQUEUED = "run queued again"  # the next slot's run was lost with the queue: queued again
    IDLE = "idle"  # inactive, or no sending day: nothing to book


@dataclass
class Steps:
    """What a booker decided, for tasks.carry_out to queue: the edition whose sending it
    started (its id and batches), and the newsletter and slot it booked."""

    outcome: Outcome = Outcome.ALIVE
    started: tuple[int, list[tuple[int, int]]] | None = None
    next_run: tuple[int, datetime] | None = None


def keep_booked(newsletter_id: int, *, catch_up: bool = True) -> Steps:
    """Brings the newsletter's loop in line with its schedule: its next slot booked, and with
    `catch_up`, a slot whose run was lost sent now (within CATCH_UP of its time).

    Called when a newsletter is saved (without catch_up: a form is no place to send an
    edition) and by the scheduler's reconciler. Safe to run anywhere, any number of times.
    """
    now = timezone.now()
    steps = Steps()
    newsletter = Newsletter.objects.filter(pk=newsletter_id).first()
    if newsletter is None or not task_queue.can_wait():
        # Nothing to book on a backend that cannot wait (the tests' immediate one).
        steps.outcome = Outcome.IDLE
        return steps
    booked = newsletter.booked_slot
    upcoming = _next_slot(newsletter, now) if newsletter.active else None
    if upcoming is None:
        _move_booking(steps, newsletter.pk, booked, None)
        steps.outcome = Outcome.IDLE
        return steps
    if booked is None or booked > now:
        # New, re-activated, or re-scheduled: the booked slot is no longer the next one.
        if booked != upcoming and _move_booking(steps, newsletter.pk, booked, upcoming):
            steps.outcome = Outcome.BOOKED
        elif booked == upcoming and catch_up and not still_queued(newsletter.booked_run_id):
            # Lost with the queue before its time (Redis flushed): queued again now, not found
            # once overdue. Should it be a double after all, the run that comes second stops.
            steps.next_run = (newsletter.pk, booked)
            steps.outcome = Outcome.REQUEUED
        return steps
    if booked > now - OVERDUE_AFTER:
        return steps  # due: its run is under way, and books the next slot
    missed = _latest_slot(newsletter, since=max(booked, now - CATCH_UP), until=now) if catch_up else None
    if missed is not None:
        logger.warning("Newsletter %s: the run of %s was lost; sending %s now", newsletter.pk, booked, missed)
        run_slot(steps, newsletter, missed)
    if _move_booking(steps, newsletter.pk, booked, upcoming):  # else another booker moved it first
        steps.outcome = Outcome.CAUGHT_UP if missed is not None else Outcome.BOOKED
    return steps


def run_booked_slot(newsletter_id: int, slot: datetime) -> Steps | None:
    """The queued run of a slot: sends its edition and books the next slot.

    None, doing nothing, when the slot is not the newsletter's booked one any more: the
    newsletter was re-scheduled or made inactive, or another run of this slot already moved on.
    """
    newsletter = Newsletter.objects.filter(pk=newsletter_id, active=True, booked_slot=slot).first()
    if newsletter is None:
        return None
    steps = Steps()
    run_slot(steps, newsletter, slot)
    # Never before the slot itself, should the task run early: the next run is a later slot.
    _move_booking(steps, newsletter.pk, slot, _next_slot(newsletter, max(slot, timezone.now())))
    return steps


def run_slot(steps: Steps, newsletter: Newsletter, slot: datetime) -> None:
    """Makes the slot's automatic edition and starts sending it; running it again adds nothing."""
    edition = editions.prepare_edition(newsletter, slot)
    if edition is not None and edition.status == Edition.Status.APPROVED:
        steps.started = (edition.pk, sending.start_sending(edition).batches)


def booked_newsletters() -> list[int]:
    """The newsletters whose loop the reconciler keeps: active ones, and those still booked."""
    newsletters = Newsletter.objects.filter(Q(active=True) | Q(booked_slot__isnull=False))
    return list(newsletters.order_by("pk").values_list("pk", flat=True))


def _next_slot(newsletter: Newsletter, after: datetime) -> datetime | None:
    return schedule.next_slot(newsletter.weekdays, newsletter.send_time, after)


def _latest_slot(newsletter: Newsletter, since: datetime, until: datetime) -> datetime | None:
    """The newsletter's last slot from `since` to `until`, both included."""
    found = None
    slot = _next_slot(newsletter, since - timedelta(microseconds=1))
    while slot is not None and slot <= until:
        found = slot
        slot = _next_slot(newsletter, slot)
    return found


def _move_booking(steps: Steps, newsletter_id: int, expected: datetime | None, slot: datetime | None) -> bool:
    """Moves the booking from `expected` to `slot` if no one moved it first, and notes the
    slot's run in `steps`. True for the one booker that moved it."""
    unchanged = Q(booked_slot__isnull=True) if expected is None else Q(booked_slot=expected)
    if expected == slot:
        return False
    if not Newsletter.objects.filter(unchanged, pk=newsletter_id).update(booked_slot=slot):
        return False
    if slot is not None:
        steps.next_run = (newsletter_id, slot)
    return True


def note_queued(newsletter_id: int, slot: datetime, run_id: str) -> None:
    """Keeps the id of the run queued for the newsletter's booked slot (unless booked anew since)."""
    Newsletter.objects.filter(pk=newsletter_id, booked_slot=slot).update(booked_run_id=run_id)
