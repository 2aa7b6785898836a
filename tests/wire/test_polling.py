"""A feed's polling loop survives the loss of its queued poll: the scheduler (`run_scheduler`)
polls a feed whose turn is overdue, and the lost poll coming back starts no second loop.

Real database task backend and real `db_worker`, a watched folder.
"""

from datetime import timedelta

import pytest
import time_machine
from django_tasks_db.models import DBTaskResult

from manchette.articles.models import Agency
from manchette.wire import polling
from manchette.wire.models import Feed, Story
from tests.tasks_in_database import queued, run_scheduler, run_worker

from .test_stories import g2

POLL = "manchette.wire.tasks.poll_feed"

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_feed_whose_poll_was_lost_polls_again_after_the_schedulers_pass(
    database_tasks, tmp_path, clock: time_machine.Traveller
) -> None:
    agency = Agency.objects.create(name="Agence Boucle", short_name="AB", slug="agence-boucle")
    feed = Feed.objects.create(
        name="Dossier", agency=agency, format="newsmlg2", transport="folder", location=str(tmp_path),
        every_seconds=30,
    )
    [lost] = queued(POLL)
    lost_copy = DBTaskResult.objects.filter(pk=lost.pk).values().get()
    lost.delete()  # the queue lost it (a Redis flush)
    (tmp_path / "1.xml").write_bytes(g2("urn:boucle:1", 1, "Après la perte"))

    clock.shift(timedelta(seconds=31) + polling.OVERDUE_AFTER)
    run_worker()
    assert not Story.objects.exists()  # nothing queued: the feed has stopped
    run_scheduler()
    run_scheduler()  # a second pass (or a second machine's) starts no second poll
    assert len(queued(POLL)) == 1
    run_worker()

    assert list(Story.objects.values_list("guid", flat=True)) == ["urn:boucle:1"]
    [following] = queued(POLL)  # the loop goes on
    feed.refresh_from_db()
    assert following.run_after == feed.next_poll_at

    DBTaskResult.objects.create(**lost_copy)  # the lost poll reappears: it is not the feed's turn
    run_worker()
    assert queued(POLL) == [following]
    (tmp_path / "2.xml").write_bytes(g2("urn:boucle:2", 1, "La suite"))
    clock.shift(timedelta(seconds=31))
    run_worker()
    assert Story.objects.count() == 2 and len(queued(POLL)) == 1
    assert not DBTaskResult.objects.filter(task_path=POLL, status="FAILED").exists()


def test_a_coming_poll_lost_with_the_queue_is_queued_again_before_its_turn(database_tasks, tmp_path) -> None:
    """Redis flushed between two polls of a feed polled every five minutes: the scheduler's
    next pass queues the coming poll again, for the same turn; a second pass adds nothing."""
    agency = Agency.objects.create(name="Agence Boucle", short_name="AB", slug="agence-boucle")
    feed = Feed.objects.create(
        name="Dossier", agency=agency, format="newsmlg2", transport="folder", location=str(tmp_path),
        every_seconds=300,
    )
    [lost] = queued(POLL)
    lost.delete()  # the queue lost it (a Redis flush)
    run_scheduler()
    [again] = queued(POLL)
    feed.refresh_from_db()
    assert again.run_after == feed.next_poll_at  # the same turn, still to come
    run_scheduler()
    assert queued(POLL) == [again]

