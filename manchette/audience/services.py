"""Counting the funnel's steps, reading the counts back, and forgetting them in time.

Views reach the tables through a tally folded every few seconds (tally.py, folding.py); a
funnel step (a checkout, a signup: a few a minute) adds one to its row at once with an
UPDATE … SET count = count + 1, inserting the row when the day's first finds none. No event
is kept, only these sums.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Page, Site

from . import folding, windows
from .models import DailyActions, DailyLinkClicks, DailyTotals, DailyViews, HourlyViews
from .tally import Counts

ARTICLE = folding.ARTICLE
TAG = folding.TAG
HOURS_KEPT = 48
MOST_READ_KEY = "audience:most-read:{hours}:{count}"


@dataclass(frozen=True)
class PageRef:
    kind: str
    object_id: int


def page_exists(page: PageRef) -> bool:
    """Only live pages and existing tags are counted: made-up ids make no rows."""
    if page.kind == TAG:
        return Tag.objects.filter(pk=page.object_id).exists()
    return Page.objects.filter(
        pk=page.object_id, live=True, content_type__model=page.kind
    ).exists()


def _add_one(model: type[DailyActions] | type[DailyLinkClicks], keys: dict[str, object], field: str) -> None:
    if model.objects.filter(**keys).update(**{field: F(field) + 1}):
        return
    try:
        with transaction.atomic():
            model.objects.create(**keys, **{field: 1})
    except IntegrityError:  # another view created the row between our update and insert
        model.objects.filter(**keys).update(**{field: F(field) + 1})


def record_view(page: PageRef, source: str, domain: str, at: datetime | None = None) -> None:
    """One view folded at once (the newsroom's tools and tests): beacons go through a tally."""
    counts = Counts()
    hour = timezone.localtime(at or timezone.now()).replace(minute=0, second=0, microsecond=0)
    counts.views[(page.kind, page.object_id, source, domain, hour)] += 1
    folding.write(counts)


def article_exists(article_id: int) -> bool:
    return page_exists(PageRef(ARTICLE, article_id))


def count_action(article_id: int, action: str, at: datetime | None = None) -> None:
    """One more `action` (models.Action) started from this article today: only the article's
    id comes with it, never the reader, so no table links a subscriber to their reading."""
    day = timezone.localdate(at or timezone.now())
    _add_one(DailyActions, {"object_id": article_id, "day": day, "action": action}, field="count")


def count_link_click(edition_id: int, article_id: int, at: datetime | None = None) -> None:
    """One more click today on the link of an edition to one of its articles: who clicked is not known."""
    day = timezone.localdate(at or timezone.now())
    _add_one(DailyLinkClicks, {"edition_id": edition_id, "article_id": article_id, "day": day}, field="count")


def article_at(site: Site | None, path: str) -> int | None:
    """The id of the live article at `path` of `site` (a page's own address), if there is one."""
    if site is None or not path.startswith("/"):
        return None
    url_path = site.root_page.url_path + path.split("?", 1)[0].lstrip("/")
    if not url_path.endswith("/"):
        url_path += "/"
    found = Page.objects.filter(url_path=url_path, live=True, content_type__model=ARTICLE)
    return found.values_list("pk", flat=True).first()


# --------------------------------------------------------------------------- retention


def retention_months() -> int:
    return settings.AUDIENCE_RETENTION_MONTHS


def oldest_day_kept(today: date) -> date:
    """The first day of the month `AUDIENCE_RETENTION_MONTHS` months before this one."""
    months = today.year * 12 + today.month - 1 - retention_months()
    return date(months // 12, months % 12 + 1, 1)


def forget_old_counts(now: datetime | None = None) -> dict[str, int]:
    """Deletes the hours older than 48 h and the days (views, actions, edition link clicks) older than
    the retention period."""
    now = now or timezone.now()
    hours, _ = HourlyViews.objects.filter(hour__lt=now - timedelta(hours=HOURS_KEPT)).delete()
    oldest = oldest_day_kept(timezone.localdate(now))
    days, _ = DailyViews.objects.filter(day__lt=oldest).delete()
    totals, _ = DailyTotals.objects.filter(day__lt=oldest).delete()
    actions, _ = DailyActions.objects.filter(day__lt=oldest).delete()
    clicks, _ = DailyLinkClicks.objects.filter(day__lt=oldest).delete()
    return {"hourly counts deleted": hours, "daily counts deleted": days, "daily totals deleted": totals,
            "action counts deleted": actions, "link click counts deleted": clicks}


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class MostRead:
    page_id: int
    title: str
    url: str
    premium: bool
    views: int


def _articles_by_views(totals: Sequence[Mapping[str, Any]], count: int) -> list[MostRead]:
    from manchette.articles.models import ArticlePage

    ids = [row["object_id"] for row in totals]
    if not ids:
        return []
    live = ArticlePage.objects.live().public().filter(pk__in=ids).only("title", "url_path", "premium")
    pages = {page.pk: page for page in live}
    found = []
    for row in totals:
        page = pages.get(row["object_id"])
        if page is not None:
            found.append(MostRead(page.pk, page.title, page.url, page.premium, row["total"]))
    return found[:count]


def top_articles_since(since: datetime, count: int) -> list[MostRead]:
    """The most viewed live public articles since `since` (at most 48 h back: the hours)."""
    totals = (
        HourlyViews.objects.filter(kind=ARTICLE, hour__gte=since)
        .values("object_id")
        .annotate(total=Sum("views"))
        .order_by("-total", "object_id")[: count * 2]  # room for unpublished ones
    )
    return _articles_by_views(list(totals), count)


def most_read(count: int | None = None) -> list[MostRead]:
    """"Le plus lu": the same list for every reader, from the shared cache, refreshed every
    AUDIENCE_MOST_READ_SECONDS; only titles, addresses and the premium mark, never any text."""
    count = count or settings.AUDIENCE_MOST_READ_COUNT
    hours = settings.AUDIENCE_MOST_READ_HOURS
    key = MOST_READ_KEY.format(hours=hours, count=count)
    found = cache.get(key)
    if found is None:
        since = timezone.now() - timedelta(hours=hours)
        found = top_articles_since(since, count)
        cache.set(key, found, settings.AUDIENCE_MOST_READ_SECONDS)
    return found


@dataclass(frozen=True)
class DayTotal:
    day: date
    views: int


def views_per_day(first: date, last: date) -> list[DayTotal]:
    """Every day from `first` to `last`, the quiet ones at 0."""
    totals = dict(
        DailyTotals.objects.filter(day__gte=first, day__lte=last)
        .values_list("day")
        .annotate(total=Sum("views"))
        .values_list("day", "total")
    )
    return [
        DayTotal(first + timedelta(days=n), totals.get(first + timedelta(days=n), 0))
        for n in range((last - first).days + 1)
    ]


def views_by_source(first: date, last: date) -> list[tuple[str, int]]:
    rows = (
        DailyTotals.objects.filter(day__gte=first, day__lte=last)
        .values("source")
        .annotate(total=Sum("views"))
        .order_by("-total", "source")
    )
    return [(row["source"], row["total"]) for row in rows]


def views_by_domain(first: date, last: date, count: int) -> list[tuple[str, int]]:
    rows = (
        DailyTotals.objects.filter(day__gte=first, day__lte=last)
        .exclude(domain="")
        .values("domain")
        .annotate(total=Sum("views"))
        .order_by("-total", "domain")[:count]
    )
    return [(row["domain"], row["total"]) for row in rows]


@dataclass(frozen=True)
class Funnel:
    """One article's way to subscriptions over a period: sums, never a reader."""

    page_id: int
    title: str
    url: str
    views: int
    paywall: int
    offers: int
    checkouts: int
    signups: int


@dataclass(frozen=True)
class Rankings:
    """The Audience screen's lists: the most read articles of each period, and the articles that
    led the most readers towards subscribing."""

    most_read: dict[str, list[MostRead]]
    funnels: list[Funnel]


FUNNEL_ORDER = ("checkouts", "offers", "paywall", "signups")


def rankings(periods: Mapping[str, tuple[date, date]], funnel_period: tuple[date, date], count: int,
             section: Page | None = None) -> Rankings:
    """The `count` most viewed live public articles of each named period (first day, last day),
    in `section` if one is given (its articles chosen by the database in the same statement: no
    list of ids travels); and the articles that led the most readers towards subscribing
    (checkouts, then offers opened, then paywalls shown), each with its views, over
    `funnel_period`, every section together. One statement reads them all (windows.ranked)."""
    from manchette.articles.models import ArticlePage

    among = ArticlePage.objects.child_of(section).values("pk") if section is not None else None
    lists = windows.ranked([
        *(windows.Ranking(first, last, count * 2, ("views",), among)  # room for unpublished ones
          for first, last in periods.values()),
        windows.Ranking(*funnel_period, count, FUNNEL_ORDER),
    ])
    most_read = {
        name: _articles_by_views([{"object_id": row.object_id, "total": row.views} for row in totals], count)
        for name, totals in zip(periods, lists[:-1], strict=True)
    }
    ranked = lists[-1]
    ids = [row.object_id for row in ranked]
    pages = {page.pk: page for page in ArticlePage.objects.filter(pk__in=ids).only("title", "url_path")}
    funnels = [
        Funnel(
            page_id=row.object_id, title=pages[row.object_id].title, url=pages[row.object_id].url or "",
            views=row.views, paywall=row.paywall, offers=row.offers, checkouts=row.checkouts,
            signups=row.signups,
        )
        for row in ranked
        if row.object_id in pages
    ]
    return Rankings(most_read, funnels)
