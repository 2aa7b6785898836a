"""The Redis task backend, with deferred tasks that never run early, and its worker.

RQ keeps a deferred job's time as a whole number of seconds, cut down: a task deferred to
10:00:05.7 would run from 10:00:05.0. Scheduled publishing runs Wagtail's
`publish_scheduled` at the go-live time; run early, it finds nothing due yet and the article
would stay unpublished. Rounding the time up to the next whole second keeps the promise.
"""

from datetime import timedelta
from typing import Any

import rq
from django.urls import get_resolver
from django_tasks_rq import RQBackend as _RQBackend


class RQBackend(_RQBackend):
    def enqueue(self, task: Any, args: Any, kwargs: Any) -> Any:
        run_after = task.run_after
        if run_after is not None and run_after.microsecond:
            task = task.using(run_after=run_after.replace(microsecond=0) + timedelta(seconds=1))
        return super().enqueue(task, args, kwargs)


class Worker(rq.Worker):
    """RQ's worker, with Django's URL patterns imported before it forks a process per job.

    Otherwise every job imports all the URLconfs again on its first reverse(), about a second
    here: more than a newsletter batch of 2,000 mails takes to send.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        get_resolver().url_patterns  # noqa: B018 - imports every URLconf, once, in the parent
