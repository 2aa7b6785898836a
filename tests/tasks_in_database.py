"""For tests about the worker: the task backend `make run` uses, its real `db_worker`, and the
real scheduler (`run_scheduler --once`).

Tasks are queued on transaction commit, so these tests need real transactions
(`pytest.mark.django_db(transaction=True)`); the flush that follows each wipes what migrations
created (Wagtail's root page, Site, Locale, the newsroom's groups): `newsroom_after_flush`
recreates it. tests/conftest.py loads the fixtures for every test; import the functions.
"""

import pytest
from django.core.management import call_command
from django.tasks import default_task_backend
from django_tasks_db.models import DBTaskResult

from manchette.articles.services import ensure_home_page
from manchette.newsroom.services import ensure_newsroom
from tests.conftest import Newsroom, restore_wagtail_roots


@pytest.fixture
def database_tasks(settings) -> None:
    """The task backend `make run` uses: tasks wait in the database for the worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    assert default_task_backend.supports_defer  # django.tasks reset its backends on the change


@pytest.fixture
def newsroom_after_flush(database_tasks) -> Newsroom:
    restore_wagtail_roots()  # already done for a transactional test: one for any other
    ensure_newsroom()
    return Newsroom(home=ensure_home_page())


def run_worker() -> None:
    """The worker runs every task that is due, then stops."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def run_scheduler() -> None:
    """One pass of the scheduler, as `manage.py run_scheduler --once`."""
    call_command("run_scheduler", "--once", verbosity=0)


def queued(task_path: str) -> list[DBTaskResult]:
    """The tasks of this path waiting for the worker, soonest first."""
    return list(DBTaskResult.objects.filter(task_path=task_path, status="READY").order_by("run_after"))
