"""The real database task backend and the real `db_worker`: a feed is polled on its schedule,
by one loop per feed, and a restart continues from the folder's state."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.tasks import default_task_backend
from django_tasks_db.models import DBTaskResult

from manchette.articles.models import Agency
from manchette.wire.models import Feed, Story

from .test_stories import g2

POLL = "manchette.wire.tasks.poll_feed"

pytestmark = pytest.mark.django_db(transaction=True)


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def queued_polls() -> int:
    return DBTaskResult.objects.filter(task_path=POLL, status="READY").count()


def test_the_worker_polls_each_feed_on_schedule_once(settings, tmp_path, clock):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    assert default_task_backend.supports_defer
    agency = Agency.objects.create(name="Agence Worker", short_name="AW", slug="agence-worker")
    (tmp_path / "1.xml").write_bytes(g2("urn:w1", 1, "Un"))
    feed = Feed.objects.create(
        name="Dossier",
        agency=agency,
        format="newsmlg2",
        transport="folder",
        location=str(tmp_path),
        every_seconds=5,
    )
    run_worker()
    assert not Story.objects.exists() and queued_polls() == 1  # not due yet
    clock.shift(timedelta(seconds=6))
    run_worker()
    assert list(Story.objects.values_list("guid", flat=True)) == ["urn:w1"]
    assert queued_polls() == 1  # the next one
    feed.every_seconds = 10
    feed.save()  # a new schedule: the loop queued before stops at its turn
    (tmp_path / "2.xml").write_bytes(g2("urn:w2", 1, "Deux"))
    clock.shift(timedelta(seconds=11))
    run_worker()
    assert Story.objects.count() == 2 and queued_polls() == 1
    assert DBTaskResult.objects.filter(task_path=POLL, status="FAILED").count() == 0
