"""Issue 21, "A 500 for anyone": every id in one of our URLs is range-checked (404).

`/commentaires/article/99999999999999999999999/` used to reach the view through Django's
`int` converter, and the database driver failed on a number no integer column holds: a 500
for anyone (and for the moderators' `/fermer/`). Our URL patterns take ids with the `id`
converter (manchette/website/converters.py). The test walks every pattern the site defines,
and asks each one that takes an id for a number out of range, as a superuser (past every
login and permission check), on whichever database the run uses: 404, never 500.
"""

import re
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter
from django.urls.resolvers import RoutePattern

from manchette.website.converters import LARGEST_ID, IdConverter

OUT_OF_RANGE = ["99999999999999999999999", str(LARGEST_ID + 1), "0"]
# The largest id the converter takes reaches the view, which must find nothing there either.
LARGEST = str(LARGEST_ID)
_PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def _routes(patterns, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    """(full route, pattern) of every pattern, the including routes' text prefixed."""
    for entry in patterns:
        text = str(entry.pattern).removeprefix("^").removesuffix("$")
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, prefix + text)
        else:
            yield prefix + text, entry


def _ours(pattern: URLPattern) -> bool:
    """Our views, and Wagtail's generic views our viewsets set up for our models."""
    model = getattr(pattern.callback, "view_initkwargs", {}).get("model")
    module = getattr(model, "__module__", None) or pattern.lookup_str
    return module.startswith("manchette.")


def _with_ids() -> list[tuple[str, URLPattern]]:
    return [
        (route, pattern)
        for route, pattern in _routes(get_resolver().url_patterns)
        if _ours(pattern)
        and isinstance(pattern.pattern, RoutePattern)
        and any(isinstance(converter, IdConverter) for converter in pattern.pattern.converters.values())
    ]


def _path(route: str, id_value: str) -> str:
    def value(match: re.Match) -> str:
        return id_value if match["converter"] == "id" else "x"

    return "/" + _PARAMETER.sub(value, route)


def test_no_url_of_ours_takes_an_unbounded_integer() -> None:
    unbounded = [
        route
        for route, pattern in _routes(get_resolver().url_patterns)
        if _ours(pattern)
        and isinstance(pattern.pattern, RoutePattern)
        and any(isinstance(converter, IntConverter) for converter in pattern.pattern.converters.values())
    ]
    assert unbounded == []
    # The walk finds the patterns of the issue (the reader's list and form, the moderators' close).
    routes = {route for route, _ in _with_ids()}
    assert "commentaires/article/<id:article_id>/" in routes
    assert "commentaires/article/<id:article_id>/publier/" in routes
    assert "admin/commentaires/article/<id:article_id>/fermer/" in routes
    # And the newsroom's snippets (authors, agencies).
    assert "admin/snippets/articles/author/edit/<id:pk>/" in routes
    assert "admin/snippets/articles/agency/delete/<id:pk>/" in routes


@pytest.fixture
def superuser_client(make_user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(make_user(is_superuser=True, is_staff=True))
    return client


@pytest.mark.parametrize("method", ["get", "post"])
def test_every_id_out_of_range_is_a_404(superuser_client: Client, method: str) -> None:
    anonymous = Client(raise_request_exception=False)
    answers = {}
    for route, _pattern in _with_ids():
        for id_value in OUT_OF_RANGE:
            path = _path(route, id_value)
            answers[path] = getattr(superuser_client, method)(path).status_code
            # A visitor is sent to the newsroom's login for anything under /admin/.
            if not route.startswith("admin/"):
                answers[f"{path} (visitor)"] = getattr(anonymous, method)(path).status_code
    wrong = {path: code for path, code in answers.items() if code != 404}
    assert answers and not wrong, wrong
    assert "/commentaires/article/99999999999999999999999/ (visitor)" in answers


def test_the_largest_id_finds_nothing(superuser_client: Client) -> None:
    answers = {route: superuser_client.get(_path(route, LARGEST)).status_code for route, _ in _with_ids()}
    assert all(code < 500 for code in answers.values()), answers
