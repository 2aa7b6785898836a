"""/rectificatifs/ and its feed: every notice on an article anyone may open, newest first,
with a link to the notice on its article. Unpublished or restricted articles are not named."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction

from manchette.articles.models import ArticlePage
from manchette.corrections import services
from manchette.corrections.models import Correction
from tests.conftest import Newsroom


@pytest.fixture
def corrected(newsroom: Newsroom) -> dict[str, ArticlePage]:
    section = newsroom.section()
    published = timezone.now() - timedelta(days=3)
    articles = {
        name: newsroom.article(section, title=title, first_published_at=published)
        for name, title in [
            ("older", "La crue de la Loire"),
            ("newer", "Le budget de la ville"),
            ("withdrawn", "Un article retiré"),
            ("private", "Un article réservé à la rédaction"),
        ]
    }
    now = timezone.now()
    services.add_correction(
        articles["older"],
        Correction.Kind.RECTIFICATIF,
        "La crue a atteint 6 m, non 8 m.",
        by=None,
        dated_at=now - timedelta(days=2),
    )
    services.add_correction(
        articles["newer"],
        Correction.Kind.PRECISION,
        "Le budget est voté, non adopté.",
        by=None,
        dated_at=now - timedelta(days=1),
    )
    services.add_correction(articles["withdrawn"], Correction.Kind.RECTIFICATIF, "Retiré ensuite.", by=None)
    services.add_correction(articles["private"], Correction.Kind.RECTIFICATIF, "Interne.", by=None)
    articles["withdrawn"].unpublish()
    PageViewRestriction.objects.create(page=articles["private"], restriction_type=PageViewRestriction.LOGIN)
    return articles


def test_the_page_lists_every_public_notice_newest_first_with_links(
    corrected: dict[str, ArticlePage], client: Client
) -> None:
    response = client.get("/rectificatifs/")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    soup = BeautifulSoup(response.content, "html.parser")
    titles = [link.get_text() for link in soup.select(".corrections-list__title a")]
    assert titles == ["Le budget de la ville", "La crue de la Loire"]
    link = soup.select_one(".corrections-list__title a")["href"]
    notice = Correction.objects.get(article=corrected["newer"])
    assert link == f"{corrected['newer'].url}#rectificatif-{notice.pk}"
    # The anchor leads to the notice on the article.
    article = BeautifulSoup(client.get(corrected["newer"].url).content, "html.parser")
    assert article.find(id=f"rectificatif-{notice.pk}") is not None
    assert "Interne." not in response.content.decode()
    assert "Retiré ensuite." not in response.content.decode()


def test_the_feed_lists_them_too(corrected: dict[str, ArticlePage], client: Client) -> None:
    response = client.get("/rectificatifs/rss.xml")
    assert response.status_code == 200
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 - our own output
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [
        "Précision : Le budget de la ville",
        "Rectificatif : La crue de la Loire",
    ]
    assert items[0].findtext("description") == "Le budget est voté, non adopté."
    assert items[0].findtext("link").startswith("http")
    assert "#rectificatif-" in items[0].findtext("link")


def test_a_page_number_out_of_range_or_absurd_is_no_error(
    corrected: dict[str, ArticlePage], client: Client
) -> None:
    for number in ("99", "abc", "-1"):
        assert client.get("/rectificatifs/", {"page": number}).status_code == 200


def test_the_page_without_any_notice(client: Client, newsroom: Newsroom) -> None:
    response = client.get("/rectificatifs/")
    assert response.status_code == 200
    assert "Aucun rectificatif publié." in response.content.decode()


def test_every_page_links_the_corrections_page(client: Client, newsroom: Newsroom) -> None:
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    assert soup.select_one('footer a[href="/rectificatifs/"]') is not None
