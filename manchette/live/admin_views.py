"""The live's desk in the newsroom (Wagtail admin): post an entry in seconds, and correct,
pin or remove the ones posted. Who may: entries.may_post."""

from typing import cast

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import entries
from .forms import CorrectionForm, EntryForm
from .models import LiveEntry, LivePage
from .structured_data import entry_text

RECENT = 30


def _page_for(request: HttpRequest, page_id: int) -> LivePage:
    page = LivePage.objects.filter(pk=page_id).first()
    if page is None:
        raise Http404(_("Ce direct n'existe pas."))
    if not entries.may_post(request.user, page):
        raise PermissionDenied
    return page


def desk(request: HttpRequest, page_id: int) -> HttpResponse:
    page = _page_for(request, page_id)
    form = EntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        entries.post_entry(
            page,
            form.content(),
            posted_by=cast(User, request.user),  # Wagtail's admin lets only signed-in staff in
            author=form.cleaned_data["author"],
            key_event=form.cleaned_data["key_event"],
            pinned=form.cleaned_data["pinned"],
        )
        messages.success(request, _("Entrée publiée."))
        return HttpResponseRedirect(reverse("live_desk", args=[page.pk]))
    recent = LiveEntry.objects.filter(page=page).shown()[:RECENT]
    context = {"page": page, "form": form, "recent": recent, **_titles(_("Publier une entrée"), page)}
    return render(request, "live/admin/desk.html", context)


def correct(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = get_object_or_404(LiveEntry.objects.select_related("page"), pk=entry_id, deleted_at__isnull=True)
    page = _page_for(request, entry.page_id)
    initial = {"text": _plain_text(entry), "title": entry.title, "key_event": entry.key_event}
    form = CorrectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        entries.correct_entry(entry, form.content(), key_event=form.cleaned_data["key_event"])
        messages.success(request, _("Entrée corrigée : les lecteurs voient l'heure de la correction."))
        return HttpResponseRedirect(reverse("live_desk", args=[page.pk]))
    context = {"page": page, "entry": entry, "form": form, **_titles(_("Corriger une entrée"), page)}
    return render(request, "live/admin/correct.html", context)


@require_POST
def act(request: HttpRequest, entry_id: int, action: str) -> HttpResponse:
    entry = get_object_or_404(LiveEntry, pk=entry_id)
    page = _page_for(request, entry.page_id)
    if action == "retirer":
        entries.remove_entry(entry)
        messages.success(request, _("Entrée retirée : les lecteurs voient qu'elle l'a été."))
    elif action in ("epingler", "desepingler"):
        entries.set_pinned(entry, action == "epingler")
        messages.success(request, _("Épinglage mis à jour."))
    else:
        raise Http404
    return HttpResponseRedirect(reverse("live_desk", args=[page.pk]))


def _titles(title: str, page: LivePage) -> dict:
    # Wagtail joins title and subtitle with ": ", which French typography does not (" : ").
    return {
        "page_title": title,
        "page_subtitle": page.title,
        "header_title": f"{title} – {page.title}",
        "header_icon": "edit",
    }


def _plain_text(entry: LiveEntry) -> str:
    return entry_text(entry).replace("\n", "\n\n")
