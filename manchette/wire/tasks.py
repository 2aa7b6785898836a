"""The wire's background entry points. The picture download is pictures.fetch_picture (see
why there); the loop each feed's polls form is described in polling.py."""

from datetime import datetime
from functools import partial

from django.tasks import task
from django.utils.dateparse import parse_datetime

from manchette.task_queue import enqueue_on_commit

from . import poller
from .models import Feed


@task()
def poll_feed(feed_id: int, due: str = "") -> None:
    """Polls a feed at its booked turn `due`, then books its next poll. A poll for a turn that
    is not the feed's (a replaced schedule, a double) stops, so there is one loop per feed.
    Without `due`, a one-off poll that leaves the loop alone."""
    if not due:
        feed = Feed.objects.filter(pk=feed_id, active=True).first()
        if feed is not None:
            poller.poll(feed)
        return
    booked = parse_datetime(due)
    if booked is None:  # the poller books turns in ISO format: anything else is not one of its
        raise ValueError(f"Not a poll time: {due!r}")
    turn = poller.take_turn(feed_id, booked)
    if turn is None:
        return
    feed, held_until = turn
    try:
        poller.poll(feed)
    finally:  # an unexpected failure is logged by the worker; the feed keeps its schedule
        moment = poller.book_next(feed, held_until)
        if moment is not None:
            queue_poll(feed.pk, moment)


def queue_poll(feed_id: int, moment: datetime, wait: bool = True) -> None:
    """Queues the feed's poll booked for `moment`, to run then (or at once with wait=False)
    once the booking is committed. Backends that cannot defer (the tests' immediate one) queue
    no later poll: the scheduler's reconciler polls the feed when its turn is overdue."""
    enqueue_on_commit(
        poll_feed, feed_id, moment.isoformat(),
        run_after=moment if wait else None, note_id=partial(_note_poll_id, feed_id, moment),
    )


def _note_poll_id(feed_id: int, moment: datetime, run_id: str) -> None:
    # Kept so that the reconciler can tell a poll lost with the queue before its time.
    Feed.objects.filter(pk=feed_id, next_poll_at=moment).update(next_poll_run_id=run_id)
