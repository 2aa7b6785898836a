"""Shared fixtures: the demo newsroom, and small factories to build content without it.

Generic on purpose: the browser tests (tests/browser/) have their own conftest.py and
may use these fixtures too.
"""

import io
import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.images.models import Image

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

# A body block as the demo content writes it: ("paragraph", "<p>…</p>"), ("subheading", "…"),
# ("quote", {"text": …, "attribution": …}), ("related", ArticlePage), ("image", Image).
BodyBlock = tuple[str, object]


@pytest.fixture(autouse=True)
def _isolated_media_and_cache(settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Media files go to a temporary folder, never to var/media; no cache survives a test.

    Wagtail caches the site root paths: a cache left by a rolled-back test would point
    at pages and sites that no longer exist.
    """
    media = tmp_path_factory.getbasetemp() / "media"
    media.mkdir(exist_ok=True)
    settings.MEDIA_ROOT = media
    cache.clear()
    yield
    cache.clear()


# Demo pictures painted by this test run, by (motif, seed). The loader encodes and stores
# every picture as on a real install; only the painting, which gives the same image for
# the same arguments, is remembered, and at a smaller size, to keep the tests fast.
_DEMO_PICTURE_SIZE = (800, 450)
_painted_pictures: dict[tuple[str, int], PillowImage.Image] = {}


def _paint_once(motif: str, seed: int, width: int = 1600, height: int = 900) -> PillowImage.Image:
    from manchette.demo.pictures import make_picture as paint

    key = (motif, seed)
    if key not in _painted_pictures:
        _painted_pictures[key] = paint(motif, seed, *_DEMO_PICTURE_SIZE)
    return _painted_pictures[key]


# --------------------------------------------------------------------------- the demo


@dataclass
class DemoSite:
    home: HomePage
    summary: dict[str, int]
    sections: dict[str, SectionPage]
    articles: dict[str, ArticlePage]

    def live_articles(self) -> list[ArticlePage]:
        return [article for article in self.articles.values() if article.live]

    def lead(self) -> ArticlePage:
        from manchette.articles.services import front_page

        lead, _blocks = front_page(self.home)
        assert lead is not None, "the demo home page has no lead story"
        return lead

    def richest_article(self) -> ArticlePage:
        """A demo article with subheadings, quotes and an "À lire aussi" link, premium or not."""
        for article in sorted(self.live_articles(), key=lambda a: -a.reading_time):
            kinds = {block.block_type for block in article.body}
            if {"subheading", "quote", "related"} <= kinds and article.hero_image and article.updated_at:
                return article
        raise AssertionError("no demo article has subheadings, quotes, a related link and an update")

    def article_where(self, *, premium: bool) -> ArticlePage:
        for article in self.live_articles():
            if article.premium is premium:
                return article
        raise AssertionError(f"no demo article with premium={premium}")


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


# --------------------------------------------------------------------------- factories


def words(count: int, start: int = 0) -> str:
    """`count` distinct, plain words: "mot0 mot1 …" (each one word for the reading-time counter)."""
    return " ".join(f"mot{index}" for index in range(start, start + count))


def paragraph(text: str) -> BodyBlock:
    return ("paragraph", f"<p>{text}</p>")


def make_picture(width: int = 1600, height: int = 900, color: tuple[int, int, int] = (90, 120, 160)) -> bytes:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (width, height), color).save(buffer, "JPEG", quality=70)
    return buffer.getvalue()


@dataclass
class Newsroom:
    """Builds small, fully known content on the site's home page, without the demo."""

    home: HomePage
    _serial: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def _next(self) -> int:
        return next(self._serial)

    def section(self, title: str = "", slug: str = "", intro: str = "") -> SectionPage:
        number = self._next()
        section = SectionPage(
            title=title or f"Rubrique {number}", slug=slug or f"rubrique-{number}", intro=intro
        )
        self.home.add_child(instance=section)
        section.save_revision().publish()
        return section

    def author(self, name: str = "", initials: str = "") -> Author:
        number = self._next()
        name = name or f"Auteur {number}"
        return Author.objects.create(
            name=name, initials=initials or f"A. {number}.", slug=f"auteur-{number}"
        )

    def agency(self, name: str = "Agence Test Presse", short_name: str = "ATP") -> Agency:
        return Agency.objects.create(name=name, short_name=short_name, slug=f"agence-{self._next()}")

    def image(self, width: int = 1600, height: int = 900, title: str = "") -> Image:
        number = self._next()
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
        """An article under `section`, published unless `live` is False (then a draft)."""
        number = self._next()
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


def stream(body: Sequence[BodyBlock]) -> list[dict]:
    """StreamField data for the factory's body blocks."""
    data: list[dict] = []
    for block_type, value in body:
        if block_type == "related":
            assert isinstance(value, ArticlePage)
            data.append({"type": "related", "value": {"article": value.pk, "label": ""}})
        elif block_type == "image":
            assert isinstance(value, Image)
            data.append({"type": "image", "value": {
                "image": value.pk, "alt": "Une image", "caption": "Une légende", "credit": "PHOTOGRAPHE",
            }})
        else:
            data.append({"type": block_type, "value": value})
    return data


@pytest.fixture
def newsroom(db) -> Newsroom:
    """Factories for sections, authors, agencies, images and articles (no demo content)."""
    return Newsroom(home=ensure_home_page())


# --------------------------------------------------------------------------- people


@pytest.fixture
def make_user(db):
    """Creates a user, optionally in one of the newsroom's groups ("Journalistes", "Éditeurs")."""
    serial = itertools.count(1)

    def make(group: str | None = None, **fields):
        number = next(serial)
        user = get_user_model().objects.create_user(
            username=fields.pop("username", f"personne{number}"),
            email=fields.pop("email", f"personne{number}@example.test"),
            password=fields.pop("password", "un-mot-de-passe-solide"),
            **fields,
        )
        if group:
            user.groups.add(Group.objects.get(name=group))
        return user

    return make


@pytest.fixture
def media_root(settings) -> Path:
    return Path(settings.MEDIA_ROOT)
