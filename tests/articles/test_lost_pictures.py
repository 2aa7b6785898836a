"""A picture whose original file is gone (media storage emptied or not yet restored while
the database survived) leaves the article readable, without that picture."""

import json

from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client

from manchette.articles.services import make_renditions
from tests.conftest import Newsroom, paragraph


def _article_with_a_lost_picture(newsroom: Newsroom):
    section = newsroom.section("International", slug="international")
    picture = newsroom.image()
    article = newsroom.article(section, hero=picture, body=[paragraph("Le texte reste lisible.")])
    picture.renditions.all().delete()
    picture.file.storage.delete(picture.file.name)
    cache.clear()
    return article


def test_the_article_page_is_served_without_the_lost_picture(newsroom: Newsroom, client: Client) -> None:
    article = _article_with_a_lost_picture(newsroom)
    response = client.get(article.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert "Le texte reste lisible." in soup.get_text()
    assert soup.select_one('meta[property="og:image"]') is None
    data = json.loads(soup.select_one('script[type="application/ld+json"]').string)
    assert data["headline"] == article.title and "image" not in data


def test_making_renditions_skips_the_lost_picture(newsroom: Newsroom) -> None:
    article = _article_with_a_lost_picture(newsroom)
    assert make_renditions(article.pk) == 0
