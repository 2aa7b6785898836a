"""The scheduler's pass over newsletters (`manage.py run_scheduler`): loops whose jobs were lost.

Two loops live in the task queue and die with it (a Redis flush, a worker's queue lost): each
newsletter's slots (booking.py), and the watch over an edition being sent, which hands the
deliveries of dead workers to another (tasks.watch_edition). The database says what each
should be doing; this finds and restarts what is not being done.
"""

import logging
from collections import Counter

from django.db.models import Exists, OuterRef
from django.utils import timezone

from . import booking, sending, tasks
from .models import Delivery, Edition

logger = logging.getLogger(__name__)


def reconcile() -> Counter[str]:
    outcomes = reconcile_slots()
    outcomes["editions resumed"] = resume_stalled_editions()
    return outcomes


def resume_stalled_editions() -> int:
    """Queues again the deliveries of editions being sent that no worker holds any more.

    An edition started a lease ago with no claim renewed within the lease has lost its
    batches and its watch: one batch over what is left takes them over (claims make a
    batch that was only late, and runs after all, find nothing to send). Returns how many
    editions were resumed.
    """
    quiet_since = timezone.now() - sending.lease()
    live_claim = Delivery.objects.filter(
        edition=OuterRef("pk"), status=Delivery.Status.SENDING, claimed_at__gte=quiet_since
    )
    resumed = 0
    stalled = Edition.objects.filter(status=Edition.Status.SENDING, started_at__lt=quiet_since)
    for edition_id in stalled.exclude(Exists(live_claim)).values_list("pk", flat=True):
        if sending.finish_if_done(edition_id):
            continue
        left = sending.stalled_range(edition_id)
        if left is not None:
            tasks.send_batch.enqueue(edition_id, *left)
            resumed += 1
    return resumed


def reconcile_slots() -> Counter[str]:
    """booking.keep_booked for every newsletter that is active or still has a booking, and what
    it decided queued; counts the outcomes."""
    outcomes: Counter[str] = Counter()
    for newsletter_id in booking.booked_newsletters():
        try:
            steps = booking.keep_booked(newsletter_id)
            tasks.carry_out(steps)
            outcomes[steps.outcome] += 1
        except Exception:  # one newsletter's failure must not leave the others' loops lost
            logger.exception("Newsletter %s: its schedule could not be checked", newsletter_id)
            outcomes["failed"] += 1
    return outcomes
