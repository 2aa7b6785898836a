from datetime import datetime

from django.db import transaction
from django.tasks import default_task_backend, task
from django.utils.dateparse import parse_datetime

from . import services
from .models import Feed


@task()
def poll_feed(feed_id: int, due: str = "") -> None:
    """Polls a feed, then queues its next poll. A queued poll whose time is no longer the
    feed's planned one belongs to a replaced schedule and stops, so there is one loop per feed."""
    feed = Feed.objects.filter(pk=feed_id, active=True).first()
    if feed is None or (due and feed.next_poll_at and parse_datetime(due) != feed.next_poll_at):
        return
    try:
        services.poll(feed)
    finally:  # an unexpected failure is logged by the worker; the feed keeps its schedule
        schedule(feed)


def schedule(feed: Feed) -> datetime | None:
    """Queues the feed's next poll (backends that cannot defer, like the tests' immediate
    one, poll only when asked)."""
    if not default_task_backend.supports_defer or not feed.active or feed.transport == Feed.Transport.MANUAL:
        return None
    moment = services.plan_next_poll(feed)
    transaction.on_commit(lambda: poll_feed.using(run_after=moment).enqueue(feed.pk, moment.isoformat()))
    return moment


@task()
def alert_desk(story_id: int) -> None:
    services.alert_desk(story_id)


@task()
def fetch_picture(version_id: int) -> None:
    services.fetch_picture(version_id)
