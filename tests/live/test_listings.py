"""A live is listed as articles are: in its section's page and the home page's section block,
in the RSS feeds (site and section), in sitemap.xml and the News sitemap; a premium live's
entries appear in none of them, and lists cost a fixed number of queries whatever the count
of lives in them."""

import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from manchette.articles import services
from manchette.articles.models import Author, SectionPage
from manchette.live.models import LiveEntry, LivePage
from tests.conftest import Newsroom

from .conftest import make_live

ENTRY_TEXT = "Texte d'une entrée réservé aux abonnés"
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _finish(live: LivePage) -> LivePage:
    live.status = LivePage.Status.FINISHED
    live.save_revision().publish()
    live.refresh_from_db()
    return live


def _backdate(page: LivePage, hours: float) -> None:
    when = timezone.now() - timedelta(hours=hours)
    LivePage.objects.filter(pk=page.pk).update(first_published_at=when, last_published_at=when)
    page.refresh_from_db()


def _cards(client: Client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [card.select_one(".card__title a").get_text() for card in soup.select(".card")]


def test_a_finished_live_is_listed_in_its_section_among_the_articles_by_date(
    client: Client, newsroom: Newsroom, section: SectionPage, author: Author
) -> None:
    older = newsroom.article(
        section, title="Un article d'avant-hier", first_published_at=timezone.now() - timedelta(days=2)
    )
    live = _finish(make_live(section, author))
    _backdate(live, 24)
    newer = newsroom.article(section, title="Un article du jour")

    assert _cards(client, section.url) == [newer.title, live.title, older.title]

    soup = BeautifulSoup(client.get(section.url).content, "html.parser")
    card = soup.select(".card")[1]
    assert card.select_one("a")["href"] == live.url
    assert card.select_one(".card__kicker").get_text() == "En direct"
    assert "Direct terminé" in card.select_one(".card__meta").get_text()
    assert "Par Léa Lambert" in card.select_one(".card__byline").get_text()


def test_an_ongoing_live_is_listed_too_and_says_so(
    client: Client, live: LivePage, section: SectionPage
) -> None:
    soup = BeautifulSoup(client.get(section.url).content, "html.parser")
    [card] = soup.select(".card")
    assert card.select_one(".card__title a").get_text() == live.title
    assert "Direct en cours" in card.select_one(".card__meta").get_text()


def test_a_draft_live_is_not_listed(client: Client, section: SectionPage, author: Author) -> None:
    make_live(section, author, slug="brouillon", live=False)
    assert _cards(client, section.url) == []


def test_the_home_page_section_block_shows_the_live(
    client: Client, newsroom: Newsroom, live: LivePage, section: SectionPage
) -> None:
    lead = newsroom.article(newsroom.section("Une", slug="une"), title="La une du jour")
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    block = soup.select_one("#section-france").find_parent("section")
    assert live.title in [a.get_text() for a in block.select(".card__title a")]
    assert lead.title in soup.select_one(".lead").get_text()


@pytest.mark.parametrize("path", ["/rss.xml", "/rubriques/france/rss.xml"])
def test_feeds_carry_a_premium_live_with_its_standfirst_and_no_entry_text(
    client: Client, section: SectionPage, author: Author, post: Callable[..., LiveEntry], path: str
) -> None:
    premium = make_live(section, author, slug="direct-abonnes", premium=True)
    post(ENTRY_TEXT, page=premium, title="Titre d'une entrée")

    response = client.get(path)

    assert response.status_code == 200
    items = ET.fromstring(response.content).findall("./channel/item")  # noqa: S314 - our own output
    [item] = [item for item in items if item.findtext("link").endswith(premium.url)]
    assert item.findtext("title") == premium.title
    assert item.findtext("description") == premium.standfirst
    assert "France" in [category.text for category in item.findall("category")]
    body = response.content.decode()
    assert ENTRY_TEXT not in body
    assert "Titre d'une entrée" not in body


def test_sitemaps_list_a_recent_live(client: Client, section: SectionPage, author: Author) -> None:
    live = _finish(make_live(section, author))
    old = make_live(section, author, slug="il-y-a-trois-jours")
    _backdate(old, 72)

    news = ET.fromstring(client.get("/sitemap-news.xml").content)  # noqa: S314 - our own output
    listed = [loc.text for loc in news.findall("sm:url/sm:loc", NS)]
    assert listed == [live.full_url]  # the News sitemap: the last 48 hours only

    sitemap = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own output
    assert {live.full_url, old.full_url} <= {loc.text for loc in sitemap.findall("sm:url/sm:loc", NS)}


def _queries(client: Client, path: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured.captured_queries)


def _lives(newsroom: Newsroom, section: SectionPage, count: int) -> None:
    for _ in range(count):
        page = make_live(section, newsroom.author(), slug=f"direct-{LivePage.objects.count() + 1}")
        page.hero_image = newsroom.image()
        page.save_revision().publish()


@pytest.mark.parametrize("path", ["{section}", "/", "/rss.xml", "/rubriques/france/rss.xml"])
def test_lists_cost_the_same_with_one_live_or_four(
    client: Client, newsroom: Newsroom, section: SectionPage, path: str, django_capture_on_commit_callbacks
) -> None:
    path = path.format(section=section.url)
    # Publication's tasks, run after its commit: the pictures' renditions among them.
    with django_capture_on_commit_callbacks(execute=True):
        newsroom.article(section, hero=newsroom.image())
        _lives(newsroom, section, 1)
    few = _queries(client, path)
    with django_capture_on_commit_callbacks(execute=True):
        _lives(newsroom, section, 3)
    assert len(_cards(client, section.url)) == 5
    assert _queries(client, path) == few


def test_a_live_s_picture_is_resized_on_publication_not_in_a_reader_s_request(
    newsroom: Newsroom, section: SectionPage, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _lives(newsroom, section, 1)
    page = LivePage.objects.get()
    assert page.hero_image.renditions.filter(filter_spec="fill-320x180|format-webp").exists()
    assert services.make_renditions(page.pk) == 0  # all made already
