"""The week's and the month's sums per article read from the settled days plus the days since:
always the sums of the days themselves, whichever day was settled last, or none."""

import random
from collections import Counter
from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from manchette.audience import windows
from manchette.audience.models import Action, DailyActions, DailyViews, SettledTotals, Settlement, Source
from manchette.audience.reconciler import reconcile

pytestmark = pytest.mark.django_db

ARTICLES = range(1, 13)
DAYS_BACK = 40
SOURCES = [(Source.DIRECT, ""), (Source.SEARCH, ""), (Source.OTHER, "a.example.org"),
           (Source.OTHER, "b.example.org")]
STEP_COLUMNS = {Action.PAYWALL: "paywall", Action.OFFERS: "offers", Action.CHECKOUT: "checkouts",
                Action.NEWSLETTER: "signups"}


def _archive(today: date) -> dict[date, dict[str, Counter[int]]]:
    """Random views (by source and domain, several rows an article and day) and funnel steps
    over 40 days and today; what was written, summed by day, column and article."""
    rng = random.Random(24)
    written: dict[date, dict[str, Counter[int]]] = {}
    views, actions = [], []
    for back in range(DAYS_BACK + 1):
        day = today - timedelta(days=back)
        sums = written.setdefault(day, {name: Counter() for name in windows.SUMS})
        for article in ARTICLES:
            for source, domain in rng.sample(SOURCES, rng.randint(0, 3)):
                count = rng.randint(1, 40)
                views.append(DailyViews(kind="articlepage", object_id=article, source=source, domain=domain,
                                        day=day, views=count))
                sums["views"][article] += count
            for action in rng.sample(list(Action.values), rng.randint(0, 3)):
                count = rng.randint(1, 5)
                actions.append(DailyActions(object_id=article, day=day, action=action, count=count))
                if action in STEP_COLUMNS:
                    sums[STEP_COLUMNS[action]][article] += count
    # Another kind of page's views are no article's.
    views.append(DailyViews(kind="sectionpage", object_id=1, source=Source.DIRECT, day=today, views=999))
    DailyViews.objects.bulk_create(views)
    DailyActions.objects.bulk_create(actions)
    return written


def _expected(written: dict[date, dict[str, Counter[int]]], first: date, last: date, order: tuple[str, ...],
              count: int) -> list[windows.ArticleSums]:
    totals = {name: Counter() for name in windows.SUMS}
    for day, sums in written.items():
        if first <= day <= last:
            for name in windows.SUMS:
                totals[name].update(sums[name])
    rows = [windows.ArticleSums(article, *(totals[name][article] for name in windows.SUMS))
            for article in ARTICLES if any(totals[name][article] for name in order)]
    rows.sort(key=lambda row: (*(-getattr(row, name) for name in order), row.object_id))
    return rows[:count]


def _morning_after(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time(6)))


@pytest.mark.parametrize("settled_back", [None, 1, 2, 4, 8, 29, 35])
def test_the_sums_are_the_days_sums_whichever_day_was_settled(settled_back: int | None) -> None:
    today = timezone.localdate()
    written = _archive(today)
    if settled_back is not None:
        through = today - timedelta(days=settled_back)
        assert windows.settle(now=_morning_after(through)) > 0
        assert Settlement.objects.get().through == through
    for days in (1, 7, 30):
        first = today - timedelta(days=days - 1)
        for order in (("views",), ("checkouts", "offers", "paywall", "signups")):
            found = windows.ranked(first, today, 8, order)
            assert found == _expected(written, first, today, order, 8), (days, order)


def test_settled_rows_are_read_instead_of_the_days(django_assert_num_queries) -> None:
    """Once yesterday is settled, a month's read touches today's rows and the settled ones: a
    change to an older day (which never happens to a closed day) no longer shows."""
    today = timezone.localdate()
    written = _archive(today)
    windows.settle(now=_morning_after(today - timedelta(days=1)))
    DailyViews.objects.filter(day=today - timedelta(days=10)).delete()
    first = today - timedelta(days=29)
    with django_assert_num_queries(2):  # the settlement's day, the sums
        found = windows.ranked(first, today, 12, ("views",))
    assert found == _expected(written, first, today, ("views",), 12)
    # The settled month ends where today's rows begin: nothing is taken off.
    assert len(windows._rows(first, today)) == 3  # the settled rows, today's views and steps


def test_a_day_is_settled_once_closed_and_once() -> None:
    today = timezone.localdate()
    _archive(today)
    just_after_midnight = timezone.make_aware(datetime.combine(today, time(0, 3)))
    windows.settle(now=just_after_midnight)
    # Views of yesterday's last seconds may still be folded: the day before is the last closed.
    assert Settlement.objects.get().through == today - timedelta(days=2)
    later = just_after_midnight + windows.CLOSING
    assert windows.settle(now=later) == 2 * len(ARTICLES)  # the week's and the month's rows
    assert Settlement.objects.get().through == today - timedelta(days=1)
    assert windows.settle(now=later + timedelta(hours=5)) == 0
    assert SettledTotals.objects.count() == 2 * len(ARTICLES) and Settlement.objects.count() == 1


def test_the_schedulers_pass_settles_yesterday(settings) -> None:
    # The reconciler the scheduler runs every pass, called as it calls it (its pass itself
    # refreshes connections, which a test's transaction cannot have; a transactional test would
    # flush the database under the modules after it).
    assert "manchette.audience.reconciler.reconcile" in settings.SCHEDULER_RECONCILERS
    today = timezone.localdate()
    written = _archive(today)
    reconcile()
    assert Settlement.objects.get().through == today - timedelta(days=1)
    month = SettledTotals.objects.get(days=30, object_id=3)
    expected = _expected(written, today - timedelta(days=28), today - timedelta(days=1), ("views",), 12)
    assert month.views == next(row.views for row in expected if row.object_id == 3)


def test_only_known_sums_can_order() -> None:
    today = timezone.localdate()
    with pytest.raises(ValueError):
        windows.ranked(today, today, 5, ("views; DROP TABLE audience_dailyviews",))
