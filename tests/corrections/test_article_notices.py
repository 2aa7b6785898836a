"""A notice added to a published article shows on it, dated, and in its JSON-LD.

A rectificatif stands at the top, before the text; a précision or a mise à jour at the end.
Each moves "mis à jour le" and dateModified to its date; the JSON-LD carries the
rectificatifs and précisions as CorrectionComment, never the mises à jour (news, not errors).
"""

import gzip
import json
from datetime import datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import Client
from django.utils import timezone

from manchette.articles.models import ArticlePage
from manchette.corrections import services
from manchette.corrections.models import Correction
from tests.audience.test_pages import PAGE_BUDGET, _static_size
from tests.conftest import Newsroom, paragraph, words

WRONG = "Une version précédente de cet article situait la réunion à Lyon : elle s'est tenue à Lille."


@pytest.fixture
def article(newsroom: Newsroom) -> ArticlePage:
    published = timezone.now() - timedelta(days=2)
    return newsroom.article(
        newsroom.section(),
        title="Les maires du Nord réunis",
        body=[paragraph("Premier paragraphe."), paragraph("Second paragraphe.")],
        first_published_at=published,
    )


def _soup(client: Client, article: ArticlePage) -> BeautifulSoup:
    response = client.get(article.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def _json_ld(soup: BeautifulSoup) -> dict:
    return json.loads(soup.find("script", type="application/ld+json").string)


def test_a_rectificatif_shows_at_the_top_dated_and_moves_the_update_date(
    article: ArticlePage, client: Client, make_user
) -> None:
    _soup(client, article)  # cached fragments of the page before the notice
    dated = timezone.now() - timedelta(hours=3)
    services.add_correction(
        article, Correction.Kind.RECTIFICATIF, WRONG, by=make_user("Éditeurs"), dated_at=dated
    )

    soup = _soup(client, article)
    notice = soup.select_one("main article .notices--top .notice-box")
    assert notice is not None, "the rectificatif is at the top"
    assert "Rectificatif" in notice.get_text()
    assert "réunion à Lyon" in notice.get_text()
    assert datetime.fromisoformat(notice.time["datetime"]) == dated
    # Before the body: readers see the correction before the text it corrects.
    html = str(soup)
    assert html.index("notices--top") < html.index("Premier paragraphe.")
    dates = soup.select(".article__dates time")
    assert len(dates) == 2, "mis à jour le …"
    assert datetime.fromisoformat(dates[1]["datetime"]) == dated

    data = _json_ld(soup)
    assert datetime.fromisoformat(data["dateModified"]) == dated
    assert data["correction"] == [
        {"@type": "CorrectionComment", "text": WRONG, "datePublished": dated.isoformat()}
    ]


def test_a_precision_and_an_update_show_at_the_end_and_only_the_precision_is_a_correction(
    article: ArticlePage, client: Client
) -> None:
    services.add_correction(
        article, Correction.Kind.PRECISION, "Le maire de Lille a précisé son propos.", by=None
    )
    later = timezone.now() + timedelta(minutes=1)
    services.add_correction(
        article, Correction.Kind.UPDATE, "Le préfet a annoncé une nouvelle réunion.", by=None, dated_at=later
    )

    soup = _soup(client, article)
    assert soup.select(".notices--top") == []
    end = soup.select(".notices--end .notice-box")
    assert [box.strong.get_text() for box in end] == ["Précision", "Mise à jour"]  # oldest first
    html = str(soup)
    assert html.index("Second paragraphe.") < html.index("notices--end")

    data = _json_ld(soup)
    assert [item["text"] for item in data["correction"]] == ["Le maire de Lille a précisé son propos."]
    assert datetime.fromisoformat(data["dateModified"]) == later


def test_an_article_without_notice_is_unchanged(article: ArticlePage, client: Client) -> None:
    soup = _soup(client, article)
    assert soup.select(".notices") == []
    assert "correction" not in _json_ld(soup)
    assert len(soup.select(".article__dates time")) == 1


def test_notices_are_public_on_a_premium_article(newsroom: Newsroom, client: Client) -> None:
    premium = newsroom.article(
        newsroom.section(), premium=True, body=[paragraph(f"Paragraphe {n}.") for n in range(6)]
    )
    services.add_correction(premium, Correction.Kind.PRECISION, "Le chiffre cité est annuel.", by=None)

    soup = _soup(client, premium)
    assert "Le chiffre cité est annuel." in soup.select_one(".notices--end").get_text()
    assert "Paragraphe 5." not in str(soup), "the paywall still holds"


def test_the_english_page_names_the_notice_in_english(article: ArticlePage, client: Client) -> None:
    services.add_correction(article, Correction.Kind.RECTIFICATIF, WRONG, by=None)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    soup = _soup(client, article)
    assert soup.select_one(".notices--top strong").get_text() == "Correction"
    assert soup.select_one(".notices--top")["aria-label"] == "Corrections and clarifications"


def test_a_corrected_article_stays_within_the_page_weight_budget(newsroom: Newsroom, client: Client) -> None:
    article = newsroom.article(newsroom.section(), body=[paragraph(words(800))], tags=["Budget"])
    for kind in Correction.Kind.values:
        services.add_correction(article, kind, words(150), by=None)
    response = client.get(article.url)
    soup = BeautifulSoup(response.content, "html.parser")
    assert len(soup.select(".notice-box")) == 3
    assets = [link["href"] for link in soup.select("link[rel=stylesheet]")]
    assets += [tag["src"] for tag in soup.select("script[src]")]
    weight = len(gzip.compress(response.content)) + sum(_static_size(path) for path in assets)
    print(f"corrected article: {weight} bytes compressed (HTML + CSS + JS), budget {PAGE_BUDGET}")
    assert weight <= PAGE_BUDGET, weight
