"""Folding a tally into DailyViews, HourlyViews, DailyTotals and DailyActions: one transaction a fold.

Each fold adds its sums with one INSERT … ON CONFLICT DO UPDATE SET views = views + excluded
per table (SQLite and PostgreSQL alike): rows are never read first, and two folds at once
(two web workers) add up instead of overwriting. Either the whole fold commits or none of it
does: a fold that fails (the database away, a crash half-way) leaves no partial sums, and its
counts go back to the tally to be folded again, so nothing is counted twice. Page ids are
checked here, one query for all of a fold's pages: a made-up id is dropped, and said so.
"""

import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.db import close_old_connections, connection, models, transaction
from taggit.models import Tag
from wagtail.models import Page

from .models import DailyActions, DailyTotals, DailyViews, HourlyViews
from .tally import Counts, Tally

logger = logging.getLogger(__name__)

TAG = "tag"
ARTICLE = "articlepage"
ROWS_A_STATEMENT = 500


@dataclass(frozen=True)
class Folded:
    views: int
    actions: int
    unknown_pages: int


def _existing(pages: set[tuple[str, int]]) -> set[tuple[str, int]]:
    """The (kind, id) among these that are live pages of that type, or tags."""
    found: set[tuple[str, int]] = set()
    page_ids = {object_id for kind, object_id in pages if kind != TAG}
    if page_ids:
        live = Page.objects.filter(pk__in=page_ids, live=True).values_list("content_type__model", "pk")
        found.update((kind, object_id) for kind, object_id in live)
    tag_ids = {object_id for kind, object_id in pages if kind == TAG}
    if tag_ids:
        tags = Tag.objects.filter(pk__in=tag_ids).values_list("pk", flat=True)
        found.update((TAG, object_id) for object_id in tags)
    return found


def _add(model: type[models.Model], columns: Sequence[str], unique: Sequence[str], total: str,
         rows: Iterable[tuple[object, ...]]) -> None:
    """Adds each row's last value (`total`) to the row of `model` with the same `unique` columns."""
    fields = [field for field in map(model._meta.get_field, columns) if isinstance(field, models.Field)]
    if len(fields) != len(columns):
        raise ValueError(f"{columns}: not all columns of {model.__name__}")
    prepared = [[field.get_db_prep_value(value, connection) for field, value in zip(fields, row, strict=True)]
                for row in rows]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(column) for column in columns)
    conflict = ", ".join(quote(column) for column in unique)
    with connection.cursor() as cursor:
        for start in range(0, len(prepared), ROWS_A_STATEMENT):
            chunk = prepared[start:start + ROWS_A_STATEMENT]
            placeholders = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(chunk))
            cursor.execute(
                f"INSERT INTO {table} ({names}) VALUES {placeholders} "  # noqa: S608 (our names)
                f"ON CONFLICT ({conflict}) DO UPDATE SET {quote(total)} = "
                f"{table}.{quote(total)} + excluded.{quote(total)}",
                [value for row in chunk for value in row],
            )


def write(counts: Counts) -> Folded:
    """Adds `counts` to the tables in one transaction; the views of unknown pages are dropped."""
    pages = {(kind, object_id) for kind, object_id, *_ in counts.views}
    pages |= {(ARTICLE, article_id) for article_id, _, _ in counts.actions}
    with transaction.atomic():
        known = _existing(pages)
        hours = {key: views for key, views in counts.views.items() if (key[0], key[1]) in known}
        days: Counter[tuple[str, int, str, str, date]] = Counter()
        for (kind, object_id, source, domain, hour), views in hours.items():
            days[(kind, object_id, source, domain, hour.date())] += views
        actions = {key: count for key, count in counts.actions.items() if (ARTICLE, key[0]) in known}
        totals: Counter[tuple[date, str, str]] = Counter()
        for (_kind, _object_id, source, domain, day), views in days.items():
            totals[(day, source, domain)] += views
        page = ["kind", "object_id", "source", "domain"]
        _add(DailyViews, [*page, "day", "views"], [*page, "day"], "views",
             ((*key, views) for key, views in days.items()))
        _add(HourlyViews, [*page, "hour", "views"], [*page, "hour"], "views",
             ((*key, views) for key, views in hours.items()))
        _add(DailyTotals, ["day", "source", "domain", "views"], ["day", "source", "domain"], "views",
             ((*key, views) for key, views in totals.items()))
        _add(DailyActions, ["object_id", "day", "action", "count"], ["object_id", "day", "action"], "count",
             ((*key, count) for key, count in actions.items()))
    folded = sum(hours.values())
    return Folded(folded, sum(actions.values()), counts.total_views() - folded)


def refresh_connection() -> None:
    """Before a fold in a long-running folder (a web worker's thread, the collector): drops the
    connection if it is past its age or broken, as Django does around each request. Never one
    inside a transaction, which belongs to whoever opened it: Django closes such a connection
    outright (its autocommit differs from the settings'), and with it the caller's transaction."""
    if not connection.in_atomic_block:
        close_old_connections()


def fold(tally: Tally) -> Folded | None:
    """Folds what `tally` holds; on failure its counts go back to it and the error is logged."""
    counts = tally.take()
    if not counts:
        return Folded(0, 0, 0)
    try:
        return write(counts)
    except Exception:
        tally.give_back(counts)
        logger.exception("audience: fold failed, %d views kept for the next one", counts.total_views())
        return None

