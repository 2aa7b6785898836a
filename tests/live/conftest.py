"""Lives built for the tests: a section, a live page published by the newsroom, and entries."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone

from manchette.articles.models import Author, SectionPage
from manchette.live import entries
from manchette.live.models import LiveEntry, LivePage
from tests.conftest import Newsroom


def make_live(
    section: SectionPage, author: Author, *, slug: str = "direct", premium: bool = False, live: bool = True
) -> LivePage:
    page = LivePage(
        title="Tempête sur la côte atlantique",
        slug=slug,
        standfirst="Les vents atteignent 150 km/h : suivez l'évolution de la situation.",
        premium=premium,
    )
    section.add_child(instance=page)
    page.live_authors.create(author=author)
    revision = page.save_revision()
    if live:
        revision.publish()
    else:
        LivePage.objects.filter(pk=page.pk).update(live=False)
    page.refresh_from_db()
    return page


@pytest.fixture
def section(newsroom: Newsroom) -> SectionPage:
    return newsroom.section(title="France", slug="france")


@pytest.fixture
def author(newsroom: Newsroom) -> Author:
    return newsroom.author(name="Léa Lambert", initials="L. L.")


@pytest.fixture
def live(section: SectionPage, author: Author) -> LivePage:
    return make_live(section, author)


@pytest.fixture
def post(live: LivePage, author: Author) -> Callable[..., LiveEntry]:
    """Posts an entry on `live` (or the page given), a minute after the previous one."""
    minutes = iter(range(1, 10_000))

    def make(text: str, page: LivePage | None = None, **options) -> LiveEntry:
        entry = entries.post_entry(
            page or live,
            entries.EntryText(text=text, title=options.pop("title", "")),
            author=author,
            **options,
        )
        LiveEntry.objects.filter(pk=entry.pk).update(
            posted_at=timezone.now() + timedelta(minutes=next(minutes))
        )
        entry.refresh_from_db()
        return entry

    return make
