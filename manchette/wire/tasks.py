from django.tasks import task
from django.utils.dateparse import parse_datetime

from . import polling, services
from .models import Feed


@task()
def poll_feed(feed_id: int, due: str = "") -> None:
    """Polls a feed at its booked turn `due`, then books its next poll (polling.py). A poll for
    a turn that is not the feed's (a replaced schedule, a double) stops, so there is one loop
    per feed. Without `due`, a one-off poll that leaves the loop alone."""
    if not due:
        feed = Feed.objects.filter(pk=feed_id, active=True).first()
        if feed is not None:
            services.poll(feed)
        return
    turn = polling.take_turn(feed_id, parse_datetime(due))
    if turn is None:
        return
    feed, held_until = turn
    try:
        services.poll(feed)
    finally:  # an unexpected failure is logged by the worker; the feed keeps its schedule
        polling.book_next(feed, held_until)


@task()
def alert_desk(story_id: int) -> None:
    services.alert_desk(story_id)


@task()
def fetch_picture(version_id: int) -> None:
    services.fetch_picture(version_id)
