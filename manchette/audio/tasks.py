from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from manchette import task_queue

from . import services
from .models import ArticleAudio

MAX_ATTEMPTS = 3
RETRY_DELAY = timedelta(minutes=5)


@task()
def generate_audio(article_id: int, force: bool = False) -> None:
    """Idempotent: run twice, or by two workers, it makes the file once per text."""
    audio = services.generate(article_id, force=force).audio
    if audio is None or audio.status != ArticleAudio.Status.FAILED:
        return
    # A failure (engine missing, disk full) is tried again later, a few times; past that it
    # stays failed, with its reason, in the newsroom and for `manage.py generate_audio`.
    if audio.attempts < MAX_ATTEMPTS and task_queue.can_wait():
        later = timezone.now() + RETRY_DELAY * audio.attempts
        generate_audio.using(run_after=later).enqueue(article_id)
