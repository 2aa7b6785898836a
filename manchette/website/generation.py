"""The content generation: one token, changed by every change to what the public site shows.

Fragment caches (`{% cache … content_generation %}` in templates) and query caches
(`remember`) key their entries on it, so publishing, unpublishing, editing, moving or
deleting a page, or changing a picture, an author, a tag, a view restriction or the
paywall settings, makes every cached piece stale at once. The token is a random
value rather than a counter: a change rolled back with its transaction can never
bring back a token that other content was cached under.

The database holds the token; the cache holds a copy for at most a second
(`SHARED_COPY_SECONDS`), which spares the database a query on every request. A change
writes the new token to the cache once its transaction commits, before the Varnish purge
it queues is sent, so with Redis every process sees it at once; with the embedded
per-process cache, other processes see it within that second. Inside a transaction the
database is read directly: the copy could not show a change the transaction made.
"""

import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import ContentGeneration

ROW = 1
SHARED_COPY_KEY = "generation:current"
SHARED_COPY_SECONDS = 1
# How long a cached fragment may stay unread before the cache drops it; a new generation
# makes it unreachable long before that.
FRAGMENT_SECONDS = 24 * 60 * 60

# Besides pages, the models whose rows appear on public pages (by "app_label.ModelName"),
# and the article's audio, shown to subscribers from a cached lookup once its file is made.
CONTENT_MODELS = frozenset(
    {
        "audio.ArticleAudio",
        "articles.Author",
        "articles.Agency",
        "articles.ArticleAuthor",
        "articles.ArticleTag",
        "articles.MustRead",
        "corrections.Correction",
        "taggit.Tag",
        "wagtailimages.Image",
        "wagtailcore.PageViewRestriction",
        "wagtailcore.Site",
        "subscriptions.PaywallSettings",
    }
)


def current(request: HttpRequest | None = None) -> str:
    """The token now; read once per request (one query), remembered on the request."""
    if request is not None and hasattr(request, "_content_generation"):
        return request._content_generation
    in_transaction = transaction.get_connection().in_atomic_block
    token = None if in_transaction else cache.get(SHARED_COPY_KEY)
    if token is None:
        token = ContentGeneration.objects.filter(pk=ROW).values_list("token", flat=True).first()
        if token is None:  # a flushed table (tests) or a database restored without the row
            token = bump()
        elif not in_transaction:
            cache.set(SHARED_COPY_KEY, token, SHARED_COPY_SECONDS)
    if request is not None:
        # Django's objects carry per-request values on the request; its stubs declare only Django's own.
        request._content_generation = token  # type: ignore[attr-defined]
    return token


def bump() -> str:
    token = secrets.token_hex(8)
    if not ContentGeneration.objects.filter(pk=ROW).update(token=token):
        ContentGeneration.objects.update_or_create(pk=ROW, defaults={"token": token})
    cache.delete(SHARED_COPY_KEY)
    transaction.on_commit(lambda: cache.set(SHARED_COPY_KEY, token, SHARED_COPY_SECONDS))
    return token


# Inside one_bump(): whether something changed, for the one bump at its end.
_changes_held: ContextVar[list[bool] | None] = ContextVar("generation_changes_held", default=None)


@contextmanager
def one_bump() -> Iterator[None]:
    """Changes made inside it (an import publishing a batch of articles in one transaction)
    change the token once, when it ends, instead of once each: one token for the batch makes
    every cached piece stale as surely as one per article. Use it inside the transaction of
    those changes: left by an exception, it changes nothing (a transaction that failed on
    PostgreSQL takes no more queries), and the transaction rolls back what changed."""
    held: list[bool] = []
    token = _changes_held.set(held)
    try:
        yield
    finally:
        _changes_held.reset(token)
    if held:
        bump()


def _changed() -> None:
    held = _changes_held.get()
    if held is None:
        bump()
    else:
        held.append(True)


def remember[T](generation: str, name: str, compute: Callable[[], T]) -> T:
    """A query's result kept in the cache for this generation of the content."""
    found = cache.get(_key(generation, name), _MISSING)
    if found is _MISSING:
        found = compute()
        keep(generation, name, found)
    return found


def recall(generation: str, name: str) -> object | None:
    return cache.get(_key(generation, name))


def keep(generation: str, name: str, value: object) -> None:
    cache.set(_key(generation, name), value, FRAGMENT_SECONDS)


def _key(generation: str, name: str) -> str:
    return f"generation:{generation}:{name}"


_MISSING = object()


def _content_changed(sender: type[models.Model], instance: models.Model | None = None, **kwargs: Any) -> None:
    if sender.__module__ == "__fake__":
        return  # a migration's historical model: the table of the token may not exist yet
    if isinstance(instance, Page) or sender._meta.label in CONTENT_MODELS:
        _changed()


def _page_event(sender: type[models.Model], **kwargs: Any) -> None:
    _changed()


def connect_signals() -> None:
    post_save.connect(_content_changed, dispatch_uid="website.generation.save")
    post_delete.connect(_content_changed, dispatch_uid="website.generation.delete")
    # A move rewrites paths with queryset updates, which send no post_save.
    post_page_move.connect(_page_event, dispatch_uid="website.generation.move")
    page_published.connect(_page_event, dispatch_uid="website.generation.publish")
    page_unpublished.connect(_page_event, dispatch_uid="website.generation.unpublish")
