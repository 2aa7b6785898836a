"""What readers do with their comments: post, edit, delete, report, and their reply mails.

Every rule (checks.py) is enforced here, inside one transaction per operation, so no path
(the page's form, a replayed or forged POST, a script) gets around it."""

from datetime import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from . import checks, list_versions, tasks
from .models import Comment, Commenter, CommentSettings, Reason, Report

if TYPE_CHECKING:  # annotations only
    from manchette.articles.models import ArticlePage

# --------------------------------------------------------------------------- readers' operations


def post_comment(
    user: User, article: "ArticlePage", text: str, reply_to: int | None = None, language: str = ""
) -> Comment:
    """Publishes the comment, or keeps it for moderation, or raises checks.Refused.

    `language` is the one the reader uses the site in: their reply mails will be in it.
    """
    rules = CommentSettings.load()
    now = timezone.now()
    with transaction.atomic():
        commenter = checks.locked_commenter(user)
        _remember_language(commenter, language)
        pseudonym = checks.check_may_post(user, commenter, article, rules, now)
        body = checks.validated_text(text, rules)
        checks.check_rate(user, rules, now)
        checks.check_duplicate(user, body, now)
        target = checks.reply_target(article, reply_to)
        held = checks.hold_reasons(user, commenter, body, rules)
        comment = Comment.objects.create(
            article_id=article.pk,
            author=user,
            pseudonym=pseudonym,
            thread_id=(target.thread_id or target.pk) if target else None,
            reply_to=target,
            text=body,
            status=Comment.Status.PENDING if held else Comment.Status.PUBLISHED,
            held_because="; ".join(held),
            created_at=now,
        )
        if comment.is_published:
            list_versions.public_changed(comment.article_id)
            notify_on_commit(comment)
    return comment


def _remember_language(commenter: Commenter, language: str) -> None:
    if language and language in dict(settings.LANGUAGES) and commenter.language != language:
        commenter.language = language
        commenter.save(update_fields=["language"])


def _own_comment(user: User, comment_id: int) -> Comment:
    comment = Comment.objects.select_for_update().filter(pk=comment_id, author_id=user.pk).first()
    if comment is None or comment.status == Comment.Status.DELETED:
        raise checks.Refused(_("Ce commentaire n'existe pas ou n'est pas le vôtre."), code="not_yours")
    return comment


def may_edit(comment: Comment, now: datetime | None = None) -> bool:
    return comment.status in (Comment.Status.PUBLISHED, Comment.Status.PENDING) and (
        (now or timezone.now()) - comment.created_at <= checks.EDIT_WINDOW
    )


def edit_comment(user: User, comment_id: int, text: str) -> Comment:
    """The author corrects their comment within five minutes; the rules apply again."""
    rules = CommentSettings.load()
    now = timezone.now()
    with transaction.atomic():
        commenter = checks.locked_commenter(user)
        comment = _own_comment(user, comment_id)
        refusal = checks.standing_refusal(commenter.standing, commenter.until, now)
        if refusal is not None:
            raise refusal
        if not may_edit(comment, now):
            raise checks.Refused(
                _("Un commentaire ne peut être modifié que dans les cinq minutes."), code="edit_window"
            )
        body = checks.validated_text(text, rules)
        checks.check_duplicate(user, body, now, exclude=comment.pk)
        was_published = comment.is_published
        held = checks.hold_reasons(user, commenter, body, rules)
        comment.text, comment.edited_at = body, now
        if held:
            comment.status, comment.held_because = Comment.Status.PENDING, "; ".join(held)
        comment.save(update_fields=["text", "edited_at", "status", "held_because"])
        if was_published:
            list_versions.public_changed(comment.article_id)
        if comment.is_published:
            notify_on_commit(comment)  # an @mention added by the edit; nobody is told twice
    return comment


def delete_comment(user: User, comment_id: int) -> Comment:
    with transaction.atomic():
        comment = _own_comment(user, comment_id)
        was_published = comment.is_published
        comment.status = Comment.Status.DELETED
        comment.save(update_fields=["status"])
        if was_published:
            list_versions.public_changed(comment.article_id)
    return comment


def report_comment(user: User, comment_id: int, reason: str, note: str = "") -> Report:
    if not user.is_authenticated:
        raise checks.Refused(_("Identifiez-vous pour signaler un commentaire."), code="anonymous")
    if reason not in Reason.values:
        raise checks.Refused(_("Choisissez un motif dans la liste."), code="reason")
    with transaction.atomic():
        comment = Comment.objects.select_for_update().filter(pk=comment_id).first()
        if comment is None or not comment.is_published:
            raise checks.Refused(_("Ce commentaire n'est plus visible."), code="gone")
        if comment.author_id == user.pk:
            raise checks.Refused(_("Vous ne pouvez pas signaler votre propre commentaire."), code="own")
        try:
            with transaction.atomic():
                report = Report.objects.create(
                    comment=comment, reporter=user, reason=reason, note=checks.clean_text(note)[:500]
                )
        except IntegrityError:
            raise checks.Refused(_("Vous avez déjà signalé ce commentaire."), code="already") from None
        Comment.objects.filter(pk=comment.pk).update(open_reports=F("open_reports") + 1)
    return report




# ------------------------------------------------ reply and mention mails (the sending: notifications.py)


def notify_on_commit(comment: Comment) -> None:
    if comment.reply_to_id is None and "@" not in comment.text:
        return  # nobody to tell: no task
    transaction.on_commit(lambda: tasks.notify_readers.enqueue(comment.pk))


def set_reply_mails(user: User, wanted: bool, language: str = "") -> Commenter:
    """The reader's choice in "Mon compte": mails when someone answers or mentions them, or none."""
    with transaction.atomic():
        commenter = checks.locked_commenter(user)
        commenter.reply_mails = wanted
        commenter.save(update_fields=["reply_mails"])
        _remember_language(commenter, language)
    return commenter
