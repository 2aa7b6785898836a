"""Metered mode under concurrency: premium articles opened at the same moment by one reader
are counted one after the other, so the monthly quota cannot be outrun.

PostgreSQL only: it needs row locks and real concurrent transactions (SQLite has neither
`SELECT … FOR UPDATE` nor concurrent writers). `.ci/run` runs the suite on PostgreSQL.
"""

import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from manchette.articles.models import ArticlePage
from manchette.subscriptions import services
from manchette.subscriptions.models import MeteredRead, PaywallSettings

from .conftest import new_reader

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_article_opened_while_others_are_being_counted_waits_for_their_count() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks and concurrent transactions: PostgreSQL only")
    paywall = PaywallSettings.load()
    paywall.metered, paywall.metered_monthly_quota = True, 2
    paywall.save()
    reader = new_reader()
    month = timezone.localdate().replace(day=1)
    # Metered reads keep the article's id only: unsaved premium pages are enough here.
    first, second, third = (ArticlePage(pk=900_001 + n, title=f"Article {n}", premium=True) for n in range(3))

    locked, release = threading.Event(), threading.Event()
    granted: list[bool] = []

    def two_reads_being_recorded() -> None:
        """Another request of the same reader, in the middle of counting two articles."""
        try:
            with transaction.atomic():
                get_user_model().objects.select_for_update().get(pk=reader.pk)
                locked.set()
                release.wait(10)
                for article in (first, second):
                    MeteredRead.objects.create(user=reader, article_id=article.pk, month=month)
        finally:
            connection.close()

    def third_article_opened() -> None:
        try:
            granted.append(services.may_read_in_full(reader, third))
        finally:
            connection.close()

    holder = threading.Thread(target=two_reads_being_recorded)
    holder.start()
    assert locked.wait(10)
    opener = threading.Thread(target=third_article_opened)
    opener.start()
    time.sleep(0.5)  # lets the third request reach its count while the two reads are uncommitted
    release.set()
    holder.join(10)
    opener.join(10)

    assert granted == [False], "the third article was counted against a stale count"
    assert MeteredRead.objects.filter(user=reader, month=month).count() == 2
