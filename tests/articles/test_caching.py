"""Anonymous pages: the same bytes for everyone, cacheable by a shared cache. Logged-in ones: private."""

import gzip

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils.cache import get_max_age

from tests.conftest import ModuleDatabase, paragraph


def _directives(response) -> set[str]:
    return {part.strip().split("=")[0].lower() for part in response.get("Cache-Control", "").split(",")}


def _vary(response) -> set[str]:
    return {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}


@pytest.fixture(scope="module")
def _public_paths(module_db: ModuleDatabase) -> dict[str, str]:
    def build() -> dict[str, str]:
        newsroom = module_db.newsroom()
        section = newsroom.section("Politique", slug="politique")
        article = newsroom.article(
            section,
            premium=True,
            body=[paragraph(f"Paragraphe {n}.") for n in range(6)],
            hero=newsroom.image(),
            hero_caption="Légende",
            hero_credit="PHOTOGRAPHE",
            tags=["Budget"],
        )
        newsroom.article(section)
        return {
            "home": newsroom.home.url,
            "section": section.url,
            "article": article.url,
            "tag": "/tags/budget/",
            "search": "/recherche/?q=Paragraphe",
        }

    return module_db.build(build)


@pytest.fixture
def public_paths(_public_paths: dict[str, str], db) -> dict[str, str]:
    """Home, a section, a premium article, a tag and a search, built once for this module."""
    return _public_paths


@pytest.mark.parametrize("which", ["home", "section", "article", "tag", "search"])
def test_anonymous_page_is_publicly_cacheable_for_a_short_time(
    public_paths: dict[str, str], client: Client, which: str
) -> None:
    response = client.get(public_paths[which])
    assert response.status_code == 200
    directives = _directives(response)
    assert "public" in directives
    assert not directives & {"private", "no-cache", "no-store"}
    max_age = get_max_age(response)
    assert max_age is not None and 0 < max_age <= 600
    assert "cookie" in _vary(response)  # a reader's cookie (language, session) gets its own copy


@pytest.mark.parametrize("which", ["home", "section", "article", "tag", "search"])
def test_anonymous_page_sets_no_cookie_and_holds_no_token(
    public_paths: dict[str, str], client: Client, which: str
) -> None:
    response = client.get(public_paths[which])
    assert response.status_code == 200
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
    body = response.content.decode()
    assert "csrfmiddlewaretoken" not in body
    assert "csrftoken" not in body
    assert Session.objects.count() == 0


@pytest.mark.parametrize("which", ["home", "section", "article"])
def test_two_anonymous_readers_get_the_same_bytes(public_paths: dict[str, str], which: str) -> None:
    first = Client().get(public_paths[which])
    # A second reader with another browser language, who still gets the French page.
    second = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9", HTTP_USER_AGENT="Autre navigateur").get(
        public_paths[which]
    )
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert first["Cache-Control"] == second["Cache-Control"]


@pytest.mark.parametrize("which", ["home", "section", "article", "tag", "search"])
def test_logged_in_reader_gets_a_private_response(
    public_paths: dict[str, str], client: Client, make_user, which: str
) -> None:
    client.force_login(make_user())
    response = client.get(public_paths[which])
    assert response.status_code == 200
    directives = _directives(response)
    assert "private" in directives
    assert "public" not in directives
    assert "s-maxage" not in directives


@pytest.mark.parametrize("which", ["home", "section", "article", "tag", "search"])
def test_reader_who_chose_english_gets_a_copy_of_their_own(
    public_paths: dict[str, str], client: Client, which: str
) -> None:
    french = Client().get(public_paths[which])
    client.get(f"/langue/en/?next={public_paths[which]}")
    english = client.get(public_paths[which])
    assert english.status_code == french.status_code == 200
    # Both copies may be shared, and a shared cache tells them apart by the cookie that
    # chose English: Vary names it on both, and the bytes differ.
    for response in (french, english):
        assert "public" in _directives(response)
        assert "cookie" in _vary(response)
    assert english["Content-Language"] == "en" and french["Content-Language"] == "fr"
    assert english.content != french.content
    assert '<html lang="en">' in english.content.decode()


# --------------------------------------------------------------------------- compression


@pytest.mark.parametrize("which", ["home", "section", "article", "tag", "search"])
def test_public_pages_are_compressed(public_paths: dict[str, str], which: str) -> None:
    plain = Client().get(public_paths[which])
    compressed = Client().get(public_paths[which], HTTP_ACCEPT_ENCODING="gzip")
    assert compressed["Content-Encoding"] == "gzip"
    assert "accept-encoding" in _vary(compressed)
    assert gzip.decompress(compressed.content) == plain.content
    assert len(compressed.content) < len(plain.content)


@pytest.mark.parametrize("which", ["home", "article", "search"])
def test_private_pages_are_not_compressed(public_paths: dict[str, str], make_user, which: str) -> None:
    # BREACH: a private page may carry a CSRF token next to text the attacker chose.
    client = Client()
    client.force_login(make_user())
    response = client.get(public_paths[which], HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert "Content-Encoding" not in response


def test_a_page_with_a_form_token_is_not_compressed(client: Client, db) -> None:
    response = client.get("/compte/login/", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert "Content-Encoding" not in response
