"""Purges the shared cache (Varnish) when the newsroom changes what readers see.

Publishing, unpublishing (by hand or at expiry), changing a slug, moving or deleting a
page purges, once the change is committed: the page itself (and its descendants when it
moves or goes away), its section, the home page, the feeds (the site's and the section's),
the tag pages of its tags, and the sitemaps. Purges go through
`wagtail.contrib.frontend_cache` (HTTP PURGE to every Varnish in VARNISH_URL) as a
background task, so publishing never waits for, nor fails with, the cache.

Other pages that merely list the article ("À ne pas manquer" on other articles, search
results) are not purged: they are refreshed when their lifetime in the cache ends, at most
PUBLIC_PAGE_MAX_AGE seconds plus the 10 s of grace the VCL allows while the application
is healthy.

Wagtail's own frontend_cache app is not installed: its handlers purge only the page, and
before the publishing transaction commits, so the cache could fetch the old page again.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models.signals import pre_delete
from django.urls import NoReverseMatch, reverse
from django_tasks.base import TASK_MAX_PRIORITY
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
from wagtail.models import Page
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    pre_page_move,
)

# Site-wide addresses that list every article.
_SITE_WIDE = ("feed", "sitemap", "news_sitemap")


def purging_enabled() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def _path(name: str, **kwargs: str) -> str | None:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def urls_showing(page: Page, with_descendants: bool = False) -> set[str]:
    """Full URLs of every cached response that shows `page` where it is now."""
    site = page.get_site()
    if site is None:  # not under a site: no reader can reach it
        return set()
    home = site.root_page
    urls = {page.get_full_url()}
    paths = [_path(name) for name in _SITE_WIDE]
    for ancestor in page.get_ancestors(inclusive=True).filter(depth__gte=home.depth):
        urls.add(ancestor.get_full_url())
        if ancestor.depth == home.depth + 1:  # a section: the home page's children
            paths.append(_path("section_feed", slug=ancestor.slug))
    tags = getattr(page.specific_deferred, "tags", None)
    if tags is not None:
        paths.extend(_path("tag", slug=tag.slug) for tag in tags.all())
    if with_descendants:
        urls.update(descendant.get_full_url() for descendant in page.get_descendants().live())
    urls.update(site.root_url + path for path in paths if path)
    return {url for url in urls if url}


# Inside one_purge(): the addresses to purge when it ends.
_purges_held: ContextVar[set[str] | None] = ContextVar("purges_held", default=None)


@contextmanager
def one_purge() -> Iterator[None]:
    """Purges asked inside it (an import publishing a batch of articles) are queued as one,
    of every address they name, when it ends: one job instead of one per article. Left by an
    exception, it queues nothing: use it inside the transaction of those changes, which rolls
    them back."""
    held: set[str] = set()
    token = _purges_held.set(held)
    try:
        yield
    finally:
        _purges_held.reset(token)
    purge_after_commit(held)


def purge_after_commit(urls: Iterable[str]) -> None:
    """Queues the purge of `urls` for when the current transaction commits."""
    held = _purges_held.get()
    if held is not None:
        held.update(urls)
        return
    urls = sorted(set(urls))
    if urls:
        transaction.on_commit(lambda: _enqueue_purge(urls))


def _enqueue_purge(urls: list[str]) -> None:
    # Ahead of the renditions and indexing that the same publication queues, so readers see
    # it within a second; a queue without priorities (Redis) has several workers instead.
    task = purge_urls_from_cache_task
    if task.get_backend().supports_priority:
        task = task.using(priority=TASK_MAX_PRIORITY)
    task.enqueue(urls)


def _on_publish_or_unpublish(instance: Page, **kwargs: Any) -> None:
    if purging_enabled():
        purge_after_commit(urls_showing(instance))


def _on_slug_changed(instance: Page, instance_before: Page, **kwargs: Any) -> None:
    if purging_enabled():
        purge_after_commit(urls_showing(instance_before, with_descendants=True))


# Where a moving page was, read before the move and purged once it is done (by page id).
_moving: dict[int, set[str]] = {}


def _before_move(instance: Page, **kwargs: Any) -> None:
    if purging_enabled():
        _moving[instance.pk] = urls_showing(instance, with_descendants=True)


def _after_move(instance: Page, **kwargs: Any) -> None:
    if purging_enabled():
        purge_after_commit(_moving.pop(instance.pk, set()) | urls_showing(instance, with_descendants=True))


def _before_delete(sender: type, instance: object, **kwargs: Any) -> None:
    # Each deleted descendant gets its own signal; the addresses are read before the rows go.
    if isinstance(instance, Page) and purging_enabled() and instance.live:
        purge_after_commit(urls_showing(instance))


def connect() -> None:
    page_published.connect(_on_publish_or_unpublish, dispatch_uid="manchette_purge_published")
    page_unpublished.connect(_on_publish_or_unpublish, dispatch_uid="manchette_purge_unpublished")
    page_slug_changed.connect(_on_slug_changed, dispatch_uid="manchette_purge_slug")
    pre_page_move.connect(_before_move, dispatch_uid="manchette_purge_before_move")
    post_page_move.connect(_after_move, dispatch_uid="manchette_purge_after_move")
    pre_delete.connect(_before_delete, dispatch_uid="manchette_purge_delete")
