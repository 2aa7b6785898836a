"""Scheduled publishing happens on time through the background worker, with no cron.

These tests use the real database task backend and run the real `db_worker` command.
The scheduling hook enqueues on transaction commit, so they need real transactions; the
flush that follows such a test wipes what migrations created (Wagtail's root page, Site,
Locale, the newsroom's groups), so each test recreates what it needs.
"""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.tasks import default_task_backend
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page

from manchette.articles.models import ArticlePage
from manchette.articles.services import ensure_home_page
from manchette.newsroom.services import ensure_newsroom
from tests.conftest import Newsroom

TASK_PATH = "manchette.newsroom.tasks.publish_due_pages"
DELAY = timedelta(hours=2)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_tasks(settings) -> None:
    """The task backend `make run` uses: tasks wait in the database for the worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    assert default_task_backend.supports_defer  # django.tasks reset its backends on the change


@pytest.fixture
def newsroom_after_flush(database_tasks) -> Newsroom:
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if Page.get_first_root_node() is None:
        page_type = ContentType.objects.get_for_model(Page)
        Page.add_root(instance=Page(title="Root", slug="root", content_type=page_type))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    ensure_newsroom()
    return Newsroom(home=ensure_home_page())


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


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
