"""Comment fixtures: an article, rules that publish at once unless a test says otherwise,
and readers of every kind (subscriber with a pseudonym, without one, free reader)."""

import itertools
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from manchette.accounts.models import Profile
from manchette.articles.models import ArticlePage
from manchette.comments.models import CommentSettings
from manchette.comments.signals import MODERATORS
from manchette.subscriptions.models import Plan
from tests.conftest import Newsroom
from tests.subscriptions.conftest import subscribe

_serial = itertools.count(1)


@pytest.fixture
def rules(db) -> CommentSettings:
    """Post-moderation with no automatic hold: each test turns on the rule it is about."""
    settings = CommentSettings.load()
    settings.held_first_comments = 0
    settings.hold_links = False
    settings.per_minute = 0
    settings.per_day = 0
    settings.save()
    return settings


@pytest.fixture
def article(newsroom: Newsroom) -> ArticlePage:
    return newsroom.article(newsroom.section(), title="La marée monte")


@pytest.fixture
def other_article(newsroom: Newsroom, article: ArticlePage) -> ArticlePage:
    return newsroom.article(article.get_parent().specific, title="Un autre article")


@pytest.fixture
def plan(db) -> Plan:
    return Plan.objects.create(slug="annuel", name="Annuel", price_cents=9900, period=Plan.Period.YEAR)


@pytest.fixture
def make_reader(plan: Plan) -> Callable[..., object]:
    def make(pseudonym: str | None = "", subscribed: bool = True):
        number = next(_serial)
        user = get_user_model().objects.create_user(
            username=f"lecteur{number}", email=f"l{number}@example.test"
        )
        if pseudonym is not None:
            pseudonym = pseudonym or f"Lecteur{number}"
            Profile.objects.create(user=user, pseudonym=pseudonym, pseudonym_skeleton=f"skeleton-{number}")
        if subscribed:
            subscribe(user, plan, ends_in=timedelta(days=30))
        return user

    return make


@pytest.fixture
def subscriber(make_reader):
    return make_reader()


@pytest.fixture
def moderator(make_user):
    user = make_user()
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client
