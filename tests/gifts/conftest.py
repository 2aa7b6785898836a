"""A premium article long enough to have a wall, a subscriber who offers it, readers who open it."""

from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.test import Client

from manchette.articles.models import ArticlePage
from manchette.gifts import links
from manchette.gifts.models import Gift
from manchette.subscriptions.models import Plan
from tests.conftest import Newsroom, paragraph, words
from tests.subscriptions.conftest import new_reader, subscribe

# Words of the last paragraph: only someone who reads the whole article sees them.
PREMIUM_WORDS = "dernierparagraphe réservé aux abonnés seulement"


@dataclass
class Scene:
    article: ArticlePage
    subscriber: object
    plan: Plan

    def offer(self, article: ArticlePage | None = None, giver=None) -> Gift:
        return links.offer(giver or self.subscriber, article or self.article)

    def gift_path(self, gift: Gift) -> str:
        url = links.url_of(gift)
        assert url is not None
        parts = urlsplit(url)
        return f"{parts.path}?{parts.query}"


def premium_article(newsroom: Newsroom, title: str = "") -> ArticlePage:
    section = newsroom.section()
    body = [paragraph(words(30, start)) for start in range(0, 150, 30)] + [paragraph(PREMIUM_WORDS)]
    return newsroom.article(section, title=title or "Un article réservé", body=body, premium=True)


@pytest.fixture
def scene(newsroom: Newsroom) -> Scene:
    plan = Plan.objects.create(slug="essentiel", name="Essentiel", price_cents=999)
    subscriber = new_reader()
    subscribe(subscriber, plan)
    return Scene(article=premium_article(newsroom), subscriber=subscriber, plan=plan)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client
