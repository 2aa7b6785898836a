"""The desk's wire screens in the newsroom admin: the queue, a story with its history, and
the actions on it (take, hold decisions)."""

import difflib
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from manchette.accounts.requests import AuthenticatedRequest
from manchette.articles.models import Agency, Author, SectionPage
from manchette.live import entries as live_entries
from manchette.live.models import LivePage

from . import alerts, desk
from .models import Story, Take
from .parsers import WireItem

URGENCY_CHOICES = [
    ("", gettext_lazy("Toutes")),
    ("1", "FLASH"),
    ("2", gettext_lazy("FLASH et ALERTE")),
    ("3", gettext_lazy("FLASH, ALERTE et URGENT")),
]


class QueueFilters(forms.Form):
    agency = forms.ModelChoiceField(
        Agency.objects.all(), required=False, label=gettext_lazy("Agence"), empty_label=gettext_lazy("Toutes")
    )
    urgency = forms.ChoiceField(choices=URGENCY_CHOICES, required=False, label=gettext_lazy("Urgence"))
    topic = forms.CharField(required=False, max_length=100, label=gettext_lazy("Sujet"))
    keyword = forms.CharField(required=False, max_length=200, label=gettext_lazy("Mot-clé"))


def _label(urgency: int | None) -> str:
    return alerts.URGENCY_LABELS.get(urgency or 0, "")


class QueueView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "wire/queue.html"
    page_title = gettext_lazy("Fil d'agences")
    header_icon = "doc-full"
    breadcrumbs_items = [
        *WagtailAdminTemplateMixin.breadcrumbs_items,
        {"url": "", "label": gettext_lazy("Fil d'agences")},
    ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        filters = QueueFilters(self.request.GET or None)
        values = filters.cleaned_data if filters.is_valid() else {}
        stories = desk.wire_queue(
            agency=values["agency"].pk if values.get("agency") else None,
            urgency=int(values["urgency"]) if values.get("urgency") else None,
            topic=values.get("topic", ""),
            keyword=values.get("keyword", ""),
        )
        page = Paginator(stories, 50).get_page(self.request.GET.get("p"))
        taken = {
            take.story_id: take
            for take in Take.objects.filter(story__in=[s.pk for s in page.object_list]).order_by("taken_at")
        }
        corrected = alerts.corrections_since(list(taken.values()))
        rows = [
            (story, _label(story.urgency), take, corrected.get(take.pk) if take else None)
            for story in page.object_list
            for take in [taken.get(story.pk)]
        ]
        return {**super().get_context_data(**kwargs), "filters": filters, "page": page, "rows": rows}


class StoryView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "wire/story.html"
    header_icon = "doc-full"

    def get_page_title(self) -> str:
        return self.story.headline or self.story.guid

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.story = get_object_or_404(Story.objects.select_related("agency", "feed"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self) -> list:
        return [
            *super().get_breadcrumbs_items()[:-1],
            {"url": reverse("wire_queue"), "label": _("Fil d'agences")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        versions = list(self.story.versions.select_related("file", "image"))
        current = next(v for v in versions if v.version == self.story.version)
        item = desk.version_item(current)
        takes = list(
            self.story.takes.select_related("article", "taken_by").prefetch_related("decisions__user")
        )
        diffs = []
        for take in takes:
            if take.version_taken != self.story.version:
                old = next((v for v in versions if v.version == take.version_taken), None)
                if old is not None:
                    diffs.append((take, _diff(desk.version_item(old), item)))
        return {
            **super().get_context_data(**kwargs),
            "story": self.story,
            "item": item,
            "image": current.image,
            "urgency_label": _label(self.story.urgency),
            "versions": versions,
            "takes": takes,
            "diffs": diffs,
            "sections": SectionPage.objects.order_by("title"),
            "authors": Author.objects.order_by("name"),
            "lives": LivePage.objects.live().filter(status=LivePage.Status.ONGOING).order_by("title"),
        }


def _diff(old: WireItem, new: WireItem) -> list[tuple[str, str]]:
    """Line by line, what changed between the version taken and the newest, for the desk."""

    def lines(item: WireItem) -> list[str]:
        return [item.headline, item.standfirst, *(block["text"] for block in item.body)]

    rows = []
    for line in difflib.unified_diff(lines(old), lines(new), lineterm="", n=1):
        if line.startswith(("---", "+++", "@@")):
            continue
        rows.append(
            ("added" if line.startswith("+") else "removed" if line.startswith("-") else "same", line[1:])
        )
    return rows


@require_POST
def take(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    story = get_object_or_404(Story, pk=pk)
    section_id = request.POST.get("section", "")
    section = SectionPage.objects.filter(pk=section_id).first() if section_id.isdigit() else None
    if section is None:
        messages.error(request, _("Choisissez la rubrique de l'article."))
        return redirect("wire_story", pk=pk)
    if not section.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    author_id = request.POST.get("author", "")
    author = Author.objects.filter(pk=author_id).first() if author_id.isdigit() else None
    try:
        article = desk.take(story, section, user=request.user, author=author)
    except ValueError as error:
        messages.error(request, str(error))
        return redirect("wire_story", pk=pk)
    messages.success(request, _("Brouillon créé d'après la dépêche : relisez-le avant publication."))
    return redirect("wagtailadmin_pages:edit", article.pk)


@require_POST
def add_to_live(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """« Ajouter au direct »: the story as an entry of an ongoing live, at once."""
    story = get_object_or_404(Story, pk=pk)
    live_id = request.POST.get("live", "")
    live = LivePage.objects.live().filter(pk=live_id).first() if live_id.isdigit() else None
    if live is None:
        messages.error(request, _("Choisissez le direct."))
        return redirect("wire_story", pk=pk)
    if not live_entries.may_post(request.user, live):
        raise PermissionDenied
    author_id = request.POST.get("author", "")
    author = Author.objects.filter(pk=author_id).first() if author_id.isdigit() else None
    try:
        desk.add_to_live(story, live, user=request.user, author=author)
    except ValueError as error:
        messages.error(request, str(error))
        return redirect("wire_story", pk=pk)
    messages.success(request, _("Dépêche ajoutée au direct « %(title)s ».") % {"title": live.title})
    return redirect("wire_story", pk=pk)


@require_POST
def decide(request: AuthenticatedRequest, take_id: int) -> HttpResponse:
    take_ = get_object_or_404(Take.objects.select_related("article"), pk=take_id)
    if not take_.article.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    reason = request.POST.get("reason", "").strip()[:1000]
    if not reason:
        messages.error(request, _("Indiquez le motif de la décision."))
    elif request.POST.get("action") == "unpublish":
        desk.hold(take_, reason, user=request.user, unpublish=True)
        messages.success(request, _("Article dépublié."))
    elif request.POST.get("action") == "release":
        desk.release(take_, reason, request.user)
        messages.success(request, _("Article débloqué."))
    return redirect("wire_story", pk=take_.story_id)
