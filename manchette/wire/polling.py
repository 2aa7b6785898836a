"""Each feed's polling loop: one queued poll per feed, booked on save, taken over when lost.

`Feed.next_poll_at` is the time of the feed's queued poll. Saving a feed books a poll on its
new schedule (the one queued before finds its time replaced and stops); a poll claims its
turn before polling, holding the feed for poller.POLL_LEASE, then books the next poll
(tasks.poll_feed). The scheduler's reconciler (`manage.py run_scheduler`) polls again a feed
whose turn is overdue: its job was lost (a Redis flush) or its worker died mid-poll. Each move
of `next_poll_at` is a conditional UPDATE from the value read, so two pollers or two
schedulers start one loop.
"""

import logging
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from manchette.task_results import still_queued

from .models import Feed
from .poller import polled_feeds
from .tasks import queue_poll

logger = logging.getLogger(__name__)

# A feed whose turn is this far past has lost its poll (a worker takes a due task in seconds).
OVERDUE_AFTER = timedelta(minutes=1)


def start(feed: Feed) -> datetime | None:
    """Books the feed's first poll on its (new) schedule; None for a feed that is not polled.

    The saved schedule replaces whatever poll was queued before: that one stops at its turn.
    """
    polled = feed.active and feed.transport != Feed.Transport.MANUAL
    moment = timezone.now() + timedelta(seconds=max(1, feed.every_seconds)) if polled else None
    Feed.objects.filter(pk=feed.pk).update(next_poll_at=moment)
    if moment is not None:
        queue_poll(feed.pk, moment)
    return moment


def reconcile() -> dict[str, int]:
    """Polls now every polled feed whose turn is overdue or was never booked, and queues again
    the coming poll the queue lost (Redis flushed) before its time."""
    now = timezone.now()
    restarted = 0
    coming = polled_feeds().filter(next_poll_at__gt=now)
    for feed_id, moment, run_id in coming.values_list("pk", "next_poll_at", "next_poll_run_id"):
        if moment is not None and not still_queued(run_id):
            # Should it be a double after all, the poll that comes second finds its turn taken.
            logger.warning("Feed %s: its poll due at %s was lost; queued again", feed_id, moment)
            queue_poll(feed_id, moment)
            restarted += 1
    overdue = polled_feeds().filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lt=now - OVERDUE_AFTER))
    for feed_id, lost in overdue.values_list("pk", "next_poll_at"):
        unchanged = Q(next_poll_at__isnull=True) if lost is None else Q(next_poll_at=lost)
        if Feed.objects.filter(unchanged, pk=feed_id).update(next_poll_at=now):
            logger.warning("Feed %s: its poll due at %s was lost; polling now", feed_id, lost)
            queue_poll(feed_id, now, wait=False)
            restarted += 1
    return {"feed polls restarted": restarted}
