"""Search: Wagtail's search over published articles, with French stemming on PostgreSQL."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client

from manchette.articles.models import ArticlePage
from tests.conftest import ModuleDatabase, paragraph


@pytest.fixture(scope="module")
def _articles(module_db: ModuleDatabase) -> dict[str, ArticlePage]:
    def build() -> dict[str, ArticlePage]:
        newsroom = module_db.newsroom()
        politique, culture = newsroom.section("Politique"), newsroom.section("Culture")
        return {
            "water": newsroom.article(
                politique,
                title="La bataille de l’eau",
                standfirst="Les viticulteurs rationnent l’irrigation pendant la sécheresse.",
                body=[paragraph("Un barrage est en projet sur la rivière.")],
            ),
            "elections": newsroom.article(
                politique,
                title="Une liste citoyenne à Rennes",
                standfirst="Les élections municipales approchent et les candidats se déclarent.",
            ),
            "theatre": newsroom.article(
                culture, title="Une pièce de théâtre", standfirst="Une comédie sur la vie de bureau."
            ),
            "premium": newsroom.article(
                politique,
                title="Enquête sur les marchés publics",
                kicker="Révélations",
                standfirst="Des contrats attribués sans appel d’offres dans trois départements.",
                body=[paragraph(f"Paragraphe {n} réservé aux abonnés.") for n in range(5)]
                + [paragraph("Le préfet reconnaît des pots-de-vin versés en Andorre.")],
                premium=True,
            ),
            "draft": newsroom.article(
                culture, title="Un brouillon", standfirst="Les viticulteurs du brouillon.", live=False
            ),
        }

    return module_db.build(build)


@pytest.fixture
def articles(_articles: dict[str, ArticlePage], db) -> dict[str, ArticlePage]:
    return _articles


def _results(client: Client, query: str) -> list[str]:
    response = client.get("/recherche/", {"q": query})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [a["href"] for a in soup.select(".article-list a[href]")]


def test_a_word_of_the_standfirst_finds_the_article(articles: dict[str, ArticlePage], client: Client) -> None:
    assert _results(client, "viticulteurs") == [articles["water"].url]


def test_title_and_body_words_find_the_article(articles: dict[str, ArticlePage], client: Client) -> None:
    assert _results(client, "théâtre") == [articles["theatre"].url]
    assert _results(client, "barrage") == [articles["water"].url]


def test_premium_body_words_do_not_find_the_article(articles: dict[str, ArticlePage], client: Client) -> None:
    """The search must not tell who may not read it what the paywalled text says."""
    assert _results(client, "Andorre") == []
    assert _results(client, "pots-de-vin") == []


def test_premium_articles_are_found_by_what_anyone_may_read(
    articles: dict[str, ArticlePage], client: Client
) -> None:
    premium = articles["premium"].url
    assert _results(client, "marchés publics") == [premium]  # title
    assert _results(client, "Révélations") == [premium]  # kicker
    assert _results(client, "départements") == [premium]  # standfirst


def test_a_free_article_turned_premium_is_no_longer_found_by_its_body(
    articles: dict[str, ArticlePage], client: Client
) -> None:
    water = ArticlePage.objects.get(pk=articles["water"].pk)  # not the module's shared instance
    assert _results(client, "barrage") == [water.url]
    water.premium = True
    water.save_revision().publish()
    assert _results(client, "barrage") == []
    assert _results(client, "viticulteurs") == [water.url]


def test_search_ignores_case(articles: dict[str, ArticlePage], client: Client) -> None:
    assert _results(client, "VITICULTEURS") == [articles["water"].url]


def test_every_word_must_match(articles: dict[str, ArticlePage], client: Client) -> None:
    assert _results(client, "viticulteurs comédie") == []
    assert _results(client, "viticulteurs sécheresse") == [articles["water"].url]


def test_results_show_the_standfirst(articles: dict[str, ArticlePage], client: Client) -> None:
    response = client.get("/recherche/", {"q": "viticulteurs"})
    soup = BeautifulSoup(response.content, "html.parser")
    standfirsts = [p.get_text(strip=True) for p in soup.select(".article-list .card__standfirst")]
    assert standfirsts == [articles["water"].standfirst]


def test_unpublished_articles_are_not_found(articles: dict[str, ArticlePage], client: Client) -> None:
    assert articles["draft"].url not in _results(client, "brouillon")
    articles["water"].unpublish()
    assert _results(client, "viticulteurs") == []


def test_empty_search_invites_to_type_words(articles: dict[str, ArticlePage], client: Client) -> None:
    response = client.get("/recherche/")
    assert response.status_code == 200
    assert "Saisissez un ou plusieurs mots" in response.content.decode()
    assert _results(client, "") == []


def test_french_stemming_on_postgresql(articles: dict[str, ArticlePage], client: Client) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("French stemming needs PostgreSQL's french text search configuration")
    # The singular finds the plural: "élection" finds "élections", "candidat" finds "candidats".
    assert _results(client, "élection") == [articles["elections"].url]
    assert _results(client, "municipale") == [articles["elections"].url]
    assert _results(client, "candidat") == [articles["elections"].url]
    assert _results(client, "viticulteur") == [articles["water"].url]
