"""Pictures are resized when an article is published, by the worker, not in a reader's request."""

from django.test import Client
from wagtail.images.models import Rendition

from manchette.articles import services
from manchette.articles.models import ArticlePage
from tests.conftest import Newsroom, paragraph


def test_publishing_makes_every_size_the_pages_ask_for(
    newsroom: Newsroom, client: Client, django_capture_on_commit_callbacks
) -> None:
    section = newsroom.section()
    with django_capture_on_commit_callbacks(execute=True):
        other = newsroom.article(section, hero=newsroom.image())
        article = newsroom.article(
            section,
            hero=newsroom.image(),
            body=[paragraph("Un."), ("image", newsroom.image()), paragraph("Deux.")],
        )
    made = Rendition.objects.count()
    assert made > 0

    for path in (article.url, other.url, section.url, "/"):  # the lead card, cards, hero, body, JSON-LD
        assert client.get(path).status_code == 200
    assert Rendition.objects.count() == made


def test_without_the_task_the_first_reader_would_wait(newsroom: Newsroom, client: Client) -> None:
    # Outside a committed transaction the task is not run: the page makes the sizes itself.
    article = newsroom.article(newsroom.section(), hero=newsroom.image())
    before = Rendition.objects.count()
    client.get(article.url)
    assert Rendition.objects.count() > before


def test_making_renditions_twice_makes_none_the_second_time(newsroom: Newsroom) -> None:
    article = newsroom.article(newsroom.section(), hero=newsroom.image())
    assert services.make_renditions(article.pk) > 0
    assert services.make_renditions(article.pk) == 0
    assert services.make_renditions(ArticlePage.objects.order_by("-pk").first().pk + 1000) == 0
