"""Metered mode under concurrency: premium articles one reader opens at the same moment are
counted one after the other, so the monthly quota cannot be outrun.

Two threads, each with its own database connection, run the real code path
(`services.may_read_in_full`) at once. A query hook on each connection holds both threads
at the entrance of the counted section (the row lock, or the recount if the lock were gone)
until both are there: without the lock, both would count the same reads and both be let
in.

PostgreSQL only (`.ci/run` runs the suite on it): the SQLite test database is in memory,
shared between threads through SQLite's shared cache, which answers "database table is
locked" at once where a file database (IMMEDIATE transactions, busy timeout) would wait.
"""

import threading
from collections.abc import Callable

import pytest
from django.db import connection
from django.utils import timezone

from manchette.articles.models import ArticlePage
from manchette.subscriptions import entitlements
from manchette.subscriptions.models import MeteredRead, PaywallSettings

from .conftest import new_reader

pytestmark = pytest.mark.django_db(transaction=True)


class Rendezvous:
    """Holds each thread at its first entrance into the counted section until both arrive."""

    def __init__(self) -> None:
        self.barrier = threading.Barrier(2, timeout=10)
        self.met = 0
        self.local = threading.local()

    def hook(self) -> Callable:
        self.local.counts, self.local.done = 0, False

        def wrapper(execute, sql, params, many, context):
            if not self.local.done:
                if "COUNT(" in sql.upper() and "meteredread" in sql.lower():
                    self.local.counts += 1
                if " FOR UPDATE" in sql.upper() or self.local.counts == 2:
                    self.local.done = True
                    try:
                        self.barrier.wait()
                        self.met += 1
                    except threading.BrokenBarrierError:
                        pass
            return execute(sql, params, many, context)

        return wrapper


def test_two_articles_opened_at_once_cannot_outrun_the_quota() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("two connections to an in-memory SQLite database lock tables instead of waiting")
    paywall = PaywallSettings.load()
    paywall.metered, paywall.metered_monthly_quota = True, 2
    paywall.save()
    reader = new_reader()
    month = timezone.localdate().replace(day=1)
    MeteredRead.objects.create(user=reader, article_id=900_000, month=month)  # one of two used
    # Metered reads keep the article's id only: unsaved premium pages are enough here.
    articles = [ArticlePage(pk=900_001 + n, title=f"Article {n}", premium=True) for n in range(2)]
    rendezvous = Rendezvous()
    granted: dict[int, bool] = {}
    errors: list[BaseException] = []

    def open_article(article: ArticlePage) -> None:
        try:
            with connection.execute_wrapper(rendezvous.hook()):
                granted[article.pk] = entitlements.may_read_in_full(reader, article)
        except BaseException as error:  # reported below, in the test's own thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=open_article, args=(article,)) for article in articles]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert errors == []
    assert sorted(granted.values()) == [False, True], granted
    assert MeteredRead.objects.filter(user=reader, month=month).count() == 2
    assert rendezvous.met == 2, "the two requests never stood at the entrance together"
