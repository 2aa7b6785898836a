"""Scheduled publishing: the worker wakes up when a revision is due.

When an editor schedules a revision (or an expiry), a task is queued to run at
that time; when the worker runs it, every due page is published or
unpublished. No cron for the operator to remember.
"""

from datetime import datetime
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from wagtail.models import Revision, WorkflowState

from manchette import task_queue

from . import services, tasks


def set_up_newsroom(**kwargs: Any) -> None:
    services.ensure_newsroom()


def schedule_publication(sender: type[Revision], instance: Revision, **kwargs: Any) -> None:
    for moment in (instance.approved_go_live_at, _expiry(instance)):
        if moment is not None and moment > timezone.now():
            _wake_worker_at(moment)


def _expiry(revision: Revision) -> datetime | None:
    expire_at = revision.content.get("expire_at") if isinstance(revision.content, dict) else None
    return parse_datetime(expire_at) if isinstance(expire_at, str) else expire_at


def _wake_worker_at(moment: datetime) -> None:
    # Backends that cannot wait (the immediate one, in tests) have nothing to wake.
    task_queue.enqueue_on_commit(tasks.publish_due_pages, run_after=moment)


def note_approval(
    sender: type[WorkflowState], instance: WorkflowState, user: User | None = None, **kwargs: Any
) -> None:
    services.note_approval(instance, user)
