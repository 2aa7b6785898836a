"""Reading one article's audience, and writing any of the newsroom's tables as CSV.

An article's screen is read in a fixed number of queries whatever the traffic: one for its
days, one for its hours, one for its sources and domains, one for its funnel.
"""

import csv
import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Sum
from django.http import HttpResponse
from django.utils import timezone

from .models import Action, DailyActions, DailyViews, HourlyViews, Source
from .services import ARTICLE, HOURS_KEPT, DayTotal

# The Excel on a newsroom's desk reads UTF-8 only when the file says so with this mark.
BYTE_ORDER_MARK = "\ufeff"

# A text cell starting with one of these is a formula to a spreadsheet (a title, a referring
# domain): written after an apostrophe, it stays text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class HourTotal:
    hour: datetime
    views: int


@dataclass(frozen=True)
class ArticleAudience:
    """One article over `first`…`last` (its hours: the last 48): sums only, never a reader."""

    days: list[DayTotal]
    hours: list[HourTotal]
    sources: list[tuple[str, int]]  # (Source value, views), the busiest first
    domains: list[tuple[str, int]]  # other sites, the busiest first
    actions: dict[str, int]  # Action value -> count

    @property
    def views(self) -> int:
        return sum(day.views for day in self.days)


def article_audience(article_id: int, first: date, last: date, now: datetime) -> ArticleAudience:
    views = DailyViews.objects.filter(kind=ARTICLE, object_id=article_id, day__gte=first, day__lte=last)
    per_day = dict(views.values_list("day").annotate(total=Sum("views")).values_list("day", "total"))
    days = [
        DayTotal(first + timedelta(days=n), per_day.get(first + timedelta(days=n), 0))
        for n in range((last - first).days + 1)
    ]

    current = timezone.localtime(now).replace(minute=0, second=0, microsecond=0)
    first_hour = current - timedelta(hours=HOURS_KEPT - 1)
    per_hour = dict(
        HourlyViews.objects.filter(kind=ARTICLE, object_id=article_id, hour__gte=first_hour)
        .values_list("hour")
        .annotate(total=Sum("views"))
        .values_list("hour", "total")
    )
    hours = []
    for n in range(HOURS_KEPT):
        # Added in UTC then shown in local time: a change of summer time keeps 48 distinct hours.
        hour = timezone.localtime(first_hour + timedelta(hours=n))
        hours.append(HourTotal(hour, per_hour.get(hour, 0)))

    by_source: Counter[str] = Counter()
    by_domain: Counter[str] = Counter()
    split = views.values_list("source", "domain").annotate(total=Sum("views"))
    for source, domain, total in split.values_list("source", "domain", "total"):
        by_source[source] += total
        if domain:
            by_domain[domain] += total

    actions = dict(
        DailyActions.objects.filter(object_id=article_id, day__gte=first, day__lte=last)
        .values_list("action")
        .annotate(total=Sum("count"))
        .values_list("action", "total")
    )
    return ArticleAudience(
        days=days,
        hours=hours,
        sources=sorted(by_source.items(), key=lambda item: (-item[1], item[0])),
        domains=sorted(by_domain.items(), key=lambda item: (-item[1], item[0])),
        actions={action: actions.get(action, 0) for action in Action.values},
    )


def source_label(source: str) -> str:
    return str(dict(Source.choices).get(source, source))


@dataclass(frozen=True)
class Table:
    """A table of the screen as a CSV file has it: a header row, then rows of plain values."""

    header: Sequence[str]
    rows: Sequence[Sequence[object]]


def _as_text(cell: object) -> object:
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def csv_download(table: Table, filename: str) -> HttpResponse:
    """The table as CSV in UTF-8 with its byte order mark, downloaded under `filename`."""
    text = io.StringIO()
    text.write(BYTE_ORDER_MARK)
    writer = csv.writer(text)
    writer.writerow(table.header)
    writer.writerows([_as_text(cell) for cell in row] for row in table.rows)
    response = HttpResponse(text.getvalue().encode(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
