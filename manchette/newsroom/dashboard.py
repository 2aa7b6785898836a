"""The newsroom's dashboard panels: my drafts, what waits for review, what went live today."""

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import User
from django.db.models import IntegerField, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import GroupApprovalTask, Page, WorkflowState
from wagtail.query import PageQuerySet

from manchette.articles.models import ArticlePage

# A dashboard lists at most this many pages per panel: it is a start page, not a report.
PANEL_LIMIT = 10


def _pages_in_review() -> QuerySet[WorkflowState]:
    # WorkflowState keeps object ids as text (it serves every model): PostgreSQL refuses
    # to compare that with a page's integer id, so the id is cast before the join.
    return (
        WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS)
        .annotate(page_id=Cast("object_id", IntegerField()))
        .values("page_id")
    )


def drafts_of(user: User) -> PageQuerySet:
    """Pages the user wrote that are not live yet and are not waiting for review."""
    return (
        Page.objects.type(ArticlePage)
        .filter(owner=user, live=False)
        .exclude(pk__in=_pages_in_review())
        .order_by("-latest_revision_created_at")
    )


def awaiting_review() -> PageQuerySet:
    """Pages submitted to the review workflow and not yet approved or rejected."""
    return (
        Page.objects.type(ArticlePage)
        .filter(pk__in=_pages_in_review())
        .order_by("-latest_revision_created_at")
    )


def published_today() -> PageQuerySet:
    """Pages that went live since midnight, newsroom time (TIME_ZONE)."""
    midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return (
        Page.objects.type(ArticlePage)
        .live()
        .filter(last_published_at__gte=midnight)
        .order_by("-last_published_at")
    )


class NewsroomPanel(Component):
    template_name = "newsroom/dashboard_panel.html"

    def __init__(
        self, name: str, heading: str | Promise, empty: str | Promise, order: int, pages: PageQuerySet
    ) -> None:
        self.name = name
        self.heading = heading
        self.empty = empty
        self.order = order
        self.pages = pages

    def get_context_data(self, parent_context: Mapping[str, Any] | None = None) -> Mapping[str, Any]:
        return {
            "panel_id": self.name,
            "heading": self.heading,
            "empty": self.empty,
            "pages": list(self.pages.specific()[:PANEL_LIMIT]),
        }


def reviews_pages(user: User) -> bool:
    """Whether Wagtail's own "À relire" panel, with its approve buttons, is on the user's dashboard."""
    return user.is_superuser or GroupApprovalTask.objects.filter(
        active=True, groups__in=user.groups.all()
    ).exists()


def newsroom_panels(user: User) -> list[NewsroomPanel]:
    panels = [
        NewsroomPanel(
            "newsroom-drafts", _("Mes brouillons"), _("Vous n'avez aucun brouillon en cours."), 100,
            drafts_of(user),
        ),
        NewsroomPanel(
            "newsroom-today", _("Publié aujourd'hui"), _("Rien n'a encore été publié aujourd'hui."), 230,
            published_today(),
        ),
    ]
    if not reviews_pages(user):
        panels.append(
            NewsroomPanel(
                "newsroom-review", _("En attente de relecture"), _("Aucun article n'attend de relecture."),
                105, awaiting_review(),
            )
        )
    return panels
