"""Shared fixtures: the demo newsroom, and small factories to build content without it.

Generic on purpose: the browser tests (tests/browser/) have their own conftest.py and
may use these fixtures too.

- `newsroom`: factories for sections, authors, agencies, images and articles (per test).
- `demo_site`: the demo content loaded by `manchette.demo.loader.load_demo()` (per test).
- `shared_demo_site`, `module_db`: content built once per test module, for tests that
  only read it (each test still runs in its own savepoint).
- `make_user`: users, optionally in the newsroom's groups.
- `subscriber_client`: a client logged in as a subscriber (active yearly plan).
- `clock`: the test's clock, to move it on (the whole run starts at `TEST_NOW`).
"""

import io
import itertools
import os
import socket
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from email import message_from_bytes
from email import policy as email_policy
from email.message import EmailMessage
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.images import ImageFile
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone, translation
from PIL import Image as PillowImage
from wagtail.images.models import Image
from wagtail.models import Page

from manchette.articles.models import (
    Agency,
    ArticleAuthor,
    ArticlePage,
    Author,
    HomePage,
    MustRead,
    SectionPage,
)
from manchette.articles.services import ensure_home_page
from manchette.subscriptions.models import Plan, Subscription

# The fixtures of the tests about the worker and the scheduler (database task backend).
pytest_plugins = ["tests.tasks_in_database"]

# A body block as the factories take it: ("paragraph", "<p>…</p>"), ("subheading", "…"),
# ("quote", {"text": …, "attribution": …}), ("related", ArticlePage), ("image", Image).
BodyBlock = tuple[str, object]


# --------------------------------------------------------------------------- the clock

# Every test but the browser ones reads the clock from this instant on (time still runs),
# so no outcome depends on the day the suite runs. A Wednesday in January, mid-morning in
# Paris, far from midnight, a month's end and a daylight-saving change, so that the run
# never crosses one by itself; tests about those moments travel there on purpose.
# `MANCHETTE_TEST_NOW=2027-03-01T00:05+01:00 make test` runs the suite at another instant.
PARIS = ZoneInfo("Europe/Paris")
TEST_NOW = datetime.fromisoformat(os.environ.get("MANCHETTE_TEST_NOW", "2027-01-13T10:00:00+01:00"))


@pytest.fixture(scope="session", autouse=True)
def _suite_clock() -> Iterator[None]:
    with time_machine.travel(TEST_NOW, tick=True):
        yield


@pytest.fixture(autouse=True)
def clock(request: pytest.FixtureRequest) -> Iterator[time_machine.Traveller]:
    """This test's clock, running from where the suite's is: `clock.shift(timedelta(...))` moves it.

    Browser tests run on today's date: Chromium keeps the real clock, and would throw away a
    session cookie whose expiry, computed from a clock in another year, is already past.
    """
    browser = request.node.get_closest_marker("browser") is not None
    start = browser_test_start() if browser else datetime.now().astimezone()
    with time_machine.travel(start, tick=True) as coordinates:
        yield coordinates


def browser_test_start() -> datetime:
    """Today in Paris, at 10:00: the real date, which Chromium needs, at an hour that a run
    of the browser tests never carries over midnight or a daylight-saving change."""
    today = datetime.fromtimestamp(time_machine.escape_hatch.time.time(), PARIS).date()
    return datetime.combine(today, time(10), PARIS)


def _test_media_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    media = tmp_path_factory.getbasetemp() / "media"
    media.mkdir(exist_ok=True)
    return media


@pytest.fixture(autouse=True)
def _isolated_media_and_cache(settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Media files go to a temporary folder, never to var/media; no cache survives a test.

    Wagtail caches the site root paths: a cache left by a rolled-back test would point
    at pages and sites that no longer exist. The language a request activated (the test
    client runs in this thread) is dropped too.
    """
    settings.MEDIA_ROOT = _test_media_root(tmp_path_factory)
    # The application's copy of anonymous pages would hide, for a few seconds, what a test
    # changes without changing content (a comment, the clock): tests/website/test_page_cache.py
    # turns it on. Servers that tests start (tests/stack/) keep it, as production does.
    settings.PAGE_CACHE_SECONDS = 0
    cache.clear()
    yield
    cache.clear()
    translation.deactivate()


def restore_wagtail_roots() -> None:
    """What Wagtail's migrations create and a transactional test's flush wipes: its locale, its
    root page and its root collection."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale

    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if Page.get_first_root_node() is None:
        page_type = ContentType.objects.get_for_model(Page)
        Page.add_root(instance=Page(title="Root", slug="root", content_type=page_type))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@pytest.fixture(autouse=True)
def _wagtail_roots_for_transactional_tests(request: pytest.FixtureRequest) -> None:
    """A transactional test starts with Wagtail's roots whichever flush ran before it: pytest-django
    runs these tests last, each flushing the database at its end, so a module that counted on the
    roots passed only when it happened to run before every other one (CI, 7 December 2026)."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and bool(marker.kwargs.get("transaction"))) or any(
        name in request.fixturenames for name in ("transactional_db", "live_server")
    )
    if transactional:
        request.getfixturevalue("transactional_db")
        restore_wagtail_roots()


# --------------------------------------------------------------------------- factories


def words(count: int, start: int = 0) -> str:
    """`count` distinct plain words, "mot0 mot1 …": each counts as one word for the reading time."""
    return " ".join(f"mot{index}" for index in range(start, start + count))


def paragraph(text: str) -> BodyBlock:
    return ("paragraph", f"<p>{text}</p>")


def make_picture(width: int = 800, height: int = 450, color: tuple[int, int, int] = (90, 120, 160)) -> bytes:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (width, height), color).save(buffer, "JPEG", quality=70)
    return buffer.getvalue()


def stream(body: Sequence[BodyBlock]) -> list[dict]:
    """StreamField data for the factories' body blocks."""
    data: list[dict] = []
    for block_type, value in body:
        if block_type == "related":
            assert isinstance(value, ArticlePage)
            data.append({"type": "related", "value": {"article": value.pk, "label": ""}})
        elif block_type == "image":
            assert isinstance(value, Image)
            image = {"image": value.pk, "alt": "Une image", "caption": "Une légende", "credit": "PHOTOGRAPHE"}
            data.append({"type": "image", "value": image})
        else:
            data.append({"type": block_type, "value": value})
    return data


# Numbers for slugs and names, unique across every Newsroom of the test run.
_serial = itertools.count(1)


@dataclass
class Newsroom:
    """Builds small, fully known content on the site's home page, without the demo."""

    home: HomePage

    def section(self, title: str = "", slug: str = "", intro: str = "") -> SectionPage:
        number = next(_serial)
        section = SectionPage(
            title=title or f"Rubrique {number}", slug=slug or f"rubrique-{number}", intro=intro
        )
        self.home.add_child(instance=section)
        section.save_revision().publish()
        return section

    def author(self, name: str = "", initials: str = "") -> Author:
        number = next(_serial)
        return Author.objects.create(
            name=name or f"Auteur {number}", initials=initials or f"A. {number}.", slug=f"auteur-{number}"
        )

    def agency(self, name: str = "Agence Test Presse", short_name: str = "ATP") -> Agency:
        return Agency.objects.create(name=name, short_name=short_name, slug=f"agence-{next(_serial)}")

    def image(self, width: int = 800, height: int = 450, title: str = "") -> Image:
        number = next(_serial)
        image = Image(title=title or f"Photo {number}")
        image.file = ImageFile(io.BytesIO(make_picture(width, height)), name=f"photo-{number}.jpg")
        image.save()
        return image

    def article(
        self,
        section: SectionPage,
        *,
        title: str = "",
        slug: str = "",
        kicker: str = "",
        standfirst: str = "Un chapô qui résume l'histoire en une phrase.",
        body: Sequence[BodyBlock] = (),
        authors: Iterable[Author] | None = None,
        agency: Agency | None = None,
        premium: bool = False,
        hero: Image | None = None,
        hero_alt: str = "",
        hero_caption: str = "",
        hero_credit: str = "",
        tags: Sequence[str] = (),
        live: bool = True,
        first_published_at: datetime | None = None,
        updated_at: datetime | None = None,
    ) -> ArticlePage:
        """An article under `section`, published unless `live` is False (then a draft).

        `first_published_at` backdates the publication, as the demo loader does.
        """
        number = next(_serial)
        article = ArticlePage(
            title=title or f"Article numéro {number}",
            slug=slug or f"article-{number}",
            kicker=kicker,
            standfirst=standfirst,
            body=stream(body),
            agency=agency,
            premium=premium,
            hero_image=hero,
            hero_alt=hero_alt,
            hero_caption=hero_caption,
            hero_credit=hero_credit,
            updated_at=updated_at,
            live=live,
        )
        for position, author in enumerate(authors if authors is not None else [self.author()]):
            article.article_authors.add(ArticleAuthor(author=author, sort_order=position))
        if tags:
            article.tags.add(*tags)
        section.add_child(instance=article)
        revision = article.save_revision()
        if live:
            revision.publish()
        if first_published_at is not None:
            ArticlePage.objects.filter(pk=article.pk).update(
                first_published_at=first_published_at, last_published_at=first_published_at
            )
        article.refresh_from_db()
        return article

    def pick(self, article: ArticlePage, *targets: ArticlePage) -> None:
        """The editor's "À ne pas manquer" picks for `article`, in this order."""
        for position, target in enumerate(targets):
            MustRead.objects.create(article=article, target=target, sort_order=position)


@pytest.fixture
def newsroom(db) -> Newsroom:
    """Factories for sections, authors, agencies, images and articles (no demo content)."""
    return Newsroom(home=ensure_home_page())


# --------------------------------------------------------------------------- the demo

# Demo pictures painted by this test run, by (motif, seed). The loader still encodes and
# stores every picture as on a real install; only the painting, which gives the same image
# for the same arguments, is remembered, and done smaller, to keep the tests fast.
_DEMO_PICTURE_SIZE = (800, 450)
_painted_pictures: dict[tuple[str, int], PillowImage.Image] = {}


def _paint_once(motif: str, seed: int, width: int = 1600, height: int = 900) -> PillowImage.Image:
    from manchette.demo.pictures import make_picture as paint

    if (motif, seed) not in _painted_pictures:
        _painted_pictures[(motif, seed)] = paint(motif, seed, *_DEMO_PICTURE_SIZE)
    return _painted_pictures[(motif, seed)]


@dataclass
class DemoSite:
    home: HomePage
    summary: dict[str, int]  # what load_demo() returned: what it created
    sections: dict[str, SectionPage]  # by slug
    articles: dict[str, ArticlePage]  # by slug

    def live_articles(self) -> list[ArticlePage]:
        return [article for article in self.articles.values() if article.live]

    def lead(self) -> ArticlePage:
        """The home page's lead story."""
        lead = self.home.front_page().lead
        assert lead is not None, "the demo home page has no lead story"
        return lead

    def richest_article(self) -> ArticlePage:
        """The longest demo article with subheadings, quotes, "À lire aussi", a picture and an update."""
        for article in sorted(self.live_articles(), key=lambda a: -a.reading_time):
            kinds = {block.block_type for block in article.body}
            if {"subheading", "quote", "related"} <= kinds and article.hero_image and article.updated_at:
                return article
        raise AssertionError("no demo article has subheadings, quotes, a related link, a picture, an update")


def _load_demo_site() -> DemoSite:
    from manchette.demo.loader import load_demo

    summary = load_demo()
    home = HomePage.objects.get()
    return DemoSite(
        home=home,
        summary=summary,
        sections={section.slug: section for section in SectionPage.objects.child_of(home)},
        articles={article.slug: article for article in ArticlePage.objects.all()},
    )


@pytest.fixture
def demo_site(db, monkeypatch: pytest.MonkeyPatch) -> DemoSite:
    """The demo newsroom loaded into the test database, as `make run` loads it."""
    from manchette.demo import loader

    monkeypatch.setattr(loader, "make_picture", _paint_once)
    return _load_demo_site()


# --------------------------------------------------------------------------- per-module content


class ModuleDatabase:
    """Content built once for a whole test module, inside a transaction rolled back after it.

    Each test still runs in its own savepoint inside that transaction (request `db` as
    usual), so what a test changes is undone. Every test of the module sees the content
    once it is built, whether it asks for it or not.
    """

    def __init__(self, blocker, media: Path) -> None:
        self._blocker = blocker
        self._media = media
        self._outer = transaction.atomic()
        with self._blocker.unblock():
            self._outer.__enter__()
        cache.clear()

    def build[T](self, build: Callable[[], T]) -> T:
        """Runs `build` with database access, test media and quickly painted demo pictures."""
        from manchette.demo import loader

        with (
            self._blocker.unblock(),
            override_settings(MEDIA_ROOT=self._media),
            pytest.MonkeyPatch.context() as patch,
        ):
            patch.setattr(loader, "make_picture", _paint_once)
            result = build()
        cache.clear()
        return result

    def newsroom(self) -> Newsroom:
        return self.build(lambda: Newsroom(home=ensure_home_page()))

    def render(self, *pages: Page) -> None:
        """Requests pages once, so that their image renditions exist for every test of the module."""

        def get_all() -> None:
            client = Client()
            for page in pages:
                assert client.get(page.url).status_code == 200, page.url

        self.build(get_all)

    def close(self) -> None:
        with self._blocker.unblock():
            transaction.set_rollback(True)
            self._outer.__exit__(None, None, None)
        cache.clear()


@pytest.fixture(scope="module")
def module_db(
    django_db_setup, django_db_blocker, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ModuleDatabase]:
    """Builds read-mostly content once per test module; see ModuleDatabase."""
    database = ModuleDatabase(django_db_blocker, _test_media_root(tmp_path_factory))
    yield database
    database.close()


@pytest.fixture(scope="module")
def _module_demo_site(module_db: ModuleDatabase) -> DemoSite:
    return module_db.build(_load_demo_site)


@pytest.fixture
def shared_demo_site(_module_demo_site: DemoSite, db) -> DemoSite:
    """The demo newsroom loaded once per test module, for tests that only read it.

    Every test of a module that uses it sees the demo once it is loaded, whether it asks
    for it or not: keep tests that need an empty newsroom in other modules.
    """
    return _module_demo_site


# --------------------------------------------------------------------------- people


@pytest.fixture
def make_user(db) -> Callable[..., object]:
    """Creates a user, optionally in one of the newsroom's groups ("Journalistes", "Éditeurs")."""

    def make(group: str | None = None, **fields):
        number = next(_serial)
        user = get_user_model().objects.create_user(
            username=fields.pop("username", f"personne{number}"),
            email=fields.pop("email", f"personne{number}@example.test"),
            password=fields.pop("password", None),
            **fields,
        )
        if group:
            user.groups.add(Group.objects.get(name=group))
        return user

    return make


@pytest.fixture
def subscriber_client(make_user, db) -> Client:
    """A client logged in as a reader with an active yearly subscription."""
    plan = Plan.objects.create(slug="annuel", name="Annuel", price_cents=9900, period=Plan.Period.YEAR)
    reader = make_user()
    Subscription.objects.create(
        user=reader,
        plan=plan,
        status=Subscription.Status.ACTIVE,
        current_period_end=timezone.now() + timedelta(days=30),
        provider=Subscription.Provider.MANUAL,
    )
    client = Client()
    client.force_login(reader)
    return client


# --------------------------------------------------------------------------- mail


class Mailbox:
    """What a real SMTP server (aiosmtpd) accepted, as parsed messages."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.messages.append(message_from_bytes(envelope.original_content, policy=email_policy.default))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings) -> Iterator[Mailbox]:
    """A real SMTP server on a free port of the loopback, and the site's mail pointed at it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 10},
        }
    }
    try:
        yield mailbox
    finally:
        controller.stop()
