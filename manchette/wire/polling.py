"""Each feed's polling loop: one queued poll per feed, booked on save, taken over when lost.

`Feed.next_poll_at` is the time of the feed's queued poll. Saving a feed books a poll on its
new schedule (the one queued before finds its time replaced and stops); a poll claims its
turn before polling, holding the feed for POLL_LEASE, then books the next poll. The
scheduler's reconciler (`manage.py run_scheduler`) polls again a feed whose turn is overdue:
its job was lost (a Redis flush) or its worker died mid-poll. Each move of `next_poll_at` is a
conditional UPDATE from the value read, so two pollers or two schedulers start one loop.
"""

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.tasks import default_task_backend
from django.utils import timezone

from .models import Feed

logger = logging.getLogger(__name__)

# A poll under way holds its feed this long: a slow FTP server is not taken for a lost poll.
POLL_LEASE = timedelta(minutes=5)
# A feed whose turn is this far past has lost its poll (a worker takes a due task in seconds).
OVERDUE_AFTER = timedelta(minutes=1)


def polled_feeds():
    return Feed.objects.filter(active=True).exclude(transport=Feed.Transport.MANUAL)


def start(feed: Feed) -> datetime | None:
    """Books the feed's first poll on its (new) schedule; None for a feed that is not polled.

    The saved schedule replaces whatever poll was queued before: that one stops at its turn.
    """
    polled = feed.active and feed.transport != Feed.Transport.MANUAL
    moment = timezone.now() + timedelta(seconds=max(1, feed.every_seconds)) if polled else None
    Feed.objects.filter(pk=feed.pk).update(next_poll_at=moment)
    if moment is not None:
        _queue(feed.pk, moment)
    return moment


def take_turn(feed_id: int, due: datetime) -> tuple[Feed, datetime] | None:
    """Claims the poll booked for `due`: the feed, and the time it is held until. None when
    `due` is not the feed's turn (a replaced schedule, or another run of it took it)."""
    held_until = timezone.now() + POLL_LEASE
    if not polled_feeds().filter(pk=feed_id, next_poll_at=due).update(next_poll_at=held_until):
        return None
    return Feed.objects.get(pk=feed_id), held_until


def book_next(feed: Feed, held_until: datetime) -> datetime | None:
    """After a poll: books the next one, unless the feed was saved meanwhile (its new loop runs)."""
    moment = timezone.now() + timedelta(seconds=max(1, feed.every_seconds))
    if not polled_feeds().filter(pk=feed.pk, next_poll_at=held_until).update(next_poll_at=moment):
        return None
    _queue(feed.pk, moment)
    return moment


def reconcile() -> dict[str, int]:
    """Polls now every polled feed whose turn is overdue or was never booked."""
    now = timezone.now()
    restarted = 0
    overdue = polled_feeds().filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lt=now - OVERDUE_AFTER))
    for feed_id, lost in overdue.values_list("pk", "next_poll_at"):
        unchanged = Q(next_poll_at__isnull=True) if lost is None else Q(next_poll_at=lost)
        if Feed.objects.filter(unchanged, pk=feed_id).update(next_poll_at=now):
            logger.warning("Feed %s: its poll due at %s was lost; polling now", feed_id, lost)
            _queue(feed_id, now, wait=False)
            restarted += 1
    return {"feed polls restarted": restarted}


def _queue(feed_id: int, moment: datetime, wait: bool = True) -> None:
    # Backends that cannot defer (the tests' immediate one) queue no later poll: the
    # reconciler polls the feed when its turn is overdue.
    from . import tasks

    if not wait:
        transaction.on_commit(lambda: tasks.poll_feed.enqueue(feed_id, moment.isoformat()))
    elif default_task_backend.supports_defer:
        transaction.on_commit(
            lambda: tasks.poll_feed.using(run_after=moment).enqueue(feed_id, moment.isoformat())
        )
