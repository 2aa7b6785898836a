"""What the task queue still holds of a task queued earlier, whichever backend the settings chose."""

from django.tasks import default_task_backend
from django.tasks.exceptions import TaskResultDoesNotExist

# The backends of the django-tasks package (RQ, database) raise its own exception.
from django_tasks.exceptions import TaskResultDoesNotExist as BackportResultDoesNotExist


def still_queued(result_id: str) -> bool:
    """Whether the task queued under `result_id` is still waiting or running.

    A loop that books its next run in the queue (a newsletter's slot, a feed's poll) keeps the
    id; a result the backend no longer knows was lost with the queue (Redis flushed, restarted
    without its data): the reconciler queues the run again without waiting for its time to pass.
    A backend that cannot say is trusted to hold it.
    """
    if not result_id:
        return False
    if not default_task_backend.supports_get_result:
        return True
    try:
        result = default_task_backend.get_result(result_id)
    except (TaskResultDoesNotExist, BackportResultDoesNotExist):
        return False
    return str(result.status) in {"READY", "RUNNING"}
