"""The beacon in the pages, the page weight with it, "Le plus lu", and the newsroom's screen."""

import gzip
import re
from datetime import timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from manchette.audience import services
from manchette.audience.models import Source
from manchette.newsroom.services import EDITORS, JOURNALISTS
from tests.conftest import Newsroom, paragraph, words

PAGE_BUDGET = 14 * 1024  # HTML + CSS + JS of a page, compressed


def _views(article, count: int, hours_ago: float = 1) -> None:
    at = timezone.now() - timedelta(hours=hours_ago)
    for _ in range(count):
        services.record_view(services.PageRef("articlepage", article.pk), Source.DIRECT, "", at=at)


def _static_size(path: str) -> int:
    """The compressed size of a stylesheet or script the page links (fingerprinted, collected)."""
    name = path.removeprefix(settings.STATIC_URL).split("?")[0]
    return len(gzip.compress((Path(settings.STATIC_ROOT) / name).read_bytes()))


def test_the_beacon_is_in_the_page_within_the_weight_budget(newsroom: Newsroom, client: Client) -> None:
    section = newsroom.section()
    article = newsroom.article(section, body=[paragraph(words(800))], tags=["Budget"])
    _views(article, 3)
    response = client.get(article.url)
    html = response.content.decode()
    script = re.search(r"<script>(.*?sendBeacon.*?)</script>", html, re.S)
    assert script is not None
    assert f'k:"articlepage",p:"{article.pk}"' in script.group(1)
    assert "visibilityState" in script.group(1) and "cookie" not in script.group(1)
    assert len(gzip.compress(script.group(1).encode())) < 1024

    soup = BeautifulSoup(html, "html.parser")
    assets = [link["href"] for link in soup.select("link[rel=stylesheet]")]
    assets += [tag["src"] for tag in soup.select("script[src]")]
    weight = len(gzip.compress(response.content)) + sum(_static_size(path) for path in assets)
    assert weight <= PAGE_BUDGET, weight

    for page, kind in ((section, "sectionpage"), (newsroom.home, "homepage")):
        assert f'k:"{kind}",p:"{page.pk}"' in client.get(page.url).content.decode()
    tag = article.tags.get()
    assert f'k:"tag",p:"{tag.pk}"' in client.get(f"/tags/{tag.slug}/").content.decode()


def test_most_read_lists_the_last_day_in_order_for_everyone(newsroom: Newsroom, client: Client) -> None:
    section = newsroom.section()
    first, second, third, old = (newsroom.article(section) for _ in range(4))
    premium = newsroom.article(section, premium=True, body=[paragraph("Texte réservé aux abonnés.")])
    _views(second, 5)
    _views(first, 9)
    _views(premium, 7)
    _views(third, 1)
    _views(old, 50, hours_ago=30)  # counted, but before the last 24 hours

    page = BeautifulSoup(client.get(newsroom.home.url).content, "html.parser")
    block = page.select_one("section.most-read")
    assert block is not None
    titles = [link.get_text() for link in block.select("li a")]
    assert titles == [first.title, premium.title, second.title, third.title]
    badges = [item.select_one(".badge") is not None for item in block.select("li")]
    assert badges == [False, True, False, False]
    assert "réservé aux abonnés" not in block.get_text()

    # Kept in the cache: new views show at the next refresh, not at the next request.
    _views(third, 100)
    again = BeautifulSoup(client.get(first.url).content, "html.parser").select_one("section.most-read")
    assert [link.get_text() for link in again.select("li a")] == titles
    cache.clear()
    refreshed = BeautifulSoup(client.get(first.url).content, "html.parser").select_one("section.most-read")
    assert refreshed.select_one("li a").get_text() == third.title


def test_an_unpublished_article_leaves_the_list(newsroom: Newsroom, client: Client) -> None:
    section = newsroom.section()
    kept, withdrawn = newsroom.article(section), newsroom.article(section)
    _views(withdrawn, 10)
    _views(kept, 2)
    withdrawn.unpublish()
    home = BeautifulSoup(client.get(newsroom.home.url).content, "html.parser")
    block = home.select_one("section.most-read")
    assert [link.get_text() for link in block.select("li a")] == [kept.title]


def test_the_audience_screen_is_for_editors(newsroom: Newsroom, client: Client, make_user) -> None:
    article = newsroom.article(newsroom.section(), title="Le budget adopté")
    _views(article, 4)
    services.record_view(services.PageRef("articlepage", article.pk), Source.OTHER, "blog.example.org")

    client.force_login(make_user(JOURNALISTS))
    assert client.get("/admin/audience/").status_code in (302, 403)
    assert "/admin/audience/" not in client.get("/admin/").content.decode()

    client.force_login(make_user(EDITORS))
    assert "/admin/audience/" in client.get("/admin/").content.decode()
    response = client.get("/admin/audience/")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert "Le budget adopté" in page.select_one("#audience-today").find_parent("section").get_text()
    tables = page.select("table")
    assert all(table.select_one("caption") for table in tables)
    text = page.get_text(" ")
    assert "blog.example.org" in text and "Autres sites" in text and "Accès direct" in text
    assert page.select_one("svg.audience-chart rect") is not None


@pytest.mark.parametrize("method", ["post"])
def test_the_audience_screen_only_reads(newsroom: Newsroom, client: Client, make_user, method: str) -> None:
    client.force_login(make_user(EDITORS))
    assert getattr(client, method)("/admin/audience/").status_code == 405


def test_the_privacy_policy_describes_the_measurement(client: Client, db) -> None:
    page = BeautifulSoup(client.get("/newsletters/conditions/").content, "html.parser")
    text = page.select_one("#mesure-audience").get_text(" ")
    for fact in ("aucun cookie", "aucune adresse IP", "25 mois", "48 heures", "jamais rapprochées",
                 "Seul l'article est noté, jamais la personne"):
        assert fact in text
