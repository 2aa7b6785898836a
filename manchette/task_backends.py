"""The Redis task backend, with deferred tasks that never run early, and its worker.

RQ keeps a deferred job's time as a whole number of seconds, cut down: a task deferred to
10:00:05.7 would run from 10:00:05.0. Scheduled publishing runs Wagtail's
`publish_scheduled` at the go-live time; run early, it finds nothing due yet and the article
would stay unpublished. Rounding the time up to the next whole second keeps the promise.
"""

from datetime import timedelta
from typing import Any

import rq
from django.db import close_old_connections
from django_tasks_rq import RQBackend as _RQBackend


class RQBackend(_RQBackend):
    def enqueue(self, task: Any, args: Any, kwargs: Any) -> Any:
        run_after = task.run_after
        if run_after is not None and run_after.microsecond:
            task = task.using(run_after=run_after.replace(microsecond=0) + timedelta(seconds=1))
        return super().enqueue(task, args, kwargs)


class Worker(rq.SimpleWorker):
    """RQ's worker, running the jobs one after another in its own process.

    RQ's default forks a process per job, and each fork starts cold: what Django and Wagtail
    build on first use (URL patterns, templates, caches) and a database connection are made
    again for every job. A comment's purge cost 90 ms of CPU that way, against 8 ms here; on
    a machine shared with the application servers, that CPU was taken from them.

    Between two jobs the database connections are checked as between two requests
    (`CONN_HEALTH_CHECKS`, `CONN_MAX_AGE`), so a PostgreSQL restart costs no job.
    """

    # RQ's scheduler (moving deferred jobs to the queue when due) runs in one worker, the
    # holder of a lock in Redis that lives 61 s unless renewed. When that worker dies, the
    # others try to take the lock only at their maintenance, every 10 minutes by default:
    # scheduled articles and newsletter slots waited that long (seen in the simulated week).
    # Maintenance every minute hands the scheduler over within two; it costs a few Redis calls.
    MAINTENANCE_SECONDS = 60

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("maintenance_interval", self.MAINTENANCE_SECONDS)
        super().__init__(*args, **kwargs)

    def execute_job(self, job: rq.job.Job, queue: rq.Queue) -> None:
        close_old_connections()
        try:
            super().execute_job(job, queue)
        finally:
            close_old_connections()
