"""Hits add up in memory and reach the database in folds: one transaction a fold, no query
per hit, nothing counted twice when a fold fails half-way; the collector's reading of
Varnish's log follows the endpoint's rules and reports no reader."""

import json
import logging
from collections.abc import Callable
from typing import Any

import pytest
from django.db import DatabaseError, connection
from django.test import Client
from django.utils import timezone

from manchette.audience import folding
from manchette.audience.buffer import BUFFER
from manchette.audience.collector import Collector
from manchette.audience.limits import ClientLimiter
from manchette.audience.models import DailyActions, DailyViews, HourlyViews, Source
from manchette.audience.tally import Tally
from tests.conftest import Newsroom

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@pytest.fixture
def article(newsroom: Newsroom) -> Any:
    return newsroom.article(newsroom.section())


def _total(model: type[DailyViews] | type[HourlyViews] = DailyViews) -> int:
    return sum(model.objects.values_list("views", flat=True))


def test_the_endpoint_queries_nothing_and_the_fold_writes_it_all(client: Client, article: Any, settings,
                                                                 django_assert_num_queries: Callable) -> None:
    settings.AUDIENCE_BUFFER_SECONDS = 3600  # the process's folder thread waits: the test folds
    with django_assert_num_queries(0):
        for number in range(5):
            referrer = "www.google.fr" if number % 2 else ""
            response = client.post(f"/mesure/?k=articlepage&p={article.pk}&r={referrer}&n=0&w=1",
                                   HTTP_USER_AGENT=BROWSER)
            assert response.status_code == 204
    assert _total() == 0
    folded = folding.fold(BUFFER.tally)
    assert folded == folding.Folded(views=5, actions=5, unknown_pages=0)
    rows = dict(DailyViews.objects.values_list("source", "views"))
    assert rows == {Source.SEARCH: 2, Source.DIRECT: 3}
    assert _total(HourlyViews) == 5
    assert DailyActions.objects.get(object_id=article.pk).count == 5


def test_a_fold_that_fails_half_way_counts_nothing_twice(article: Any) -> None:
    """The hours' insert fails after the days' one ran: the whole fold rolls back and its counts
    wait in the tally; the next fold writes them once."""
    tally = Tally()
    for _ in range(3):
        tally.add_view("articlepage", article.pk, Source.DIRECT, "", timezone.now())

    def fail_on_hours(execute: Callable, sql: str, params: Any, many: bool, context: Any) -> Any:
        if HourlyViews._meta.db_table in sql and sql.startswith("INSERT"):
            raise DatabaseError("the database went away half-way through the fold")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(fail_on_hours):
        assert folding.fold(tally) is None
    assert _total() == 0 and _total(HourlyViews) == 0
    assert tally.pending_views() == 3
    assert folding.fold(tally) == folding.Folded(views=3, actions=0, unknown_pages=0)
    assert folding.fold(tally) == folding.Folded(views=0, actions=0, unknown_pages=0)
    assert _total() == 3 and _total(HourlyViews) == 3


def test_folds_add_up_and_drop_pages_that_are_not_live(article: Any) -> None:
    tally = Tally()
    now = timezone.now()
    tally.add_view("articlepage", article.pk, Source.DIRECT, "", now)
    tally.add_view("articlepage", article.pk + 1000, Source.DIRECT, "", now)
    tally.add_view("sectionpage", article.pk, Source.DIRECT, "", now)  # the wrong type for that id
    assert folding.fold(tally) == folding.Folded(views=1, actions=0, unknown_pages=2)
    tally.add_view("articlepage", article.pk, Source.DIRECT, "", now)
    folding.fold(tally)
    assert list(DailyViews.objects.values_list("object_id", "views")) == [(article.pk, 2)]


def _line(query: str, agent: str = BROWSER, peer: str = "127.0.0.1", forwarded: str = "198.51.100.7",
          purpose: str = "- - - -") -> str:
    """One line as `varnishncsa -j -F collector.FORMAT` writes it."""
    return json.dumps({"q": query, "host": "manchette.test", "xff": forwarded, "peer": peer, "ua": agent,
                       "purpose": purpose})


def test_the_collector_counts_readers_only_and_logs_no_reader(article: Any, settings,
                                                              caplog: pytest.LogCaptureFixture) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    collector = Collector(ClientLimiter("3/m/key"))
    query = f"?k=articlepage&p={article.pk}&r=www.lemonde.fr&n=0"
    for _ in range(5):  # one reader over the limit: 3 counted
        collector.read(_line(query))
    collector.read(_line(query, forwarded="198.51.100.8"))  # another reader
    collector.read(_line(query, agent="facebookexternalhit/1.1", forwarded="198.51.100.9"))
    collector.read(_line(query, purpose="prefetch - - -", forwarded="198.51.100.10"))
    collector.read(_line("?k=articlepage&p=abc", forwarded="198.51.100.11"))
    collector.read("not json at all")
    with caplog.at_level(logging.INFO, logger="manchette.audience"):
        collector.fold()
    rows = list(DailyViews.objects.values_list("source", "domain", "views"))
    assert rows == [(Source.OTHER, "lemonde.fr", 4)]
    report = caplog.text
    assert "views folded 4" in report and "limited 2" in report and "robot 2" in report
    assert "invalid 2" in report
    for trace in ("198.51.100", "127.0.0.1", "Mozilla", "lemonde", "k=articlepage"):
        assert trace not in report
