"""Scheduled publishing happens on time through the background worker, with no cron.

These tests use the real database task backend and run the real `db_worker` command.
The scheduling hook enqueues on transaction commit, so they need real transactions; the
flush that follows such a test wipes what migrations created (Wagtail's root page, Site,
Locale, the newsroom's groups), so each test recreates what it needs.
"""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import PageLogEntry

from manchette.articles.models import ArticlePage
from tests.conftest import Newsroom
from tests.tasks_in_database import run_scheduler, run_worker

TASK_PATH = "manchette.newsroom.tasks.publish_due_pages"
DELAY = timedelta(hours=2)

pytestmark = pytest.mark.django_db(transaction=True)


def wait_until(clock: time_machine.Traveller, moment: datetime) -> None:
    """Moves the test's clock just past `moment`, as if the worker woke up then."""
    clock.move_to(moment + timedelta(milliseconds=200))


def publish_tasks() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path=TASK_PATH).order_by("run_after"))


def test_scheduled_revision_goes_live_when_the_worker_runs_it(
    newsroom_after_flush: Newsroom, clock: time_machine.Traveller
) -> None:
    article = newsroom_after_flush.article(
        newsroom_after_flush.section(), title="Article programmé", live=False
    )
    go_live_at = timezone.now() + DELAY
    article.go_live_at = go_live_at
    revision = article.save_revision()
    revision.publish()

    revision.refresh_from_db()
    assert revision.approved_go_live_at == go_live_at
    article.refresh_from_db()
    assert not article.live
    [task] = publish_tasks()
    assert task.run_after == go_live_at
    assert task.status == "READY"

    run_worker()  # not due yet: nothing happens
    article.refresh_from_db()
    assert not article.live
    assert DBTaskResult.objects.get(pk=task.pk).status == "READY"

    wait_until(clock, go_live_at)
    run_worker()

    article.refresh_from_db()
    assert article.live
    assert article.first_published_at >= go_live_at
    assert DBTaskResult.objects.get(pk=task.pk).status == "SUCCESSFUL"
    assert Client().get(article.url).status_code == 200


def test_expiry_unpublishes_when_the_worker_runs_it(
    newsroom_after_flush: Newsroom, clock: time_machine.Traveller
) -> None:
    article = newsroom_after_flush.article(newsroom_after_flush.section(), title="Article qui expire")
    assert article.live
    expire_at = timezone.now() + DELAY
    article.expire_at = expire_at
    article.save_revision().publish()

    [task] = publish_tasks()
    assert abs(task.run_after - expire_at) < timedelta(milliseconds=1)
    assert ArticlePage.objects.get(pk=article.pk).live

    wait_until(clock, expire_at)
    run_worker()

    article = ArticlePage.objects.get(pk=article.pk)
    assert not article.live
    assert article.expired
    assert DBTaskResult.objects.get(pk=task.pk).status == "SUCCESSFUL"


def test_publishing_now_queues_no_wake_up(newsroom_after_flush: Newsroom) -> None:
    newsroom_after_flush.article(newsroom_after_flush.section(), title="Publié tout de suite")
    assert publish_tasks() == []


def test_a_scheduled_article_whose_task_was_lost_goes_live_at_the_schedulers_next_pass(
    newsroom_after_flush: Newsroom, clock: time_machine.Traveller
) -> None:
    """The queue lost the go-live task (a Redis flush): the scheduler finds the article in the
    database and publishes it; running it again publishes nothing twice."""
    article = newsroom_after_flush.article(newsroom_after_flush.section(), title="Article perdu", live=False)
    go_live_at = timezone.now() + DELAY
    article.go_live_at = go_live_at
    article.save_revision().publish()
    DBTaskResult.objects.filter(task_path=TASK_PATH).delete()

    run_scheduler()  # not due yet
    assert not ArticlePage.objects.get(pk=article.pk).live

    wait_until(clock, go_live_at + timedelta(seconds=20))
    run_worker()  # nothing queued: the worker alone never publishes it
    assert not ArticlePage.objects.get(pk=article.pk).live
    run_scheduler()
    run_scheduler()

    article = ArticlePage.objects.get(pk=article.pk)
    assert article.live
    assert article.first_published_at >= go_live_at
    assert article.revisions.filter(approved_go_live_at__isnull=False).count() == 0
    assert PageLogEntry.objects.filter(page=article, action="wagtail.publish.scheduled").count() == 1
    assert Client().get(article.url).status_code == 200
