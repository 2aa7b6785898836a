"""The public comment list is shared-cached: purged when it changes, constant in queries."""

from datetime import timedelta

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from manchette.comments import list_versions, moderation, posting, tasks
from manchette.subscriptions.models import PaywallSettings
from tests.stack.test_purging import PurgeRecorder, recorder  # noqa: F401 (a real HTTP server taking the PURGEs)


def _purged_on_commit(capture, action) -> None:
    with capture(execute=True):
        action()


def test_publishing_or_removing_a_comment_purges_the_article_and_its_lists(
    rules, article, make_reader, moderator, request, django_capture_on_commit_callbacks
) -> None:
    purges: PurgeRecorder = request.getfixturevalue("recorder")
    base = f"/commentaires/article/{article.pk}/"
    expected = {article.url, base, f"{base}?tri=recents", f"{base}?tri=anciens", f"{base}?tri=selection"}
    author = make_reader()
    comment = None

    def post() -> None:
        nonlocal comment
        comment = posting.post_comment(author, article, "Publié d'emblée")

    _purged_on_commit(django_capture_on_commit_callbacks, post)
    assert purges.take() == expected
    _purged_on_commit(django_capture_on_commit_callbacks, lambda: posting.delete_comment(author, comment.pk))
    assert purges.take() == expected

    rules.premoderation = True
    rules.save()
    held = []
    _purged_on_commit(
        django_capture_on_commit_callbacks,
        lambda: held.append(posting.post_comment(make_reader(), article, "Retenu")),
    )
    assert purges.take() == set()  # nothing readers see has changed
    _purged_on_commit(django_capture_on_commit_callbacks, lambda: moderation.approve(moderator, held[0].pk))
    assert purges.take() == expected
    _purged_on_commit(
        django_capture_on_commit_callbacks, lambda: moderation.reject(moderator, held[0].pk, "spam")
    )
    assert purges.take() == expected


def test_a_burst_of_comments_books_one_purge_a_second(
    rules, article, make_reader, request, settings, clock, django_capture_on_commit_callbacks
) -> None:
    """Behind a worker that can wait, a busy article is purged once a second, not once a comment."""
    purges: PurgeRecorder = request.getfixturevalue("recorder")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    path = "manchette.comments.tasks.purge_public_copy"

    def post(text: str) -> None:
        _purged_on_commit(
            django_capture_on_commit_callbacks, lambda: posting.post_comment(make_reader(), article, text)
        )

    before = timezone.now()
    for number in range(5):
        post(f"Avis {number}")
    [booked] = DBTaskResult.objects.filter(task_path=path)
    # Sent a second after the first of the burst, so after the others have committed.
    every = list_versions.PURGE_EVERY
    assert before + every <= booked.run_after <= timezone.now() + every
    clock.shift(timedelta(seconds=1, milliseconds=1))
    post("Une seconde plus tard")
    assert DBTaskResult.objects.filter(task_path=path).count() == 2
    assert purges.take() == set()  # nothing sent before the worker runs it

    tasks.purge_public_copy.call(article.pk)
    base = f"/commentaires/article/{article.pk}/"
    assert purges.take() == {
        article.url,
        base,
        f"{base}?tri=recents",
        f"{base}?tri=anciens",
        f"{base}?tri=selection",
    }


def _count(client: Client, path: str) -> tuple[int, int]:
    cache.clear()
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        counts.append(len(captured.captured_queries))
    return counts[0], counts[1]


def test_the_article_page_costs_the_same_with_one_comment_or_sixty(rules, article, make_reader) -> None:
    client = Client()
    PaywallSettings.load()  # made by a new site's first request, which changes the content
    root = posting.post_comment(make_reader(), article, "Le premier")
    posting.post_comment(make_reader(), article, "Une réponse", reply_to=root.pk)
    few = _count(client, article.url)
    for number in range(30):
        thread = posting.post_comment(make_reader(), article, f"Fil {number}")
        posting.post_comment(make_reader(), article, f"Réponse {number}", reply_to=thread.pk)
    many = _count(client, article.url)
    assert many == few
    assert few[1] == 2  # warm: the content generation and the comment list's version
    assert "Commentaires (62)" in client.get(article.url).content.decode()
