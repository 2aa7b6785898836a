"""The application's own copy of anonymous pages (manchette/website/page_cache.py).

A page answered from the copy renders no template: the test client lists the templates
each response rendered.
"""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client

from manchette.subscriptions.models import Plan
from tests.conftest import Newsroom, paragraph
from tests.subscriptions.conftest import subscribe


@pytest.fixture(autouse=True)
def _page_cache_on(_isolated_media_and_cache, settings) -> None:
    settings.PAGE_CACHE_SECONDS = 5  # after tests/conftest.py turned it off for every test


@pytest.fixture
def article(newsroom: Newsroom):
    section = newsroom.section("International", slug="international")
    article = newsroom.article(section, title="Sécheresse au Chili", body=[paragraph("Texte d'origine.")])
    # The first request of a new site makes its settings rows (paywall, comments), which
    # changes the content: the tests start after it, without its copy.
    Client().get(article.url)
    cache.clear()
    return article


def _copied(client: Client, path: str, **headers) -> bool:
    return not client.get(path, **headers).templates


def test_an_anonymous_page_is_rendered_once_then_copied(article, client: Client) -> None:
    first = client.get(article.url)
    second = client.get(article.url)
    assert first.templates and not second.templates
    assert second.content == first.content and second["Cache-Control"] == first["Cache-Control"]


def test_an_edit_shows_at_once(article, client: Client) -> None:
    client.get(article.url)
    article.title = "Sécheresse au Chili : l'eau rationnée"
    article.save_revision().publish()
    assert "rationnée" in client.get(article.url).content.decode()


def test_each_language_and_compression_has_its_own_copy(article, client: Client, settings) -> None:
    french = client.get(article.url)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(article.url)
    assert french["Content-Language"] == "fr" and english["Content-Language"] == "en"
    compressed = client.get(article.url, HTTP_ACCEPT_ENCODING="gzip")
    assert compressed["Content-Encoding"] == "gzip" and not english.has_header("Content-Encoding")


def test_a_logged_in_reader_never_gets_the_copy(article, client: Client, make_user) -> None:
    plan = Plan.objects.create(slug="annuel", name="Annuel", price_cents=9900, period=Plan.Period.YEAR)
    reader = make_user()
    subscribe(reader, plan, ends_in=timedelta(days=30))
    client.get(article.url)  # the anonymous copy is made
    client.force_login(reader)
    response = client.get(article.url)
    assert response.templates and "private" in response["Cache-Control"]
    client.logout()
    assert _copied(client, article.url)  # and the copy is still the anonymous page


@pytest.mark.parametrize(
    "headers",
    [{"HTTP_X_VARNISH": "32770"}, {"HTTP_AUTHORIZATION": "Basic eDp5"}],
    ids=["behind Varnish", "with credentials"],
)
def test_no_copy_is_used_behind_varnish_or_with_credentials(article, client: Client, headers) -> None:
    client.get(article.url)
    assert not _copied(client, article.url, **headers)


def test_query_strings_other_than_a_page_number_are_not_copied(article, client: Client) -> None:
    for path in (f"{article.url}?utm_source=x", f"{article.url}?q=1"):
        client.get(path)
        assert not _copied(client, path), path
    client.get(f"{article.url}?page=2")
    assert _copied(client, f"{article.url}?page=2")


def test_pages_that_are_not_public_are_not_copied(client: Client, db) -> None:
    client.get("/page-qui-n-existe-pas/")
    assert not _copied(client, "/page-qui-n-existe-pas/")


def test_a_flash_message_cookie_skips_the_copy(article, client: Client) -> None:
    client.get(article.url)
    client.cookies["messages"] = "anything"
    assert not _copied(client, article.url)
