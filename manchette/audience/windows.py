"""Each article's views and funnel steps over a week or a month, in one small query whatever the archive.

Summing every article's every day of a month on each read of the Audience screen reads
hundreds of thousands of rows on a newsroom's archive (bench/audience_ingest.py). Closed days
no longer change, so the scheduler's pass (reconciler.py) sums them once a day into
SettledTotals: one row per article for the week and the month that end today, less today. A
read adds today's rows, and after a missed day also the days since the settlement, less those
that have left its window since: the sums are exact whatever day was settled last. A
settlement older than a window (a scheduler stopped for longer) leaves the read to sum the
days themselves, as it did before there were settlements.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import connection, transaction
from django.db.models import Case, F, IntegerField, QuerySet, Value, When
from django.utils import timezone

from .models import Action, DailyActions, DailyViews, SettledTotals, Settlement

ARTICLE = "articlepage"
WINDOWS = (7, 30)
# Views tallied just before midnight are folded in the first seconds after it (a web worker's
# buffer, the collector's): a day is settled once this long has passed since its end.
CLOSING = timedelta(minutes=5)
# The funnel's steps as SettledTotals' columns, in the order every part of a read lists them.
STEPS = {"paywall": Action.PAYWALL, "offers": Action.OFFERS, "checkouts": Action.CHECKOUT,
         "signups": Action.NEWSLETTER}
SUMS = ("views", *STEPS)


@dataclass(frozen=True)
class ArticleSums:
    object_id: int
    views: int
    paywall: int
    offers: int
    checkouts: int
    signups: int


def last_closed_day(now: datetime) -> date:
    local = timezone.localtime(now)
    yesterday = local.date() - timedelta(days=1)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return yesterday if local - midnight >= CLOSING else yesterday - timedelta(days=1)


def settled_from(through: date, days: int) -> date:
    """The first day a window of `days` settled through `through` sums: the window that ends
    the day after, less that day, which a read adds from its own rows."""
    return through - timedelta(days=days - 2)


def _day_rows(first: date, last: date, sign: int) -> list[QuerySet]:
    """Each article's rows of views and steps from `first` to `last`, as the columns of SUMS
    (prefixed "n_": the models' own fields have those names), added (1) or taken off (-1)."""
    if first > last:
        return []
    zero = Value(0, output_field=IntegerField())
    views = DailyViews.objects.filter(kind=ARTICLE, day__gte=first, day__lte=last).values(
        "object_id", n_views=F("views") * sign, **{f"n_{step}": zero for step in STEPS}
    )
    steps = DailyActions.objects.filter(day__gte=first, day__lte=last, action__in=STEPS.values()).values(
        "object_id", n_views=zero,
        **{f"n_{step}": Case(When(action=action, then=F("count") * sign), default=zero,
                             output_field=IntegerField())
           for step, action in STEPS.items()},
    )
    return [views, steps]


def _rows(first: date, last: date) -> list[QuerySet]:
    """The rows whose sums per article are its sums from `first` to `last`."""
    days = (last - first).days + 1
    settlement = Settlement.objects.values_list("through", flat=True).first()
    if days not in WINDOWS or settlement is None or not first <= settlement < last:
        return _day_rows(first, last, 1)
    settled = SettledTotals.objects.filter(days=days).values(
        "object_id", **{f"n_{name}": F(name) for name in SUMS}
    )
    # What was settled, [settlement - days + 2, settlement], less the days before `first` (none
    # when the settlement is yesterday's), plus the days after the settlement (today).
    return [settled,
            *_day_rows(settled_from(settlement, days), first - timedelta(days=1), -1),
            *_day_rows(settlement + timedelta(days=1), last, 1)]


def ranked(first: date, last: date, count: int, order: tuple[str, ...],
           among: QuerySet | None = None) -> list[ArticleSums]:
    """The `count` articles first by `order` (names of SUMS, the largest first) from `first` to
    `last`, among the ids `among` selects if given; an article whose sums in `order` are all 0
    is left out."""
    if not set(order) <= set(SUMS):
        raise ValueError(f"{order}: not among {SUMS}")
    parts = _rows(first, last)
    union = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    sql, params = union.query.sql_with_params()
    where, where_params = "", ()
    if among is not None:
        among_sql, where_params = among.query.sql_with_params()
        where = f"WHERE counted.object_id IN ({among_sql})"
    totals = ", ".join(f"SUM(counted.n_{name}) AS {name}" for name in SUMS)
    ordering = ", ".join(f"{name} DESC" for name in order)
    # Names from SUMS, Django's own SQL for the rows; every value is a parameter.
    statement = (
        f"SELECT counted.object_id, {totals} FROM ({sql}) counted {where} GROUP BY counted.object_id "  # noqa: S608
        f"HAVING {' + '.join(f'SUM(counted.n_{name})' for name in order)} > 0 "
        f"ORDER BY {ordering}, counted.object_id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, (*params, *where_params, count))
        # PostgreSQL's SUM of bigints is a numeric.
        return [ArticleSums(*map(int, row)) for row in cursor.fetchall()]


def settle(now: datetime | None = None) -> int:
    """Sums the windows up to the last closed day, unless they already are: the number of
    articles summed (0 when nothing was to do). Run by the scheduler's every pass."""
    now = now or timezone.now()
    through = last_closed_day(now)
    if Settlement.objects.filter(through=through).exists():
        return 0
    summed = 0
    with transaction.atomic():
        Settlement.objects.all().delete()
        SettledTotals.objects.all().delete()
        for days in WINDOWS:
            parts = _day_rows(settled_from(through, days), through, 1)
            sql, params = parts[0].union(*parts[1:], all=True).query.sql_with_params()
            columns = ", ".join(SUMS)
            totals = ", ".join(f"SUM(counted.n_{name})" for name in SUMS)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {SettledTotals._meta.db_table} (days, object_id, {columns}) "  # noqa: S608
                    f"SELECT %s, counted.object_id, {totals} FROM ({sql}) counted GROUP BY counted.object_id",
                    (days, *params),
                )
                summed += cursor.rowcount
        Settlement.objects.create(through=through, settled_at=now)
    return summed
