"""Bad input gets a normal French page with a message: a 404 in the site's layout, never a 500."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import Client
from django.utils import translation

from manchette.articles.models import SectionPage
from tests.conftest import ModuleDatabase, Newsroom

INVALID_PAGE_NOTICE = "Cette page n'existe pas : voici la première page."


@pytest.fixture(scope="module")
def _section(module_db: ModuleDatabase) -> SectionPage:
    def build() -> SectionPage:
        newsroom = module_db.newsroom()
        section = newsroom.section("International", slug="international")
        for n in range(12):  # two pages of ten
            newsroom.article(section, title=f"Sécheresse au Chili, épisode {n}", standfirst=f"Épisode {n}.")
        return section

    return module_db.build(build)


@pytest.fixture
def section(_section: SectionPage, db) -> SectionPage:
    """A section with twelve articles (two pages), built once for this module."""
    return _section


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def _notice(response) -> str:
    notice = _soup(response).select_one(".notice")
    return " ".join(notice.get_text().split()) if notice else ""


# --------------------------------------------------------------------------- 404


@pytest.mark.parametrize(
    "path",
    [
        "/n-existe-pas/",
        "/international/article-inconnu/",
        "/tags/mot-cle-inconnu/",
        "/rubriques/x/rss.xml",
        "/%C3%A9t%C3%A9/",
        "/recherche/../../etc/passwd",
    ],
)
def test_unknown_url_gives_the_french_404_in_the_site_layout(
    section: SectionPage, client: Client, path: str
) -> None:
    response = client.get(path)
    assert response.status_code == 404
    if path.endswith(".xml"):
        return  # a feed's 404 need not be a page
    soup = _soup(response)
    assert soup.html["lang"] == "fr"
    assert " ".join(soup.find("h1").get_text().split()) == "Page introuvable"
    assert soup.select_one("header.masthead") is not None  # the site's layout
    assert soup.select_one("footer.site-footer") is not None
    assert "International" in soup.select_one("nav.masthead__nav").get_text()
    assert soup.find("a", href="/") is not None


def test_unknown_tag_is_not_found(section: SectionPage, client: Client) -> None:
    assert client.get("/tags/inexistant/").status_code == 404


def test_500_page_is_french_in_the_site_layout(rf, db) -> None:
    from manchette.website.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == "fr"
    assert " ".join(soup.find("h1").get_text().split()) == "Un incident technique est survenu"
    # The site's template, not the bare fallback kept for when even the template fails.
    assert soup.select_one("header.masthead") is not None
    assert soup.select_one("footer.site-footer") is not None


@pytest.fixture(scope="module")
def server_without_database(tmp_path_factory: pytest.TempPathFactory):
    """The site in a real application server whose database is a closed port: nothing answers."""
    from tests.stack import servers

    folder = tmp_path_factory.mktemp("no-database")
    env = servers.base_env()
    env.update(
        DATABASE_URL=f"postgres://manchette:manchette@127.0.0.1:{servers.free_port()}/manchette",
        MANCHETTE_VAR_DIR=str(folder),
        DJANGO_SETTINGS_MODULE="manchette.settings",
    )
    app = servers.start_app(env, folder, workers=1)
    yield app
    app.stop()


@pytest.mark.parametrize("path", ["/", "/international/un-article/", "/recherche/?q=eau", "/rss.xml"])
def test_without_the_database_readers_get_the_french_unavailable_page(
    server_without_database, path: str
) -> None:
    from tests.stack import servers

    response = servers.request(server_without_database.url + path)
    assert response.status == 503
    assert response.header("Retry-After").isdigit()
    assert "no-store" in response.header("Cache-Control")
    soup = BeautifulSoup(response.body, "html.parser")
    assert soup.html["lang"] == "fr"
    assert "Service momentanément indisponible" in soup.get_text()
    assert "Traceback" not in response.text and "Connection refused" not in response.text


# --------------------------------------------------------------------------- search


@pytest.mark.parametrize(
    "query",
    [
        "a" * 5000,
        "sécheresse " * 500,
        "\x00",
        "chili\x00sécheresse",
        "\x01\x02\x1b[31m\x7f",
        'chili"',
        "𝕮𝖍𝖎𝖑𝖎 ☃ 🇨🇱 \u202e\u200d\u0301",
        "' OR 1=1; --",
        '"unbalanced',
        "& | ! ( ) : * <-> ~ ^",
        "<script>alert(1)</script>",
        "   ",
        "%",
        "\\",
        "中文 العربية",
    ],
)
def test_odd_search_queries_give_a_normal_page(section: SectionPage, client: Client, query: str) -> None:
    response = client.get("/recherche/", {"q": query})
    assert response.status_code == 200
    soup = _soup(response)
    assert " ".join(soup.find("h1").get_text().split()) == "Rechercher un article"
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_too_long_search_is_cut_with_a_message(section: SectionPage, client: Client) -> None:
    response = client.get("/recherche/", {"q": "sécheresse " + "x" * 5000})
    assert response.status_code == 200
    assert "trop longue" in _notice(response)
    # The 5,000-letter word cannot be kept whole: the query keeps the words before it.
    assert _soup(response).find("input", id="search-q")["value"] == "sécheresse"


def test_a_single_overlong_word_is_cut_to_the_limit(section: SectionPage, client: Client) -> None:
    response = client.get("/recherche/", {"q": "x" * 5000})
    assert "trop longue" in _notice(response)
    assert _soup(response).find("input", id="search-q")["value"] == "x" * 200


def test_too_long_search_is_cut_between_words(section: SectionPage, client: Client) -> None:
    words = ["sécheresse"] * 30  # 329 characters: the 19th word would straddle the limit
    response = client.get("/recherche/", {"q": " ".join(words)})
    kept = _soup(response).find("input", id="search-q")["value"]
    assert kept == " ".join(words[:18])


@pytest.mark.parametrize("page_number", ["abc", "-1", "0", "99999", "1.5", "9" * 40, ""])
def test_search_with_absurd_page_numbers_shows_the_first_page(
    section: SectionPage, client: Client, page_number: str
) -> None:
    response = client.get("/recherche/", {"q": "sécheresse", "page": page_number})
    assert response.status_code == 200
    results = _soup(response).select(".article-list > li")
    assert len(results) == 10
    if page_number:
        assert _notice(response) == INVALID_PAGE_NOTICE


def test_search_without_results_says_so(section: SectionPage, client: Client) -> None:
    response = client.get("/recherche/", {"q": "zzzqqq", "page": "99999"})
    assert response.status_code == 200
    assert "Aucun article ne correspond à « zzzqqq »." in " ".join(response.content.decode().split())


def test_search_is_get_only(client: Client, db) -> None:
    assert client.post("/recherche/", {"q": "x"}).status_code == 405


# --------------------------------------------------------------------------- section pages


@pytest.mark.parametrize("page_number", ["abc", "-1", "0", "99999", "1e3", "9" * 40, "%00"])
def test_section_with_absurd_page_numbers_shows_the_first_page(
    section: SectionPage, client: Client, page_number: str
) -> None:
    response = client.get(f"{section.url}?page={page_number}")
    assert response.status_code == 200
    assert _notice(response) == INVALID_PAGE_NOTICE
    first_page = client.get(section.url)
    titles = [a.get_text() for a in _soup(response).select(".article-list h3 a")]
    assert titles == [a.get_text() for a in _soup(first_page).select(".article-list h3 a")]
    assert len(titles) == 10


def test_section_second_page_is_paged_without_notice(section: SectionPage, client: Client) -> None:
    response = client.get(f"{section.url}?page=2")
    assert response.status_code == 200
    assert _notice(response) == ""
    assert len(_soup(response).select(".article-list > li")) == 2
    assert "Page 2 sur 2" in " ".join(response.content.decode().split())


# --------------------------------------------------------------------------- language switch


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example",
        "https://evil.example/international/",
        "//evil.example",
        "///evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
        "http://testserver@evil.example/",
        " https://evil.example",
        "https:evil.example",
    ],
)
def test_language_switch_never_redirects_off_site(client: Client, db, next_url: str) -> None:
    for language in ("en", "fr", "xx"):
        response = client.get(f"/langue/{language}/", {"next": next_url})
        assert response.status_code in {301, 302, 303, 307, 308}
        location = urlsplit(response["Location"])
        assert not location.netloc and location.scheme == "", response["Location"]
        assert response["Location"].startswith("/") and not response["Location"].startswith(("//", "/\\"))


def test_unknown_language_sets_nothing(client: Client, db) -> None:
    response = client.get("/langue/xx/", {"next": "/international/"})
    assert response.status_code == 302
    assert response["Location"] == "/international/"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_language_switch_goes_back_to_the_page(section: SectionPage, client: Client) -> None:
    response = client.get("/langue/en/", {"next": section.url})
    assert response.status_code == 302
    assert response["Location"] == section.url
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_english_switch_gives_english_pages(newsroom: Newsroom, client: Client) -> None:
    article = newsroom.article(newsroom.section(), standfirst="Un chapô.")
    client.get("/langue/en/", {"next": article.url})
    response = client.get(article.url)
    assert response.status_code == 200
    assert _soup(response).html["lang"] == "en"

    back = client.get("/langue/fr/", {"next": article.url})
    assert back.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    assert _soup(client.get(article.url)).html["lang"] == "fr"

    catalogue = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.mo"
    if not catalogue.exists():
        pytest.skip(f"no compiled English catalogue at {catalogue}: run `make messages`")
    client.get("/langue/en/", {"next": article.url})
    soup = _soup(client.get(article.url))
    with translation.override("en"):
        expected = translation.ngettext(
            "Temps de lecture : %(minutes)s min", "Temps de lecture : %(minutes)s min", article.reading_time
        ) % {"minutes": article.reading_time}
    assert expected != f"Temps de lecture : {article.reading_time} min", "the catalogue does not translate it"
    assert " ".join(soup.select_one(".article__reading-time").get_text().split()) == expected
    assert "Page introuvable" not in client.get("/n-existe-pas/").content.decode()
