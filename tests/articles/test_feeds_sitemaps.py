"""RSS feeds, sitemap.xml, the Google News sitemap (last 48 hours) and robots.txt."""

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from manchette.articles.models import ArticlePage, SectionPage
from tests.conftest import ModuleDatabase, Newsroom, paragraph

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS = "http://www.google.com/schemas/sitemap-news/0.9"
NS = {"sm": SITEMAP, "news": NEWS}
BODY_SENTENCE = "Cette phrase du corps de l'article ne doit jamais sortir dans un flux"


@dataclass
class Newsdesk:
    economie: SectionPage
    culture: SectionPage
    economie_articles: list[ArticlePage]  # newest first
    culture_articles: list[ArticlePage]  # newest first
    draft: ArticlePage

    @property
    def all_newest_first(self) -> list[ArticlePage]:
        articles = [*self.economie_articles, *self.culture_articles]
        return sorted(articles, key=lambda a: a.first_published_at, reverse=True)


@pytest.fixture(scope="module")
def _newsdesk(module_db: ModuleDatabase) -> Newsdesk:
    return module_db.build(lambda: _build_newsdesk(module_db.newsroom()))


@pytest.fixture
def newsdesk(_newsdesk: Newsdesk, db) -> Newsdesk:
    """Two sections, articles published 1 hour to 30 days ago, and a draft, built once."""
    return _newsdesk


def _build_newsdesk(newsroom: Newsroom) -> Newsdesk:
    now = timezone.now()
    economie = newsroom.section("Économie", slug="economie", intro="Entreprises et emploi.")
    culture = newsroom.section("Culture", slug="culture")

    def article(section: SectionPage, hours_ago: float, title: str, premium: bool = False) -> ArticlePage:
        return newsroom.article(
            section,
            title=title,
            standfirst=f"Chapô de « {title} » & co.",
            body=[paragraph(f"{BODY_SENTENCE} ({title})."), paragraph("Suite."), paragraph("Fin.")],
            premium=premium,
            first_published_at=now - timedelta(hours=hours_ago),
        )

    economie_articles = [
        article(economie, 1, "Les prix reculent"),
        article(economie, 5, "La fonderie reprise", premium=True),
        article(economie, 47, "Une récolte en baisse"),
    ]
    culture_articles = [
        article(culture, 3, "Une pièce de théâtre"),
        article(culture, 49, "Un roman sur le silence", premium=True),
        article(culture, 24 * 30, "Une tournée d'adieu"),
    ]
    draft = newsroom.article(economie, title="Un brouillon jamais publié", live=False)
    return Newsdesk(economie, culture, economie_articles, culture_articles, draft)


def _xml(response) -> ET.Element:
    assert response.status_code == 200
    return ET.fromstring(response.content)  # noqa: S314 - our own output; raises on malformed XML


# --------------------------------------------------------------------------- RSS


def _items(channel: ET.Element) -> list[dict]:
    return [{child.tag: (child.text or "") for child in item} for item in channel.findall("item")]


def test_site_feed_lists_the_latest_articles_with_their_standfirsts(
    newsdesk: Newsdesk, client: Client
) -> None:
    response = client.get("/rss.xml")
    assert response["Content-Type"].startswith("application/rss+xml")
    root = _xml(response)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("language") == "fr"
    items = _items(channel)

    expected = newsdesk.all_newest_first
    assert [item["title"] for item in items] == [a.title for a in expected]
    for item, article in zip(items, expected, strict=True):
        assert item["description"] == article.standfirst
        assert urlsplit(item["link"]).path == article.url
        assert urlsplit(item["link"]).scheme in {"http", "https"}
        assert abs(parsedate_to_datetime(item["pubDate"]) - article.first_published_at) < timedelta(seconds=1)
    assert newsdesk.draft.title not in response.content.decode()


def test_feeds_never_carry_the_body(newsdesk: Newsdesk, client: Client) -> None:
    for path in ["/rss.xml", "/rubriques/economie/rss.xml", "/rubriques/culture/rss.xml"]:
        response = client.get(path)
        assert response.status_code == 200
        text = response.content.decode()
        assert BODY_SENTENCE not in text
        assert "Suite." not in text
        for item in _items(_xml(response).find("channel")):
            assert item["description"].startswith("Chapô de « ")


def test_section_feed_lists_only_that_section(newsdesk: Newsdesk, client: Client) -> None:
    channel = _xml(client.get("/rubriques/economie/rss.xml")).find("channel")
    assert "Économie" in channel.findtext("title")
    assert channel.findtext("description") == "Entreprises et emploi."
    assert urlsplit(channel.findtext("link")).path == newsdesk.economie.url
    titles = [item["title"] for item in _items(channel)]
    assert titles == [a.title for a in newsdesk.economie_articles]


def test_feed_of_an_unknown_section_is_not_found(newsdesk: Newsdesk, client: Client) -> None:
    assert client.get("/rubriques/inconnue/rss.xml").status_code == 404


def test_pages_announce_their_feeds(newsdesk: Newsdesk, client: Client) -> None:
    home = client.get("/").content.decode()
    assert 'type="application/rss+xml"' in home and 'href="/rss.xml"' in home
    section = client.get(newsdesk.culture.url).content.decode()
    assert 'href="/rubriques/culture/rss.xml"' in section


# --------------------------------------------------------------------------- sitemaps


def test_sitemap_lists_every_live_article_and_section(newsdesk: Newsdesk, client: Client) -> None:
    root = _xml(client.get("/sitemap.xml"))
    assert root.tag == f"{{{SITEMAP}}}urlset"
    locations = {loc.text for loc in root.iterfind("sm:url/sm:loc", NS)}
    for page in [*newsdesk.all_newest_first, newsdesk.economie, newsdesk.culture]:
        assert page.get_full_url() in locations, page.title
    assert newsdesk.draft.get_full_url() not in locations
    assert all(urlsplit(location).scheme in {"http", "https"} for location in locations)


def test_news_sitemap_lists_articles_of_the_last_48_hours_only(newsdesk: Newsdesk, client: Client) -> None:
    response = client.get("/sitemap-news.xml")
    assert "xml" in response["Content-Type"]
    root = _xml(response)
    assert root.tag == f"{{{SITEMAP}}}urlset"
    entries = {url.findtext("sm:loc", namespaces=NS): url for url in root.iterfind("sm:url", NS)}

    window_start = timezone.now() - timedelta(hours=48)
    recent = [a for a in newsdesk.all_newest_first if a.first_published_at > window_start]
    assert {a.title for a in recent} == {
        "Les prix reculent",
        "La fonderie reprise",
        "Une récolte en baisse",
        "Une pièce de théâtre",
    }
    assert set(entries) == {a.get_full_url() for a in recent}

    for article in recent:
        news = entries[article.get_full_url()].find("news:news", NS)
        assert news.findtext("news:publication/news:name", namespaces=NS) == settings.WAGTAIL_SITE_NAME
        assert news.findtext("news:publication/news:language", namespaces=NS) == "fr"
        assert news.findtext("news:title", namespaces=NS) == article.title
        published = datetime.fromisoformat(news.findtext("news:publication_date", namespaces=NS))
        assert abs(published - article.first_published_at) < timedelta(seconds=1)


def test_news_sitemap_window_moves_with_time(newsdesk: Newsdesk, client: Client) -> None:
    """The 47-hour-old article leaves the News sitemap once it is more than 48 hours old."""
    forty_seven = newsdesk.economie_articles[2]
    ArticlePage.objects.filter(pk=forty_seven.pk).update(
        first_published_at=timezone.now() - timedelta(hours=48, minutes=1)
    )
    locations = {loc.text for loc in _xml(client.get("/sitemap-news.xml")).iterfind("sm:url/sm:loc", NS)}
    assert forty_seven.get_full_url() not in locations
    assert newsdesk.economie_articles[0].get_full_url() in locations


def test_empty_news_sitemap_is_still_valid(newsdesk: Newsdesk, client: Client) -> None:
    ArticlePage.objects.update(first_published_at=timezone.now() - timedelta(days=3))
    root = _xml(client.get("/sitemap-news.xml"))
    assert root.findall("sm:url", NS) == []


# --------------------------------------------------------------------------- robots.txt


def test_robots_txt_points_to_both_sitemaps(newsdesk: Newsdesk, client: Client) -> None:
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    sitemaps = [line.split(":", 1)[1].strip() for line in lines if line.lower().startswith("sitemap:")]
    assert sitemaps == [f"{settings.SITE_URL}/sitemap.xml", f"{settings.SITE_URL}/sitemap-news.xml"]
    for url in sitemaps:
        assert client.get(urlsplit(url).path).status_code == 200
