"""Offering an article, withdrawing a link, the list in "Mon compte"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from manchette.accounts.requests import AuthenticatedRequest
from manchette.articles.models import ArticlePage

from . import links
from .limits import may_offer_now


@require_POST
@login_required
def offer(request: AuthenticatedRequest, article_id: int) -> HttpResponse:
    article = get_object_or_404(ArticlePage.objects.live(), pk=article_id)
    if not may_offer_now(request):
        messages.error(request, _("Trop de liens demandés : réessayez dans une heure."))
    else:
        try:
            links.offer(request.user, article)
        except links.Refused as refusal:
            messages.error(request, str(refusal))
    return redirect(f"{article.url}#offrir")


@require_POST
@login_required
def withdraw(request: AuthenticatedRequest, gift_id: int) -> HttpResponse:
    if not links.withdraw(request.user, gift_id):
        raise Http404  # not theirs: as if it did not exist
    messages.success(request, _("Le lien a été retiré : il n'ouvre plus l'article."))
    return redirect("gifts:account")


@never_cache
@require_safe
@login_required
def account(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "gifts/account.html", {"tab": "gifts", "offered": links.offered_by(request.user)})
