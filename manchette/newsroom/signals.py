"""Scheduled publishing: the worker wakes up when a revision is due.

When an editor schedules a revision (or an expiry), a task is queued to run at
that time; when the worker runs it, every due page is published or
unpublished. No cron for the operator to remember.
"""

from datetime import datetime

from django.db import transaction
from django.tasks import default_task_backend
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from . import services, tasks


def set_up_newsroom(**kwargs) -> None:
    services.ensure_newsroom()


def schedule_publication(sender, instance, **kwargs) -> None:
    for moment in (instance.approved_go_live_at, _expiry(instance)):
        if moment is not None and moment > timezone.now():
            _wake_worker_at(moment)


def _expiry(revision) -> datetime | None:
    expire_at = revision.content.get("expire_at") if isinstance(revision.content, dict) else None
    return parse_datetime(expire_at) if isinstance(expire_at, str) else expire_at


def _wake_worker_at(moment: datetime) -> None:
    # Backends that cannot defer (the immediate one, in tests) have nothing to wake.
    if default_task_backend.supports_defer:
        transaction.on_commit(lambda: tasks.publish_due_pages.using(run_after=moment).enqueue())


def note_approval(sender, instance, user=None, **kwargs) -> None:
    services.note_approval(instance, user)
