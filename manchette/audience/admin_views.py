"""The newsroom's "Audience" screen: what was read, when, and where readers came from.

For editors (the "Éditeurs" group) and whoever holds the audience.view_audience permission.
Every figure is a sum over pages or days: the screen cannot show a reader, there is none.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from manchette.newsroom.services import EDITORS

from . import services
from .models import Source

DAYS_CHARTED = 30
TOP_COUNT = 10
CHART_HEIGHT = 120
BAR_WIDTH = 14


def may_see_audience(user: Any) -> bool:
    return user.is_active and (
        user.has_perm("audience.view_audience") or user.groups.filter(name=EDITORS).exists()
    )


@dataclass(frozen=True)
class Bar:
    day: date
    views: int
    x: int
    y: int
    height: int


def _bars(days: list[services.DayTotal]) -> list[Bar]:
    """The chart drawn on the server: one bar a day, scaled to the busiest."""
    busiest = max((day.views for day in days), default=0) or 1
    bars = []
    for position, day in enumerate(days):
        height = round(CHART_HEIGHT * day.views / busiest)
        bars.append(Bar(day.day, day.views, position * (BAR_WIDTH + 2), CHART_HEIGHT - height, height))
    return bars


@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    if not may_see_audience(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    week_start = today - timedelta(days=6)
    days = services.views_per_day(today - timedelta(days=DAYS_CHARTED - 1), today)
    labels = dict(Source.choices)
    sources = services.views_by_source(week_start, today)
    context = {
        "page_title": _("Audience"),
        "header_title": _("Audience"),
        "header_icon": "view",
        "today": services.top_articles_between(today, today, TOP_COUNT),
        "week": services.top_articles_between(week_start, today, TOP_COUNT),
        "days": days,
        "bars": _bars(days),
        "chart_width": len(days) * (BAR_WIDTH + 2),
        "chart_height": CHART_HEIGHT,
        "bar_width": BAR_WIDTH,
        "sources": [(labels.get(name, name), views) for name, views in sources],
        "domains": services.views_by_domain(week_start, today, TOP_COUNT),
        "funnels": services.funnels_between(today - timedelta(days=DAYS_CHARTED - 1), today, TOP_COUNT),
        "retention_months": services.retention_months(),
    }
    return render(request, "audience/admin/dashboard.html", context)
