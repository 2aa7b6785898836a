"""Queuing a task once the transaction that decided it commits, now or at a later moment.

A task queued before its transaction commits can run, in another worker, before the rows it
reads exist. A loop that books its next run later (a newsletter's slot, a feed's poll, an
edition's watch) needs a backend that can wait: the immediate backend of the tests cannot,
and there the scheduler's reconcilers run what is due instead.
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.tasks import Task, default_task_backend


def can_wait() -> bool:
    """Whether the queue can hold a task until a later moment (every backend but the immediate one)."""
    return bool(default_task_backend.supports_defer)


def enqueue_on_commit(
    task: Task, *args: Any, run_after: datetime | None = None, note_id: Callable[[str], None] | None = None
) -> bool:
    """Queues `task(*args)` once the current transaction commits (at once outside one), to run
    at `run_after` if given; `note_id` then receives the queued result's id, for a reconciler
    to tell a run lost with the queue (task_results.still_queued). Returns False, queuing
    nothing, when `run_after` is asked of a backend that cannot wait."""
    if run_after is not None and not can_wait():
        return False

    def queue() -> None:
        queued = (task.using(run_after=run_after) if run_after is not None else task).enqueue(*args)
        if note_id is not None:
            note_id(queued.id)

    transaction.on_commit(queue)
    return True
