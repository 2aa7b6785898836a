"""Cached fragments and routes never outlive the content: every change shows at once."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client
from wagtail.models import PageViewRestriction

from manchette.articles.models import ArticlePage
from manchette.website import generation
from tests.conftest import Newsroom, paragraph


def _titles(client: Client, path: str) -> list[str]:
    soup = BeautifulSoup(client.get(path).content, "html.parser")
    return [" ".join(a.get_text().split()) for a in soup.select(".card a, .card__title a")]


@pytest.fixture
def story(newsroom: Newsroom) -> dict:
    section = newsroom.section("International", slug="international")
    other = newsroom.section("Politique", slug="politique")
    first = newsroom.article(section, title="Sécheresse au Chili", body=[paragraph("Texte d'origine.")])
    second = newsroom.article(section, title="Élections en Bolivie")
    client = Client()
    for path in ("/", section.url, first.url, second.url):  # every fragment cached
        assert client.get(path).status_code == 200
    return {"section": section, "other": other, "first": first, "second": second, "client": client}


def test_publishing_an_edit_shows_on_the_page_and_in_lists(story) -> None:
    client, first = story["client"], story["first"]
    first.title = "Sécheresse au Chili : l'eau rationnée"
    first.body = [("paragraph", paragraph("Texte corrigé.")[1])]
    first.save_revision().publish()

    page = client.get(first.url).content.decode()
    assert "l\u2019eau rationnée" in page or "l'eau rationnée" in page
    assert "Texte corrigé." in page and "Texte d'origine." not in page
    assert any("rationnée" in title for title in _titles(client, "/"))
    assert any("rationnée" in title for title in _titles(client, story["second"].url))


def test_unpublishing_removes_the_article_everywhere(story) -> None:
    client, first = story["client"], story["first"]
    first.unpublish()
    assert client.get(first.url).status_code == 404
    for path in ("/", story["section"].url, story["second"].url):
        assert not any("Chili" in title for title in _titles(client, path)), path


def test_moving_an_article_moves_its_address(story) -> None:
    client, first = story["client"], story["first"]
    old_url = first.url
    first.move(story["other"], pos="last-child")
    moved = ArticlePage.objects.get(pk=first.pk)
    old = client.get(old_url)  # Wagtail's redirects keep the old address working
    assert (old.status_code, old["Location"]) == (301, moved.url)
    assert client.get(moved.url).status_code == 200
    assert any("Chili" in title for title in _titles(client, story["other"].url))


def test_deleting_an_article_removes_it(story) -> None:
    client, first = story["client"], story["first"]
    url = first.url
    first.delete()
    assert client.get(url).status_code == 404
    assert not any("Chili" in title for title in _titles(client, "/"))


def test_a_new_section_appears_in_the_navigation(story, newsroom: Newsroom) -> None:
    newsroom.section("Culture", slug="culture")
    nav = BeautifulSoup(story["client"].get("/").content, "html.parser").select_one("nav.masthead__nav")
    assert "Culture" in nav.get_text()


def test_a_view_restriction_hides_the_article_from_lists_and_private_copies(story) -> None:
    client, first = story["client"], story["first"]
    PageViewRestriction.objects.create(page=first, restriction_type=PageViewRestriction.LOGIN)
    assert not any("Chili" in title for title in _titles(client, story["second"].url))
    assert not any("Chili" in title for title in _titles(client, "/"))
    # The page itself, remembered as unrestricted a moment ago, now asks the reader to log in.
    response = client.get(first.url)
    assert response.status_code == 302 and "login" in response["Location"]
    assert "Texte d'origine." not in response.content.decode()


def test_a_draft_preview_never_reaches_readers(story) -> None:
    first = story["first"]
    first.title = "Titre de brouillon"
    revision = first.save_revision()
    preview = revision.as_object().make_preview_request()
    assert "Titre de brouillon" in preview.content.decode()
    assert "Titre de brouillon" not in story["client"].get(first.url).content.decode()


def test_the_token_changes_with_content_and_not_with_reading(story, clock) -> None:
    before = generation.current()
    story["client"].get(story["first"].url)
    clock.shift(timedelta(hours=1))
    assert generation.current() == before
    story["first"].save_revision().publish()
    assert generation.current() != before


def test_a_new_sites_first_reader_changes_nothing(newsroom: Newsroom) -> None:
    """The paywall's settings are read, not created, by a reader's page: a row written then
    changed the token and purged every cached page just stored (a stack test failed so)."""
    from manchette.subscriptions.models import PaywallSettings

    section = newsroom.section()
    pages = [newsroom.article(section, premium=True, body=[paragraph(f"§{n}") for n in range(5)]),
             newsroom.article(section)]
    PaywallSettings.objects.all().delete()
    cache.clear()
    before = generation.current()
    for page in pages:
        assert Client().get(page.url).status_code == 200
    assert not PaywallSettings.objects.exists()
    assert generation.current() == before


def test_a_lost_token_row_is_made_again(story) -> None:
    from manchette.website.models import ContentGeneration

    ContentGeneration.objects.all().delete()
    cache.clear()
    assert story["client"].get(story["first"].url).status_code == 200
    assert ContentGeneration.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_token_comes_from_the_cache_copy() -> None:
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    generation.current()  # the token's row, which an earlier transactional test's flush may have taken
    cache.clear()
    with CaptureQueriesContext(connection) as first_read:
        token = generation.current()
    with CaptureQueriesContext(connection) as second_read:
        assert generation.current() == token
    assert (len(first_read), len(second_read)) == (1, 0)

    with transaction.atomic():
        changed = generation.bump()
        assert generation.current() == changed  # the transaction sees its own change
    assert generation.current() == changed  # and so does everyone once it commits


@pytest.mark.django_db(transaction=True)
def test_a_change_rolled_back_leaves_no_token_behind() -> None:
    from django.db import transaction

    before = generation.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        generation.bump()
        raise RuntimeError("the edit failed")
    assert generation.current() == before
