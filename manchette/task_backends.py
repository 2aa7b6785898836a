"""The Redis task backend, with deferred tasks that never run early.

RQ keeps a deferred job's time as a whole number of seconds, cut down: a task deferred to
10:00:05.7 would run from 10:00:05.0. Scheduled publishing runs Wagtail's
`publish_scheduled` at the go-live time; run early, it finds nothing due yet and the article
would stay unpublished. Rounding the time up to the next whole second keeps the promise.
"""

from datetime import timedelta
from typing import Any

from django_tasks_rq import RQBackend as _RQBackend


class RQBackend(_RQBackend):
    def enqueue(self, task: Any, args: Any, kwargs: Any) -> Any:
        run_after = task.run_after
        if run_after is not None and run_after.microsecond:
            task = task.using(run_after=run_after.replace(microsecond=0) + timedelta(seconds=1))
        return super().enqueue(task, args, kwargs)
