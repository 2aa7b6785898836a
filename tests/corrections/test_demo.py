"""The demo has one corrected article, whose rectificatif is dated after its publication and
shows on its page; loading the demo again adds no second notice."""

from django.test import Client

from manchette.corrections.models import Correction
from manchette.demo import content
from manchette.demo.loader import load_demo
from tests.conftest import DemoSite


def test_the_demo_has_one_corrected_article(demo_site: DemoSite, client: Client) -> None:
    correction = Correction.objects.get()
    article = demo_site.articles[content.CORRECTIONS[0]["article"]]
    assert correction.article_id == article.pk
    article.refresh_from_db()
    assert correction.dated_at > article.first_published_at
    assert "180 passagers" in client.get(article.url).content.decode()

    load_demo()
    assert Correction.objects.count() == 1
