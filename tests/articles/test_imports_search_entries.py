"""Articles added in bulk (articles.imports.add_articles) are found by search as if Wagtail's
search backend had indexed them: on PostgreSQL the batch's entries are written by one statement
of our own (articles.search_entries), which must give the backend's very rows."""

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.search.backends import get_search_backend

from manchette.articles import imports
from manchette.articles.models import ArticlePage
from tests.conftest import Newsroom, paragraph, stream

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the statement of our own is PostgreSQL's only"
)


def _new_articles(newsroom: Newsroom) -> list[imports.NewArticle]:
    """Texts that test what the vectors keep: stemming, stop words, accents, an empty kicker,
    a premium body (none of it indexed), texts with spaces around them, quotes and subheadings."""
    section, author = newsroom.section("Port"), newsroom.author("Jeanne Le Goff")
    fields = [
        {"title": "Les chalutiers rentrent au port", "standfirst": "La marée était haute ce matin."},
        {
            "title": "  Élections municipales : la liste citoyenne  ",
            "kicker": "Révélations",
            "standfirst": "  Les candidats se déclarent à Douarnenez.  ",
            "body": stream(
                [
                    paragraph("Le conseil municipal <b>vote</b> le budget de la digue."),
                    ("subheading", "Une tempête annoncée"),
                    ("quote", {"text": "Nous reconstruirons le phare", "attribution": "Le maire"}),
                ]
            ),
        },
        {"title": "Le la les", "standfirst": "Et ou mais donc or ni car."},
        {
            "title": "Enquête sur les marchés publics",
            "standfirst": "Des contrats sans appel d'offres.",
            "body": stream([paragraph("Le préfet reconnaît des pots-de-vin versés en Andorre.")]),
            "premium": True,
        },
    ]
    return [
        imports.NewArticle(
            ArticlePage(slug=f"article-{number}", **values),
            section,
            [author],
            ["port"],
            imports.State.LIVE,
            None,
            None,
        )
        for number, values in enumerate(fields)
    ]


def _rows(articles: list[ArticlePage]) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT object_id, title::text, autocomplete::text, body::text, title_text, body_text, title_norm"
            " FROM wagtailsearch_indexentry WHERE content_type_id = %s AND object_id = ANY(%s)"
            " ORDER BY object_id",
            [ContentType.objects.get_for_model(ArticlePage).pk, [str(article.pk) for article in articles]],
        )
        return cursor.fetchall()


def _found(query: str) -> list[int]:
    return [article.pk for article in get_search_backend().search(query, ArticlePage.objects.live())]


def _completed(query: str) -> list[int]:
    return [article.pk for article in get_search_backend().autocomplete(query, ArticlePage.objects.live())]


QUERIES = ["port", "élection", "municipal", "tempête", "phare", "maire", "pots-de-vin", "révélations", "le"]


def test_the_batch_index_entries_are_the_search_backends_own(newsroom: Newsroom) -> None:
    new = _new_articles(newsroom)
    imports.add_articles(new)
    articles = [item.article for item in new]
    ours = _rows(articles)
    found = {query: _found(query) for query in QUERIES}
    completed = {query: _completed(query) for query in ["chal", "élec", "enqu"]}
    assert len(ours) == len(articles)
    assert found["port"] and found["élection"] and not found["pots-de-vin"]

    get_search_backend().add_bulk(ArticlePage, articles)

    assert _rows(articles) == ours
    assert {query: _found(query) for query in QUERIES} == found
    assert {query: _completed(query) for query in ["chal", "élec", "enqu"]} == completed


def test_the_batch_index_entries_are_one_statement_whatever_its_size(newsroom: Newsroom) -> None:
    """The texts go as one parameter: the backend's own statement quoted some twenty values
    an article on the client, each in an expression compiled for it."""
    statements: list[tuple[str, object]] = []

    def capture(execute: Callable, sql: str, params: Any, many: bool, context: dict) -> Any:
        if "wagtailsearch_indexentry" in sql and sql.lstrip().startswith("INSERT"):
            statements.append((sql, params))
        return execute(sql, params, many, context)

    new = _new_articles(newsroom)
    with connection.execute_wrapper(capture):
        imports.add_articles(new)

    assert len(statements) == 1
    _sql, params = statements[0]
    assert len(params) <= 4
