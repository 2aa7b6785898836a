"""A reader whose request needs an unreachable database gets a French 503 page, then the site again.

The database is taken away with Django's own query hook: every query fails as it would with
PostgreSQL down (OperationalError). The real restart is in tests/stack/test_faults.py.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.test import Client

from tests.conftest import Newsroom


@contextmanager
def database_down(error: type[Exception] = OperationalError) -> Iterator[None]:
    def refuse(execute, sql, params, many, context):
        raise error("connection to server at 127.0.0.1, port 5432 failed: Connection refused")

    with connection.execute_wrapper(refuse):
        yield


@pytest.fixture
def reader_client(newsroom: Newsroom, make_user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(make_user())
    return client


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_logged_in_reader_gets_a_french_503_page_without_traceback(
    newsroom: Newsroom, reader_client: Client, error: type[Exception]
) -> None:
    url = newsroom.article(newsroom.section(), title="Un article du jour").url

    with database_down(error):
        response = reader_client.get(url)

    assert response.status_code == 503
    html = response.content.decode()
    assert "Service momentanément indisponible" in html
    assert "Traceback" not in html and "connection to server" not in html
    assert response["Retry-After"].isdigit()
    assert "no-store" in response["Cache-Control"]


def test_the_page_speaks_the_language_the_reader_chose(newsroom: Newsroom, reader_client: Client) -> None:
    url = newsroom.article(newsroom.section()).url
    reader_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    with database_down():
        response = reader_client.get(url)

    assert response.status_code == 503
    assert "Service temporarily unavailable" in response.content.decode()


def test_the_site_answers_again_once_the_database_is_back(newsroom: Newsroom, reader_client: Client) -> None:
    url = newsroom.article(newsroom.section(), title="Retour à la normale").url
    with database_down():
        assert reader_client.get(url).status_code == 503

    response = reader_client.get(url)

    assert response.status_code == 200
    assert "Retour à la normale" in response.content.decode()


def test_other_errors_are_not_disguised_as_unavailability(newsroom: Newsroom, reader_client: Client) -> None:
    url = newsroom.article(newsroom.section()).url

    with database_down(ValueError):
        response = reader_client.get(url)

    assert response.status_code == 500
