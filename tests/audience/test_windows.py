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
    orders = (("views",), ("checkouts", "offers", "paywall", "signups"))
    rankings = [windows.Ranking(today - timedelta(days=days - 1), today, 8, order)
                for days in (1, 7, 30) for order in orders]
    # Each list read alone, and all of them in one statement, are the days' own sums.
    for ranking in rankings:
        expected = _expected(written, ranking.first, today, ranking.order, 8)
        assert windows.ranked([ranking]) == [expected], ranking
    assert windows.ranked(rankings) == [_expected(written, ranking.first, today, ranking.order, 8)
                                        for ranking in rankings]


@pytest.mark.parametrize("settled_back", [None, 1, 3, 9])
def test_lists_of_any_periods_read_together(settled_back: int | None) -> None:
    """Periods that overlap, end before today or are no window, each with its own section of
    articles: one statement, each list its days' own sums."""
    today = timezone.localdate()
    written = _archive(today)
    if settled_back is not None:
        windows.settle(now=_morning_after(today - timedelta(days=settled_back)))
    even = DailyViews.objects.filter(object_id__in=[2, 4, 6, 8, 10, 12]).values("object_id")
    periods = [(today, today), (today - timedelta(days=6), today), (today - timedelta(days=29), today),
               (today - timedelta(days=12), today - timedelta(days=3)), (today - timedelta(days=40), today)]
    rankings = [windows.Ranking(first, last, count, order, among)
                for first, last in periods for count, order, among in
                ((5, ("views",), even), (12, ("signups", "views"), None))]
    expected = []
    for ranking in rankings:
        rows = _expected(written, ranking.first, ranking.last, ranking.order, 12)
        if ranking.among is not None:
            rows = [row for row in rows if row.object_id % 2 == 0]
        expected.append(rows[:ranking.count])
    assert windows.ranked(rankings) == expected


def test_settled_rows_are_read_instead_of_the_days(django_assert_num_queries) -> None:
    """Once yesterday is settled, a month's read touches today's rows and the settled ones: a
    change to an older day (which never happens to a closed day) no longer shows."""
    today = timezone.localdate()
    written = _archive(today)
    windows.settle(now=_morning_after(today - timedelta(days=1)))
    DailyViews.objects.filter(day=today - timedelta(days=10)).delete()
    first = today - timedelta(days=29)
    week = today - timedelta(days=6)
    with django_assert_num_queries(2):  # the settlement's day, the sums
        found = windows.ranked([windows.Ranking(first, today, 12, ("views",)),
                                windows.Ranking(week, today, 12, ("views",)),
                                windows.Ranking(today, today, 12, ("views",))])
    assert found[0] == _expected(written, first, today, ("views",), 12)
    assert found[1] == _expected(written, week, today, ("views",), 12)
    # The settled month and week end where today's rows begin: nothing is taken off, and today's
    # rows are read once for the three lists.
    settlement = Settlement.objects.get().through
    periods = [windows._window(first, today, settlement), windows._window(week, today, settlement),
               windows._window(today, today, settlement)]
    assert windows._pieces(periods) == [(today, today, (1, 1, 1))]


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
        windows.ranked([windows.Ranking(today, today, 5, ("views; DROP TABLE audience_dailyviews",))])
