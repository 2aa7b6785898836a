"""The comment list's version and the purge of its public copy.

What readers see is refreshed by a change that shows on the public page: the comment list's
version for the article changes in the database, with the change, and once it commits,
behind Varnish, the article and its comment pages are purged (tasks.purge_public_copy)."""

import secrets
from datetime import timedelta
from functools import partial

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from manchette import task_queue
from manchette.website import purging

from . import tasks
from .models import ArticleComments

# At most one purge of an article's comment pages per PURGE_EVERY, however many comments
# come: each purge makes Varnish fetch the article page again, and purging once per comment
# had the application servers render a busy article dozens of times a second instead of
# taking comments. Anonymous readers see a new comment within a second or two.
PURGE_EVERY = timedelta(seconds=1)


# --------------------------------------------------------------------------- the public copy


def list_version(article_id: int) -> str:
    """The token the cached comment list of an article is kept under (a new one after each change).

    Read from the database, which every process shares (one primary-key query): a logged-in
    reader's page gets it with their own question instead (`reader_row`).
    """
    version = ArticleComments.objects.filter(article_id=article_id).values_list("list_version", flat=True)
    return version.first() or ""


def public_changed(article_id: int) -> None:
    """A new list version, in the change's own transaction; the shared cache purged once it commits."""
    public_changed_for([article_id])


def public_changed_for(article_ids: list[int]) -> None:
    """public_changed for many articles at once (an import's batch), in one query."""
    changed = [ArticleComments(article_id=pk, list_version=secrets.token_hex(8)) for pk in article_ids]
    ArticleComments.objects.bulk_create(
        changed, update_conflicts=True, unique_fields=["article"], update_fields=["list_version"]
    )
    for article_id in article_ids:
        transaction.on_commit(partial(_refresh_public_copy, article_id))


def article_withdrawn(article_id: int) -> None:
    """The article left readers' sight (unpublished): its comment lists, which answer 404 from
    now on, must not be served from any cache either. An update, not an upsert: the article
    may be on its way out (a deletion unpublishes first), and a list never versioned has
    nothing to change."""
    ArticleComments.objects.filter(article_id=article_id).update(list_version=secrets.token_hex(8))
    transaction.on_commit(lambda: _refresh_public_copy(article_id))


def _refresh_public_copy(article_id: int) -> None:
    if not purging.purging_enabled():
        return
    if not task_queue.can_wait():
        tasks.purge_public_copy.enqueue(article_id)  # a backend that cannot wait: at once
    elif cache.add(_purge_key(article_id), True, PURGE_EVERY.total_seconds()):
        # The first change of the second books one purge for the end of it; the others ride
        # along (they committed before the booking expires, so before the purge is sent).
        tasks.purge_public_copy.using(run_after=timezone.now() + PURGE_EVERY).enqueue(article_id)


def _purge_key(article_id: int) -> str:
    return f"comments:purge-booked:{article_id}"
