"""Lists on a page the same for every reader never name a page some reader may not open,
and a page behind a view restriction is never kept by a shared cache, even once unlocked."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from wagtail.models import PageViewRestriction

from manchette.articles.models import ArticlePage
from tests.conftest import Newsroom, paragraph


def _hrefs(response) -> set[str]:
    return {a["href"] for a in BeautifulSoup(response.content, "html.parser").select("a[href]")}


def _restrict(page: ArticlePage, kind: str) -> PageViewRestriction:
    fields = {"password": "secret-de-redaction"} if kind == PageViewRestriction.PASSWORD else {}
    return PageViewRestriction.objects.create(page=page, restriction_type=kind, **fields)


KINDS = [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN, "unpublished"]


@pytest.fixture
def pages(newsroom: Newsroom) -> dict[str, ArticlePage]:
    section = newsroom.section()
    hidden = newsroom.article(section, title="Article caché")
    return {"section": section, "hidden": hidden}


def _hide(hidden: ArticlePage, kind: str) -> None:
    if kind == "unpublished":
        hidden.unpublish()
    else:
        _restrict(hidden, kind)


@pytest.mark.parametrize("kind", KINDS)
def test_editors_pick_is_dropped_when_readers_may_not_see_it(
    pages, newsroom: Newsroom, client: Client, kind: str
) -> None:
    hidden = pages["hidden"]
    url = hidden.url
    article = newsroom.article(pages["section"], title="Article lu")
    newsroom.pick(article, hidden)
    assert url in _hrefs(client.get(article.url))  # picked and open: shown

    _hide(hidden, kind)
    response = client.get(article.url)
    assert url not in _hrefs(response)
    assert "Article caché" not in response.content.decode()


@pytest.mark.parametrize("kind", KINDS)
def test_read_also_link_is_dropped_when_readers_may_not_see_it(
    pages, newsroom: Newsroom, client: Client, kind: str
) -> None:
    hidden = pages["hidden"]
    url = hidden.url
    article = newsroom.article(
        pages["section"], body=[paragraph("Avant."), ("related", hidden), paragraph("Après.")]
    )
    assert url in _hrefs(client.get(article.url))

    _hide(hidden, kind)
    html = client.get(article.url).content.decode()
    assert url not in html and "Après." in html


@pytest.mark.parametrize("kind", KINDS)
def test_must_read_completion_skips_pages_readers_may_not_see(
    pages, newsroom: Newsroom, client: Client, kind: str
) -> None:
    hidden = pages["hidden"]
    url = hidden.url
    article = newsroom.article(pages["section"])
    assert url in _hrefs(client.get(article.url))  # the same section's latest: shown
    _hide(hidden, kind)
    assert url not in _hrefs(client.get(article.url))


def test_password_protected_page_once_unlocked_is_private(pages, client: Client) -> None:
    hidden = pages["hidden"]
    restriction = _restrict(hidden, PageViewRestriction.PASSWORD)
    locked = client.get(hidden.url)
    assert "Article caché" not in locked.content.decode()
    assert "public" not in locked.get("Cache-Control", "")

    unlock = client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{hidden.pk}/",
        {"password": "secret-de-redaction", "return_url": hidden.url},
    )
    assert unlock.status_code == 302
    response = client.get(hidden.url)
    assert response.status_code == 200 and "Article caché" in response.content.decode()
    directives = {part.strip().split("=")[0] for part in response["Cache-Control"].split(",")}
    assert "private" in directives and "public" not in directives and "s-maxage" not in directives


def test_page_under_a_restricted_section_is_private_too(newsroom: Newsroom, make_user) -> None:
    section = newsroom.section()
    article = newsroom.article(section)
    _restrict(section, PageViewRestriction.LOGIN)
    client = Client()
    assert client.get(article.url).status_code == 302  # to the login page
    client.force_login(make_user())
    response = client.get(article.url)
    assert response.status_code == 200 and "private" in response["Cache-Control"]
