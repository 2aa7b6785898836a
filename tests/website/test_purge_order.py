"""A publication's purge is queued before its slower follow-up jobs (picture sizes, audio).

The embedded default has one worker: a purge queued behind a publication's renditions and
audio waited for both before readers saw the change, several seconds on a busy machine (the
flaky Varnish test of stop 18). The worker takes the highest priority among the tasks that
exist when it looks, so the purge must exist first.
"""

import pytest
from django_tasks_db.models import DBTaskResult

from tests.conftest import Newsroom
from tests.stack.test_purging import PurgeRecorder, recorder  # noqa: F401 (a real HTTP server taking the PURGEs)

PURGE = "wagtail.contrib.frontend_cache.tasks.purge_urls_from_cache_task"


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("recorder")
def test_the_purge_is_queued_before_the_publications_other_work(newsroom_after_flush: Newsroom) -> None:
    section = newsroom_after_flush.section()
    article = newsroom_after_flush.article(section)
    DBTaskResult.objects.all().delete()

    article.title = "Un titre corrigé"
    article.save_revision().publish()

    queued = list(DBTaskResult.objects.order_by("enqueued_at").values_list("task_path", flat=True))
    follow_ups = [path for path in queued if not path.startswith(("wagtail.", "modelsearch."))]
    assert PURGE in queued
    assert follow_ups, "publishing queues renditions and audio"
    assert queued.index(PURGE) < min(queued.index(path) for path in follow_ups), queued
