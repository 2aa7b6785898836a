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
from itertools import pairwise

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


@dataclass(frozen=True)
class Ranking:
    """A list to read: the `count` articles first by `order` (names of SUMS, the largest first)
    from `first` to `last`, among the ids `among` selects if given. An article whose sums in
    `order` are all 0 is left out."""

    first: date
    last: date
    count: int
    order: tuple[str, ...]
    among: QuerySet | None = None


@dataclass(frozen=True)
class _Window:
    """What one period's sums are made of: the settled rows of `settled` days, if any, plus
    each span of days (first, last) times its sign."""

    settled: int | None
    spans: tuple[tuple[date, date, int], ...]


def _window(first: date, last: date, settlement: date | None) -> _Window:
    days = (last - first).days + 1
    if days not in WINDOWS or settlement is None or not first <= settlement < last:
        return _Window(None, ((first, last, 1),))
    # What was settled, [settlement - days + 2, settlement], less the days before `first` (none
    # when the settlement is yesterday's), plus the days after the settlement (today).
    return _Window(days, ((settled_from(settlement, days), first - timedelta(days=1), -1),
                          (settlement + timedelta(days=1), last, 1)))


def _pieces(windows: list[_Window]) -> list[tuple[date, date, tuple[int, ...]]]:
    """The days the windows' spans cover, cut where any span begins or ends, each piece with
    each window's sign over it (0 where it is not that window's): a day is read once however
    many windows count it."""
    spans = [(first, last, sign, index) for index, window in enumerate(windows)
             for first, last, sign in window.spans if first <= last]
    cuts = sorted({first for first, *_ in spans} | {last + timedelta(days=1) for _, last, *_ in spans})
    pieces = []
    for start, end in pairwise(cuts):
        signs = [0] * len(windows)
        for first, last, sign, index in spans:
            if first <= start and end - timedelta(days=1) <= last:
                signs[index] += sign
        if any(signs):
            pieces.append((start, end - timedelta(days=1), tuple(signs)))
    return pieces


def _column(window: int, name: str) -> str:
    return f"n{window}_{name}"


def _piece_rows(first: date, last: date, signs: tuple[int, ...]) -> list[QuerySet]:
    """The rows of views and steps from `first` to `last`, as every window's columns of SUMS
    (named "n<window>_<sum>": the models' own fields have the plain names), each times its sign."""
    zero = Value(0, output_field=IntegerField())
    views = DailyViews.objects.filter(kind=ARTICLE, day__gte=first, day__lte=last).values(
        "object_id",
        **{_column(index, name): F("views") * sign if sign and name == "views" else zero
           for index, sign in enumerate(signs) for name in SUMS},
    )
    steps = DailyActions.objects.filter(day__gte=first, day__lte=last, action__in=STEPS.values()).values(
        "object_id",
        **{_column(index, name): Case(When(action=STEPS[name], then=F("count") * sign), default=zero,
                                      output_field=IntegerField())
           if sign and name in STEPS else zero
           for index, sign in enumerate(signs) for name in SUMS},
    )
    return [views, steps]


def _settled_rows(days: int, windows: list[_Window]) -> QuerySet:
    zero = Value(0, output_field=IntegerField())
    return SettledTotals.objects.filter(days=days).values(
        "object_id",
        **{_column(index, name): F(name) if window.settled == days else zero
           for index, window in enumerate(windows) for name in SUMS},
    )


def ranked(rankings: list[Ranking]) -> list[list[ArticleSums]]:
    """Each ranking's list, all read in one statement: the rows of a day or of the settled sums
    are read once, whichever lists count them (the Audience screen's four lists all end today)."""
    for ranking in rankings:
        if not set(ranking.order) <= set(SUMS):
            raise ValueError(f"{ranking.order}: not among {SUMS}")
    periods = list(dict.fromkeys((ranking.first, ranking.last) for ranking in rankings))
    settlement = Settlement.objects.values_list("through", flat=True).first()
    windows = [_window(first, last, settlement) for first, last in periods]
    parts = [_settled_rows(days, windows) for days in sorted({w.settled for w in windows if w.settled})]
    for first, last, signs in _pieces(windows):
        parts += _piece_rows(first, last, signs)
    union = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    sql, union_params = union.query.sql_with_params()
    params = list(union_params)
    # Summed as integers (a day's count, or a settled month's, of one article stays far below 2**31):
    # PostgreSQL sums bigints into numerics, whose larger states made a newsroom's month spill to disk.
    totals = ", ".join(f"SUM(CAST(counted.{_column(index, name)} AS INTEGER)) AS {_column(index, name)}"
                       for index in range(len(windows)) for name in SUMS)
    lists = []
    for number, ranking in enumerate(rankings):
        window = periods.index((ranking.first, ranking.last))
        where = " + ".join(_column(window, name) for name in ranking.order) + " > 0"
        if ranking.among is not None:
            among_sql, among_params = ranking.among.query.sql_with_params()
            where += f" AND object_id IN ({among_sql})"
            params += among_params
        columns = ", ".join(_column(window, name) for name in SUMS)
        ordering = ", ".join(f"{_column(window, name)} DESC" for name in ranking.order)
        lists.append(f"SELECT * FROM (SELECT {number} AS list, object_id, {columns} FROM totals "  # noqa: S608
                     f"WHERE {where} ORDER BY {ordering}, object_id LIMIT %s) list{number}")
        params.append(ranking.count)
    # Names from SUMS, Django's own SQL for the rows; every value is a parameter.
    statement = (f"WITH totals AS (SELECT counted.object_id, {totals} FROM ({sql}) counted "  # noqa: S608
                 f"GROUP BY counted.object_id) " + " UNION ALL ".join(lists))
    found: list[list[ArticleSums]] = [[] for _ in rankings]
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        # PostgreSQL's SUM of bigints is a numeric.
        for number, *sums in cursor.fetchall():
            found[number].append(ArticleSums(*map(int, sums)))
    # A union keeps no order: each list is sorted again (ten or twenty rows).
    for rows, ranking in zip(found, rankings, strict=True):
        rows.sort(key=lambda row: (*(-getattr(row, name) for name in ranking.order), row.object_id))
    return found


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
            parts = _piece_rows(settled_from(through, days), through, (1,))
            sql, params = parts[0].union(*parts[1:], all=True).query.sql_with_params()
            columns = ", ".join(SUMS)
            totals = ", ".join(f"SUM(counted.{_column(0, name)})" for name in SUMS)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {SettledTotals._meta.db_table} (days, object_id, {columns}) "  # noqa: S608
                    f"SELECT %s, counted.object_id, {totals} FROM ({sql}) counted GROUP BY counted.object_id",
                    (days, *params),
                )
                summed += cursor.rowcount
        Settlement.objects.create(through=through, settled_at=now)
    return summed
