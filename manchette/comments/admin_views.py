"""The moderation queue in the newsroom (Wagtail admin), for the "Modérateurs" group.

Files: pending, reported (open reports at or above the threshold), rejected, featured and
published; each comment is approved, rejected on one of the charter's grounds, or featured
in one click. A commenter's page shows their history and rejection rate, and the measures:
warn, premoderate, suspend until a date, ban, reinstate. Keys for fast triage: j/k move
between comments, a approves, r opens the rejection reason, f features; they act on the
comment that holds the focus, and a moderator can turn them off (WCAG 2.1.4). After an
action the queue comes back with the focus on the next comment (`suivant`).
"""

from datetime import datetime, time

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from manchette.accounts.requests import AuthenticatedRequest
from manchette.articles.models import ArticlePage

from . import checks, moderation
from .models import Comment, Commenter, CommentSettings, Reason

PER_PAGE = 50
FILES = {
    "attente": gettext_lazy("En attente"),
    "signales": gettext_lazy("Signalés"),
    "refuses": gettext_lazy("Refusés"),
    "selection": gettext_lazy("Sélection"),
    "publies": gettext_lazy("Publiés"),
}


def may_moderate(user: User | AnonymousUser) -> bool:
    return user.is_active and user.has_perm("comments.moderate_comment")


# Behind Wagtail's admin (signed-in staff): the views that act take an AuthenticatedRequest.
def _moderator(request: HttpRequest) -> None:
    if not may_moderate(request.user):
        raise PermissionDenied


def _queue(name: str) -> QuerySet[Comment]:
    comments = Comment.objects.select_related("article")
    if name == "signales":
        threshold = max(CommentSettings.load().report_threshold, 1)
        return comments.filter(status=Comment.Status.PUBLISHED, open_reports__gte=threshold).order_by(
            "-open_reports", "created_at"
        )
    if name == "refuses":
        return comments.filter(status=Comment.Status.REJECTED).order_by("-moderated_at")
    if name == "selection":
        return comments.filter(status=Comment.Status.PUBLISHED, featured=True).order_by("-created_at")
    if name == "publies":
        return comments.filter(status=Comment.Status.PUBLISHED).order_by("-created_at")
    return comments.filter(status=Comment.Status.PENDING).order_by("created_at")  # oldest first: fair


@require_safe
def queue(request: HttpRequest) -> HttpResponse:
    _moderator(request)
    name = request.GET.get("file", "attente")
    name = name if name in FILES else "attente"
    threshold = max(CommentSettings.load().report_threshold, 1)
    counts = Comment.objects.aggregate(
        attente=Count("pk", filter=Q(status=Comment.Status.PENDING)),
        signales=Count("pk", filter=Q(status=Comment.Status.PUBLISHED, open_reports__gte=threshold)),
    )
    tabs = [(key, label, counts.get(key)) for key, label in FILES.items()]
    comments = list(_queue(name)[:PER_PAGE])
    context = {
        "page_title": _("Modération des commentaires"),
        "header_title": _("Modération des commentaires"),
        "header_icon": "comment",
        "tabs": tabs,
        "current": name,
        "items": _with_next(comments),
        "articles": list({comment.article_id: comment.article for comment in comments}.values()),
        "reasons": Reason.choices,
        "back": request.get_full_path(),
    }
    return render(request, "comments/admin/queue.html", context)


def _with_next(comments: list[Comment]) -> list[tuple[Comment, int | None]]:
    """Each comment with the one the focus moves to once it is dealt with: the next, else the previous."""
    pks = [comment.pk for comment in comments]
    last = len(pks) - 1
    return [
        (comment, pks[index + 1] if index < last else (pks[index - 1] if index else None))
        for index, comment in enumerate(comments)
    ]


def _back(request: HttpRequest) -> HttpResponseRedirect:
    target = request.POST.get("retour", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = reverse("comments_moderation")
    following = request.POST.get("suivant", "")
    if following.isascii() and following.isdigit():
        target = f"{target.split('#')[0]}#moderation-{following}"
    return HttpResponseRedirect(target)


@require_POST
def act(request: AuthenticatedRequest, comment_id: int, action: str) -> HttpResponse:
    _moderator(request)
    try:
        if action == "approuver":
            moderation.approve(request.user, comment_id)
            messages.success(request, _("Commentaire publié."))
        elif action == "refuser":
            moderation.reject(
                request.user, comment_id, request.POST.get("motif", ""), request.POST.get("precision", "")
            )
            messages.success(request, _("Commentaire refusé : son auteur voit le motif."))
        elif action in ("mettre-en-avant", "retirer-de-la-selection"):
            moderation.set_featured(request.user, comment_id, action == "mettre-en-avant")
            messages.success(request, _("Sélection mise à jour."))
        else:
            raise Http404
    except checks.Refused as refused:
        messages.error(request, refused.message)
    return _back(request)


@require_POST
def close(request: HttpRequest, article_id: int) -> HttpResponse:
    _moderator(request)
    article = ArticlePage.objects.filter(pk=article_id).first()
    if article is None:
        raise Http404
    closed = request.POST.get("fermer") == "1"
    moderation.close_comments(article, closed)
    if closed:
        messages.success(request, _("Commentaires fermés sur « %(title)s ».") % {"title": article.title})
    else:
        messages.success(request, _("Commentaires rouverts sur « %(title)s ».") % {"title": article.title})
    return _back(request)


@require_safe
def commenter(request: HttpRequest, user_id: int) -> HttpResponse:
    _moderator(request)
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        raise Http404
    comments = Comment.objects.filter(author=user).exclude(status=Comment.Status.DELETED)
    totals = comments.aggregate(
        total=Count("pk"),
        rejected=Count("pk", filter=Q(status=Comment.Status.REJECTED)),
        published=Count("pk", filter=Q(status=Comment.Status.PUBLISHED)),
    )
    moderated = totals["rejected"] + totals["published"]
    rate = round(100 * totals["rejected"] / moderated) if moderated else 0
    standing = Commenter.objects.filter(pk=user.pk).first()
    pseudonym = comments.values_list("pseudonym", flat=True).first() or str(user)
    context = {
        "page_title": _("Commentateur : %(name)s") % {"name": pseudonym},
        "header_title": _("Commentateur : %(name)s") % {"name": pseudonym},
        "header_icon": "user",
        "member": user,
        "pseudonym": pseudonym,
        "standing": standing,
        "totals": totals,
        "rejection_rate": rate,
        "comments": comments.select_related("article").order_by("-created_at")[:PER_PAGE],
        "standings": Commenter.Standing.choices,
        "reasons": Reason.choices,
        "back": request.get_full_path(),
    }
    return render(request, "comments/admin/commenter.html", context)


@require_POST
def commenter_act(request: AuthenticatedRequest, user_id: int) -> HttpResponse:
    _moderator(request)
    if not get_user_model().objects.filter(pk=user_id).exists():
        raise Http404
    try:
        if request.POST.get("mesure") == "avertir":
            moderation.warn(request.user, user_id, request.POST.get("motif", ""))
            messages.success(
                request, _("Avertissement enregistré : le lecteur le voit au-dessus du formulaire.")
            )
        else:
            until = _end_of(request.POST.get("jusqu_au", ""))
            moderation.set_standing(
                request.user, user_id, request.POST.get("mesure", ""), until, request.POST.get("motif", "")
            )
            messages.success(request, _("Mesure enregistrée."))
    except checks.Refused as refused:
        messages.error(request, refused.message)
    return _back(request)


def _end_of(value: str) -> datetime | None:
    """The end of the named day in the newsroom's time zone ("jusqu'au 14 mars" includes it)."""
    try:
        day = parse_date(value.strip())
    except ValueError:
        return None
    if day is None:
        return None
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))
