"""What posting, correcting or removing an entry changes for readers: the live's version
number, and the shared cache's copies that show the live.

Readers' pages poll one small, stable address per live (`version.json`) that Varnish keeps
VERSION_MAX_AGE seconds and that is purged here once the change commits: 10,000 readers
polling every 10 seconds cost the application one request per change (per Varnish), plus at
most one every VERSION_MAX_AGE seconds should a purge be lost. What changed is then fetched
at an address that names both versions (`entrees.json?depuis=A&version=B`): its answer
never changes, so it is cached for a day and never purged.
"""

from typing import Any

from django.db.models import F
from django.urls import reverse
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from manchette.website.purging import purge_after_commit, purging_enabled

from .models import ENTRIES_PER_PAGE, LivePage, LiveVersion

# Seconds the shared cache keeps a live's version number (purged earlier by a change).
VERSION_MAX_AGE = 10


def bump_version(page: LivePage) -> int:
    """The live's next version number (call inside the change's transaction)."""
    LiveVersion.objects.get_or_create(page=page)
    LiveVersion.objects.filter(page=page).update(number=F("number") + 1)
    return LiveVersion.objects.get(page=page).number


def version_path(page_id: int) -> str:
    return reverse("live:version", args=[page_id])


def entries_changed(page: LivePage) -> None:
    """Purges, once committed, every cached copy that lists the live's entries."""
    if purging_enabled():
        purge_after_commit(urls_showing_entries(page))


def urls_showing_entries(page: LivePage) -> set[str]:
    site = page.get_site()
    url = page.get_full_url()
    if site is None or not url:
        return set()
    timeline = page.entries.filter(pinned=False).count()
    pages = max(1, -(-timeline // ENTRIES_PER_PAGE))
    # One more than there are: the entry just posted may have opened a new page.
    return {
        url,
        *(f"{url}?page={number}" for number in range(2, pages + 2)),
        site.root_url + version_path(page.pk),
    }


def _on_page_changed(instance: Page, **kwargs: Any) -> None:
    # The site-wide purge (manchette/website/purging.py) drops the page itself; its older
    # pages of entries show the same header and status.
    if isinstance(instance.specific_deferred, LivePage):
        entries_changed(instance.specific_deferred)


def connect() -> None:
    page_published.connect(_on_page_changed, dispatch_uid="live_purge_published")
    page_unpublished.connect(_on_page_changed, dispatch_uid="live_purge_unpublished")
