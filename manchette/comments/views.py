"""Readers' comment pages: the list (sorted, paged), posting, replying, editing, reporting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from manchette.accounts.requests import AuthenticatedRequest
from manchette.articles import services as articles
from manchette.articles.models import ArticlePage
from manchette.subscriptions import entitlements
from manchette.website.caching import public_when_anonymous

from . import checks, notices, posting, rendering
from .models import Comment, Commenter, CommentSettings, Reason


def _article(article_id: int) -> ArticlePage:
    """A live article no view restriction keeps private (on it or a page above it), or 404."""
    article = articles.open_article(article_id)
    if article is None:
        raise Http404(_("Cet article n'existe pas."))
    return article


def _status(refused: checks.Refused) -> int:
    if refused.code == "rate":
        return 429
    return 403 if refused.code in checks.NOT_ALLOWED else 400


@require_safe
@public_when_anonymous
def comment_list(request: HttpRequest, article_id: int) -> HttpResponse:
    article = _article(article_id)
    sort, pages = rendering.sort_and_pages(request.GET.get("tri"), request.GET.get("pages"))
    title = _("Commentaires : « %(title)s »") % {"title": article.title}
    context = {"article": article, "sort": sort, "pages": pages, "title": title}
    return render(request, "comments/list_page.html", context)


@require_POST
@login_required
def post(request: AuthenticatedRequest, article_id: int) -> HttpResponse:
    article = _article(article_id)
    text = request.POST.get("texte", "")
    try:
        reply_to = int(request.POST["reponse_a"]) if request.POST.get("reponse_a") else None
    except ValueError:
        reply_to = -1  # no comment has it: refused below as a reply to nothing
    try:
        comment = posting.post_comment(request.user, article, text, reply_to, request.LANGUAGE_CODE)
    except checks.Refused as refused:
        target = Comment.objects.filter(pk=reply_to, article=article).first() if reply_to else None
        return _form_page(request, article, text, refused, reply=target)
    # Said in the comment section, which takes the focus (notices.py), not in the message
    # list at the top of the page; no fragment in the address, or the browser would not
    # give the note the focus.
    notices.remember_posted(request, comment)
    return HttpResponseRedirect(article.url)


def _form_page(
    request: HttpRequest,
    article: ArticlePage,
    text: str,
    refused: checks.Refused | None,
    reply: Comment | None = None,
    edit: Comment | None = None,
) -> HttpResponse:
    """The form again, with what the reader typed and, after a refusal, why."""
    not_allowed = refused is not None and refused.code in checks.NOT_ALLOWED
    context = {
        "article": article,
        "action_article": article,
        "title": _("Votre commentaire"),
        "target": reply or edit,
        "reply": reply,
        "edit": edit,
        "text": text,
        "limit": checks.LIMIT,
        "error": refused.message if refused is not None and not not_allowed else "",
        "refusal": refused if not_allowed else None,
        "show_form": not not_allowed,
    }
    return render(request, "comments/detail.html", context, status=_status(refused) if refused else 200)


@require_safe
@login_required
def detail(request: AuthenticatedRequest, comment_id: int) -> HttpResponse:
    """One comment: its author may edit (five minutes) or delete it, another reader replies."""
    comment = Comment.objects.filter(pk=comment_id).select_related("reply_to").first()
    if comment is None or comment.status == Comment.Status.DELETED:
        raise Http404(_("Ce commentaire n'existe plus."))
    article = _article(comment.article_id)
    mine = comment.author_id == request.user.pk
    if not mine and not comment.is_published:
        raise Http404(_("Ce commentaire n'existe plus."))
    if mine:
        editable = posting.may_edit(comment)
        context = {
            "article": article,
            "action_article": article,
            "title": _("Votre commentaire"),
            "target": comment,
            "edit": comment,
            "own": comment,
            "text": comment.text,
            "limit": checks.LIMIT,
            "show_form": editable,
        }
        return render(request, "comments/detail.html", context)
    rules = CommentSettings.load()
    refusal = None
    if not entitlements.may_comment(request.user):
        refusal = checks.Refused(_("Les commentaires sont réservés aux abonnés."), code="not_subscriber")
    elif checks.comments_closed(article, rules):
        refusal = checks.Refused(_("Les commentaires sont fermés sur cet article."), code="closed")
    else:
        commenter = Commenter.objects.filter(pk=request.user.pk).first()
        if commenter is not None:
            refusal = checks.standing_refusal(commenter.standing, commenter.until, timezone.now())
    context = {
        "article": article,
        "action_article": article,
        # A deleted account's comments keep no pseudonym (privacy.py).
        "title": _("Répondre à %(pseudonym)s") % {"pseudonym": comment.pseudonym or _("Compte supprimé")},
        "target": comment,
        "reply": comment,
        "text": "",
        "limit": checks.LIMIT,
        "refusal": refusal,
        "show_form": refusal is None,
    }
    return render(request, "comments/detail.html", context)


@require_POST
@login_required
def edit(request: AuthenticatedRequest, comment_id: int) -> HttpResponse:
    comment = Comment.objects.filter(pk=comment_id, author=request.user).first()
    if comment is None:
        raise Http404(_("Ce commentaire n'existe plus."))
    article = _article(comment.article_id)
    text = request.POST.get("texte", "")
    try:
        comment = posting.edit_comment(request.user, comment.pk, text)
    except checks.Refused as refused:
        return _form_page(request, article, text, refused, edit=comment)
    messages.success(request, _("Votre commentaire est modifié."))
    return HttpResponseRedirect(f"{article.url}#commentaire-{comment.pk}")


@require_POST
@login_required
def delete(request: AuthenticatedRequest, comment_id: int) -> HttpResponse:
    comment = Comment.objects.filter(pk=comment_id, author=request.user).first()
    if comment is None:
        raise Http404(_("Ce commentaire n'existe plus."))
    try:
        posting.delete_comment(request.user, comment.pk)
    except checks.Refused as refused:
        raise Http404(refused.message) from None
    messages.success(request, _("Votre commentaire est supprimé."))
    article = ArticlePage.objects.filter(pk=comment.article_id).first()
    return HttpResponseRedirect(f"{article.url}#commentaires" if article and article.url else "/")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def report(request: AuthenticatedRequest, comment_id: int) -> HttpResponse:
    comment = Comment.objects.filter(pk=comment_id, status=Comment.Status.PUBLISHED).first()
    if comment is None:
        raise Http404(_("Ce commentaire n'existe plus."))
    article = _article(comment.article_id)
    context = {"article": article, "target": comment, "reasons": Reason.choices, "chosen": "", "note": ""}
    if request.method == "POST":
        reason, note = request.POST.get("motif", ""), request.POST.get("precision", "")
        try:
            posting.report_comment(request.user, comment.pk, reason, note)
        except checks.Refused as refused:
            context.update(error=refused.message, chosen=reason, note=note)
            return render(request, "comments/report.html", context, status=400)
        messages.success(request, _("Merci : la modération examinera ce commentaire."))
        return HttpResponseRedirect(f"{article.url}#commentaire-{comment.pk}")
    return render(request, "comments/report.html", context)


@require_POST
@login_required
def reply_mails(request: AuthenticatedRequest) -> HttpResponse:
    """The "Commentaires" box of "Mon compte": mails when someone answers or mentions me, or none."""
    wanted = request.POST.get("avertir") == "1"
    posting.set_reply_mails(request.user, wanted, request.LANGUAGE_CODE)
    if wanted:
        messages.success(request, _("Vous recevrez un e-mail quand on vous répond ou vous mentionne."))
    else:
        messages.success(request, _("Vous ne recevrez plus d'e-mail quand on vous répond ou vous mentionne."))
    return HttpResponseRedirect(reverse("accounts:overview") + "#comment-mails-title")


@require_safe
@public_when_anonymous
def charter(request: HttpRequest) -> HttpResponse:
    rules = rendering.rules(request)
    context = {
        "title": _("Charte de modération"),
        "description": _("Ce que la modération publie, ce qu'elle refuse et pourquoi, sous les articles."),
        "body": rules.charter,
        "reasons": Reason.choices,
    }
    return render(request, "comments/charter.html", context)


@require_safe
@public_when_anonymous
def terms(request: HttpRequest) -> HttpResponse:
    rules = rendering.rules(request)
    context = {
        "title": _("Conditions d'utilisation"),
        "description": _("Les conditions d'utilisation des commentaires réservés aux abonnés."),
        "body": rules.terms,
    }
    return render(request, "comments/charter.html", context)
