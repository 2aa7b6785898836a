"""Every public page has a fixed SQL budget: a regression (a query per item, a lookup
repeated on every request) changes a count below and fails.

Each page is counted twice: "cold", the first request after the content changed (every
fragment and route is built), and "warm", every request after that until the next change.
"""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from manchette.articles.models import ArticlePage, SectionPage
from manchette.comments.models import CommentSettings
from manchette.subscriptions.models import PaywallSettings
from tests.conftest import Newsroom, paragraph


def _queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured.captured_queries)


def _cold_and_warm(client: Client, path: str) -> tuple[int, int]:
    cache.clear()
    return _queries(client, path), _queries(client, path)


def _fill(newsroom: Newsroom, section: SectionPage, count: int) -> list[ArticlePage]:
    """Articles with everything a list shows: picture, two authors, tags."""
    authors = [newsroom.author(), newsroom.author()]
    return [
        newsroom.article(
            section,
            hero=newsroom.image(),
            authors=authors,
            tags=["Budget", f"Mot {n}"],
            body=[paragraph("Premier."), paragraph("Deuxième."), paragraph("Troisième.")],
            first_published_at=timezone.now() - timedelta(hours=n + 1),
        )
        for n in range(count)
    ]


@pytest.fixture
def site(newsroom: Newsroom, django_capture_on_commit_callbacks) -> dict[str, object]:
    PaywallSettings.load()  # made by the first request of a new site, which changes the content
    CommentSettings.load()  # made by the first request too (the comment rules)
    # Run what publication queues after its commit: the renditions task among others.
    with django_capture_on_commit_callbacks(execute=True):
        return _site(newsroom)


def _site(newsroom: Newsroom) -> dict[str, object]:
    international = newsroom.section("International", slug="international")
    politique = newsroom.section("Politique", slug="politique")
    others = _fill(newsroom, international, 5) + _fill(newsroom, politique, 3)
    lead = newsroom.article(
        international,
        premium=True,
        hero=newsroom.image(),
        authors=[newsroom.author(), newsroom.author()],
        tags=["Chili", "Eau"],
        body=[
            paragraph("Un."),
            ("related", others[1]),
            paragraph("Deux."),
            ("image", newsroom.image()),
            paragraph("Trois."),
            paragraph("Quatre."),
        ],
    )
    newsroom.pick(lead, others[3], others[6])
    return {"lead": lead, "international": international, "home": newsroom.home}


# Warm anonymous page: the content generation, which a test reads from the database
# (inside its transaction; a production process reads the cache's copy and makes none), and
# the comment list's version, which every process reads from the database so that a comment
# published through one shows through all (an anonymous page is itself kept by the page
# cache or Varnish, so that query is made once per copy, not once per reader).
# Route, view restrictions, paywall settings, fragments: remembered per generation.
# Cold, the comment section adds three: its rules, the count (with whether an editor closed
# the comments), the threads (replies: a fourth query, only when there are threads).
# "Le plus lu" (manchette/audience) adds one cold query (the hours' sums, none counted here):
# it is then kept in the cache for AUDIENCE_MOST_READ_SECONDS, for the article and the home page.
# The article's notices (manchette/corrections) add one cold query, shared by the page and its JSON-LD.
ARTICLE_ANONYMOUS = (37, 2)
# A subscriber adds the session, the user and their subscription (the paywall's question),
# and the comment form's one question: their standing, pseudonym and unpublished comments,
# and the comment list's version (asked with it: no query more than anonymous).
# The article's audio (the player) is remembered per generation: cold only.
# "Offrir l'article" (manchette/gifts) adds three, warm or cold: the gift settings, whether the
# reader may offer (their subscription, asked again), and the links they offered this month
# (this article's among them, and the quota left: one query).
ARTICLE_SUBSCRIBER = (44, 8)
# Home and section cards show each byline: one query for all their authors (the agencies
# come joined), made only when the home page's fragment is missing.
HOME = (19, 1)
SECTION = (15, 6)


def test_article_page_for_an_anonymous_reader(site, client: Client) -> None:
    assert _cold_and_warm(client, site["lead"].url) == ARTICLE_ANONYMOUS


def test_article_page_for_a_subscriber(site, subscriber_client: Client) -> None:
    response = subscriber_client.get(site["lead"].url)
    assert "Quatre." in response.content.decode()  # the whole article: the subscriber's render
    assert _cold_and_warm(subscriber_client, site["lead"].url) == ARTICLE_SUBSCRIBER


def test_home_page(site, client: Client) -> None:
    assert _cold_and_warm(client, site["home"].url) == HOME


def test_section_page(site, client: Client) -> None:
    assert _cold_and_warm(client, site["international"].url) == SECTION


@pytest.mark.parametrize("path", ["/rss.xml", "/rubriques/international/rss.xml"])
def test_feed_costs_the_same_for_three_items_or_eleven(
    newsroom: Newsroom, client: Client, path: str, django_capture_on_commit_callbacks
) -> None:
    section = newsroom.section("International", slug="international")
    _fill(newsroom, section, 3)
    few = _cold_and_warm(client, path)
    _fill(newsroom, section, 8)
    assert client.get(path).content.decode().count("<item>") == 11
    assert _cold_and_warm(client, path) == few
    assert few == FEEDS[path]


# The items, the view restrictions, then sections, authors and tags of all items at once;
# a section's feed first finds the section. Cold: Wagtail's site root paths.
FEEDS: dict[str, tuple[int, int]] = {"/rss.xml": (6, 5), "/rubriques/international/rss.xml": (8, 7)}


@pytest.mark.parametrize(("path", "budget"), [("/sitemap.xml", (8, 7)), ("/sitemap-news.xml", (3, 2))])
def test_sitemaps(site, client: Client, path: str, budget: tuple[int, int]) -> None:
    assert _cold_and_warm(client, path) == budget


def test_sitemap_costs_the_same_with_more_articles(newsroom: Newsroom, client: Client) -> None:
    section = newsroom.section()
    _fill(newsroom, section, 2)
    few: Callable[[], tuple[int, int]] = lambda: _cold_and_warm(client, "/sitemap.xml")  # noqa: E731
    before = few()
    _fill(newsroom, section, 6)
    assert few() == before
