"""Fixtures: a section with a newsletter, a client that posts from the site's own pages."""

from datetime import time

import pytest
from django.test import Client, TestCase

from manchette.articles.models import SectionPage
from manchette.newsletters.models import Newsletter
from tests.conftest import Newsroom

SITE = "http://testserver"


def make_newsletter(section: SectionPage | None, **fields) -> Newsletter:
    defaults = {
        "name": "La newsletter International",
        "slug": "international",
        "pitch": "Le monde en cinq articles, chaque mardi.",
        "weekdays": "1",
        "send_time": time(11, 0),
        "sender_name": "Manchette International",
        "sender_email": "international@manchette.test",
    }
    return Newsletter.objects.create(section=section, **{**defaults, **fields})


@pytest.fixture
def international(newsroom: Newsroom) -> SectionPage:
    return newsroom.section("International", slug="international")


@pytest.fixture
def newsletter(international: SectionPage) -> Newsletter:
    return make_newsletter(international)


class CommittingClient(Client):
    """A test client whose requests run what they queue after their commit (mail tasks).

    Each test runs inside a transaction that never commits: without this, a request's
    on-commit work (sending the confirmation) would never happen.
    """

    def request(self, **request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)


@pytest.fixture
def same_site() -> Client:
    """A browser on our own pages: it says so in Sec-Fetch-Site, as every current browser does."""
    return CommittingClient(headers={"Sec-Fetch-Site": "same-origin"})


def signup_url(newsletter: Newsletter) -> str:
    return f"/newsletters/{newsletter.slug}/inscription/"
