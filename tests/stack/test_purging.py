"""What publishing purges from the shared cache, seen by a real HTTP server standing in the
cache's place: every PURGE request Wagtail's frontend_cache sends it is recorded.

The purge through a real Varnish in front of a real application is in test_varnish.py.
"""

from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Thread

import pytest
from django.conf import settings

from manchette.articles.models import ArticlePage, SectionPage
from manchette.comments.public_copy import listing_paths
from tests.conftest import Newsroom

from .servers import LOOPBACK


class PurgeRecorder(ThreadingHTTPServer):
    def __init__(self) -> None:
        super().__init__((LOOPBACK, 0), _RecordingHandler)
        self.purged: list[tuple[str, str]] = []  # (Host header, path)

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.server_address[1]}"

    def paths(self) -> set[str]:
        return {path for _host, path in self.purged}

    def take(self) -> set[str]:
        paths = self.paths()
        self.purged.clear()
        return paths


class _RecordingHandler(BaseHTTPRequestHandler):
    server: PurgeRecorder

    def do_PURGE(self) -> None:
        self.server.purged.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args) -> None:
        pass


@pytest.fixture
def recorder(settings) -> Iterator[PurgeRecorder]:
    server = PurgeRecorder()
    thread = Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": server.url}
    }
    yield server
    server.shutdown()
    server.server_close()


def _listing(section: SectionPage, *extra: str) -> set[str]:
    """The addresses that list every article of `section`."""
    return {
        "/",
        section.url,
        f"/rubriques/{section.slug}/rss.xml",
        "/rss.xml",
        "/sitemap.xml",
        "/sitemap-news.xml",
        *extra,
    }


def test_publishing_purges_the_page_its_section_home_feeds_tags_and_sitemaps(
    newsroom: Newsroom, recorder: PurgeRecorder, django_capture_on_commit_callbacks
) -> None:
    section = newsroom.section(slug="economie")
    with django_capture_on_commit_callbacks(execute=True):
        article = newsroom.article(section, slug="les-prix-reculent", tags=["Inflation"])

    assert recorder.paths() == _listing(section, "/economie/les-prix-reculent/", "/tags/inflation/")
    # The site's address, as readers use it, is the Host of every purge.
    assert {host for host, _path in recorder.purged} == {settings.SITE_URL.split("//")[1]}
    assert article.url == "/economie/les-prix-reculent/"


def test_nothing_is_purged_before_the_change_is_committed(
    newsroom: Newsroom, recorder: PurgeRecorder, django_capture_on_commit_callbacks
) -> None:
    section = newsroom.section()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        article = newsroom.article(section)
        assert recorder.purged == []
    assert callbacks, "the purge waits for the commit"
    for callback in callbacks:
        callback()
    assert article.url in recorder.paths()


def test_unpublishing_and_editing_purge_the_articles_addresses(
    newsroom: Newsroom, recorder: PurgeRecorder, django_capture_on_commit_callbacks
) -> None:
    section = newsroom.section()
    article = newsroom.article(section)
    recorder.take()

    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    # Unpublishing also withdraws the article's comment lists (tests/comments/test_unpublishing.py).
    assert recorder.take() == _listing(section, article.url) | set(listing_paths(article.pk))

    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Un nouveau titre"
        article.save_revision().publish()
    assert recorder.take() == _listing(section, article.url)


def test_a_new_slug_purges_the_old_address_too(
    newsroom: Newsroom, recorder: PurgeRecorder, django_capture_on_commit_callbacks
) -> None:
    section = newsroom.section(slug="culture")
    article = newsroom.article(section, slug="ancien-titre")
    recorder.take()

    with django_capture_on_commit_callbacks(execute=True):
        article.slug = "nouveau-titre"
        article.save_revision().publish()

    assert {"/culture/ancien-titre/", "/culture/nouveau-titre/"} <= recorder.paths()


def test_moving_purges_both_sections_and_both_addresses(
    newsroom: Newsroom, recorder: PurgeRecorder, django_capture_on_commit_callbacks
) -> None:
    before = newsroom.section(slug="monde")
    after = newsroom.section(slug="europe")
    article = newsroom.article(before, slug="sommet")
    recorder.take()

    with django_capture_on_commit_callbacks(execute=True):
        article.move(after, pos="last-child")

    assert recorder.take() == _listing(before, "/monde/sommet/") | _listing(after, "/europe/sommet/")


def test_moving_a_section_purges_every_article_under_its_old_address(
    newsroom: Newsroom, recorder: PurgeRecorder, django_capture_on_commit_callbacks
) -> None:
    parent = newsroom.section(slug="international")
    section = newsroom.section(slug="asie")
    article = newsroom.article(section, slug="mousson")
    recorder.take()

    with django_capture_on_commit_callbacks(execute=True):
        section.move(parent, pos="last-child")

    assert {"/asie/", "/asie/mousson/", "/international/asie/", "/international/asie/mousson/"} <= (
        recorder.paths()
    )
    assert ArticlePage.objects.get(pk=article.pk).url == "/international/asie/mousson/"


def test_deleting_purges_the_page_and_what_listed_it(
    newsroom: Newsroom, recorder: PurgeRecorder, django_capture_on_commit_callbacks
) -> None:
    section = newsroom.section()
    article = newsroom.article(section, tags=["Climat"])
    address = article.url
    recorder.take()

    with django_capture_on_commit_callbacks(execute=True):
        article.delete()

    assert recorder.take() == _listing(section, address, "/tags/climat/")


def test_a_draft_deleted_purges_nothing(
    newsroom: Newsroom, recorder: PurgeRecorder, django_capture_on_commit_callbacks
) -> None:
    draft = newsroom.article(newsroom.section(), live=False)
    recorder.take()

    with django_capture_on_commit_callbacks(execute=True):
        draft.delete()

    assert recorder.purged == []
