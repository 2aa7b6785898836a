"""Fixtures: a section with a newsletter and an edition, a client that posts from the site's own
pages, and real SMTP servers (aiosmtpd) with or without PIPELINING."""

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import time, timedelta

import pytest
from aiosmtpd.controller import Controller
from django.test import Client, TestCase
from django.utils import timezone

from manchette.articles.models import SectionPage
from manchette.newsletters import editions, tasks
from manchette.newsletters.models import Edition, Newsletter
from tests.conftest import Mailbox, Newsroom, paragraph

SECRET = "Ce paragraphe est réservé aux abonnés."

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


@pytest.fixture
def edition(newsroom: Newsroom, international: SectionPage, newsletter: Newsletter) -> Edition:
    """The automatic edition of a free and a premium article (whose body must never go out)."""
    newsroom.article(
        international, title="Un article libre", first_published_at=timezone.now() - timedelta(hours=2)
    )
    newsroom.article(
        international,
        title="Un article premium",
        premium=True,
        standfirst="Le chapô du premium.",
        body=[paragraph("Premier."), paragraph(SECRET), paragraph(SECRET), paragraph(SECRET)],
        first_published_at=timezone.now() - timedelta(hours=1),
    )
    edition = editions.prepare_edition(newsletter, timezone.now())
    assert edition is not None
    return edition


def send_edition(edition: Edition) -> None:
    """Starts sending; the batches it queues run at its commit (immediate task backend)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        tasks.send_edition(edition)


@contextmanager
def serving(handler: object) -> Iterator[int]:
    """A real SMTP server (aiosmtpd) with this handler on a free loopback port; yields the port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()


def mail_to(settings, port: int) -> None:
    settings.MAILERS = {"default": {"OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 10}}}


class Pipelining:
    """Offers PIPELINING (RFC 2920), as Postfix does: aiosmtpd reads pipelined commands in
    order but does not say so, and the sender pipelines only with servers that do."""

    async def handle_EHLO(self, server, session, envelope, hostname: str, responses: list[str]) -> list[str]:
        session.host_name = hostname
        return [responses[0], "250-PIPELINING", *responses[1:]]


class PipeliningMailbox(Pipelining, Mailbox):
    pass


@pytest.fixture(params=["one command at a time", "pipelining"])
def any_smtp_server(request, settings) -> Iterator[Mailbox]:
    """A real SMTP server, once without PIPELINING and once with it (the sender's two ways)."""
    mailbox = PipeliningMailbox() if request.param == "pipelining" else Mailbox()
    with serving(mailbox) as port:
        mail_to(settings, port)
        yield mailbox
