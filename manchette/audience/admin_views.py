"""The newsroom's "Audience" screen: what was read, when, and where readers came from.

For editors (the "Éditeurs" group) and whoever holds the audience.view_audience permission.
Every figure is a sum over pages or days: the screen cannot show a reader, there is none.
"""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from manchette.articles.models import ArticlePage, SectionPage
from manchette.newsroom.services import EDITORS

from . import reports, services
from .models import Action

DAYS_CHARTED = 30
TOP_COUNT = 10
CHART_HEIGHT = 120
BAR_WIDTH = 14
# An article's way to subscribing, in order (a checkout after a gift is counted besides a checkout).
FUNNEL_STEPS = (Action.PAYWALL, Action.OFFERS, Action.CHECKOUT, Action.GIFT_CHECKOUT, Action.NEWSLETTER)


def may_see_audience(user: Any) -> bool:
    return user.is_active and (
        user.has_perm("audience.view_audience") or user.groups.filter(name=EDITORS).exists()
    )


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    height: int


@dataclass(frozen=True)
class Chart:
    """Bars drawn on the server (no script): the figures are in the table beside it."""

    width: int
    height: int
    bar_width: int
    bars: list[Bar]


def _chart(values: list[int]) -> Chart:
    busiest = max(values, default=0) or 1
    bars = []
    for position, views in enumerate(values):
        height = round(CHART_HEIGHT * views / busiest)
        bars.append(Bar(position * (BAR_WIDTH + 2), CHART_HEIGHT - height, height))
    return Chart(len(values) * (BAR_WIDTH + 2), CHART_HEIGHT, BAR_WIDTH, bars)


def _check_permission(request: HttpRequest) -> None:
    if not may_see_audience(request.user):
        raise PermissionDenied


def _chosen_section(request: HttpRequest) -> tuple[SectionPage | None, list[SectionPage], str]:
    """The section asked for in ?rubrique=, the sections to choose from, and what was wrong."""
    sections = list(SectionPage.objects.live().order_by("title").only("title", "path", "depth"))
    asked = request.GET.get("rubrique", "")
    if not asked:
        return None, sections, ""
    found = next((section for section in sections if str(section.pk) == asked), None)
    if found is None:
        return None, sections, _("Cette rubrique n'existe pas : tous les articles sont comptés.")
    return found, sections, ""


def _most_read_table(articles: list[services.MostRead]) -> reports.Table:
    return reports.Table(
        [_("Rang"), _("Article"), _("Adresse"), _("Réservé aux abonnés"), _("Vues")],
        [[rank, row.title, row.url, _("oui") if row.premium else _("non"), row.views]
         for rank, row in enumerate(articles, start=1)],
    )


def _views_table(first_column: str, rows: list[tuple[str, int]]) -> reports.Table:
    return reports.Table([first_column, _("Vues")], rows)


def _answer(
    request: HttpRequest,
    tables: dict[str, reports.Table],
    prefix: str,
    template: str,
    context: dict[str, Any],
) -> HttpResponse:
    """The screen, or one of its tables as CSV when asked with ?format=csv&table=<name>."""
    if request.GET.get("format") != "csv":
        query = request.GET.copy()
        query["format"] = "csv"
        csv_links = {}
        for name in tables:
            query["table"] = name
            csv_links[name] = f"?{query.urlencode()}"
        return render(request, template, {**context, "csv": csv_links})
    name = request.GET.get("table", "")
    if name not in tables:
        raise Http404(_("Ce tableau n'existe pas."))
    filename = f"{prefix}-{name}-{timezone.localdate().isoformat()}.csv"
    return reports.csv_download(tables[name], filename)


@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    _check_permission(request)
    today = timezone.localdate()
    week_start = today - timedelta(days=6)
    month_start = today - timedelta(days=DAYS_CHARTED - 1)
    section, sections, section_error = _chosen_section(request)
    days = services.views_per_day(month_start, today)
    by_source = services.views_by_source(week_start, today)
    sources = [(reports.source_label(name), views) for name, views in by_source]
    domains = services.views_by_domain(week_start, today, TOP_COUNT)
    periods = {"today": (today, today), "week": (week_start, today), "month": (month_start, today)}
    rankings = services.rankings(periods, (month_start, today), TOP_COUNT, section)
    most_read, funnels = rankings.most_read, rankings.funnels
    tables = {
        **{name: _most_read_table(articles) for name, articles in most_read.items()},
        "jours": _views_table(_("Jour"), [(day.day.isoformat(), day.views) for day in days]),
        "provenances": _views_table(_("Provenance"), sources),
        "sites": _views_table(_("Site"), domains),
        "parcours": reports.Table(
            [_("Article"), _("Vues"), _("Paywall"), _("Offres"), _("Abonnements commencés"),
             _("Inscriptions newsletter")],
            [[row.title, row.views, row.paywall, row.offers, row.checkouts, row.signups] for row in funnels],
        ),
    }
    context = {
        "page_title": _("Audience"),
        "header_title": _("Audience"),
        "header_icon": "view",
        **most_read,
        "section": section,
        "sections": sections,
        "section_error": section_error,
        "days": days,
        "chart": _chart([day.views for day in days]),
        "sources": sources,
        "domains": domains,
        "funnels": funnels,
        "retention_months": services.retention_months(),
    }
    return _answer(request, tables, "audience", "audience/admin/dashboard.html", context)


@require_safe
def article(request: HttpRequest, page_id: int) -> HttpResponse:
    """One article: its views per day and per hour, where its readers came from, its funnel."""
    _check_permission(request)
    page = get_object_or_404(ArticlePage.objects.only("title", "url_path", "live"), pk=page_id)
    today = timezone.localdate()
    first = today - timedelta(days=DAYS_CHARTED - 1)
    audience = reports.article_audience(page.pk, first, today, timezone.now())
    sources = [(reports.source_label(name), views) for name, views in audience.sources]
    action_labels = dict(Action.choices)
    funnel = [(_("Vues"), audience.views)] + [
        (str(action_labels[action]), audience.actions[action]) for action in FUNNEL_STEPS
    ]
    tables = {
        "jours": _views_table(_("Jour"), [(day.day.isoformat(), day.views) for day in audience.days]),
        "heures": _views_table(
            _("Heure"), [(hour.hour.isoformat(timespec="minutes"), hour.views) for hour in audience.hours]
        ),
        "provenances": _views_table(_("Provenance"), sources),
        "sites": _views_table(_("Site"), audience.domains),
        "parcours": reports.Table([_("Étape"), _("Nombre")], funnel),
    }
    title = _("Audience : %(title)s") % {"title": page.title}
    context = {
        "page_title": title,
        "header_title": title,
        "header_icon": "view",
        "article": page,
        "audience": audience,
        "days_chart": _chart([day.views for day in audience.days]),
        "hours_chart": _chart([hour.views for hour in audience.hours]),
        "sources": sources,
        "funnel": funnel,
    }
    return _answer(request, tables, f"audience-article-{page.pk}", "audience/admin/article.html", context)
