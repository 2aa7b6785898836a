"""What moderators do: publish, refuse (with the strikes that follow), feature, set a
commenter's standing, warn, close an article's comments."""

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import checks, list_versions, posting
from .models import ArticleComments, Comment, Commenter, CommentSettings, Reason

if TYPE_CHECKING:  # annotations only
    from manchette.articles.models import ArticlePage

# --------------------------------------------------------------------------- moderators' operations


def _moderated(comment_id: int) -> Comment:
    comment = Comment.objects.select_for_update().filter(pk=comment_id).first()
    if comment is None or comment.status == Comment.Status.DELETED:
        raise checks.Refused(_("Ce commentaire n'existe plus."), code="gone")
    return comment


def approve(moderator: User, comment_id: int) -> Comment:
    """Publishes a held comment, or keeps a reported one published and closes its reports."""
    with transaction.atomic():
        comment = _moderated(comment_id)
        comment.status, comment.open_reports = Comment.Status.PUBLISHED, 0
        comment.reason, comment.reason_note = "", ""
        comment.moderated_at, comment.moderated_by = timezone.now(), moderator
        comment.save()
        list_versions.public_changed(comment.article_id)
        posting.notify_on_commit(comment)
    return comment


def reject(moderator: User, comment_id: int, reason: str, note: str = "") -> Comment:
    """Removes a comment on one of the charter's grounds, shown to its author; counts a strike."""
    if reason not in Reason.values:
        raise checks.Refused(_("Choisissez un motif de la charte."), code="reason")
    rules = CommentSettings.load()
    now = timezone.now()
    with transaction.atomic():
        comment = _moderated(comment_id)
        was_published = comment.is_published
        comment.status, comment.featured, comment.open_reports = Comment.Status.REJECTED, False, 0
        comment.reason, comment.reason_note = reason, checks.clean_text(note)
        comment.moderated_at, comment.moderated_by = now, moderator
        comment.save()
        _apply_strikes(comment.author_id, rules, now)
        if was_published:
            list_versions.public_changed(comment.article_id)
    return comment


def _apply_strikes(user_id: int, rules: CommentSettings, now: datetime) -> None:
    """K rejected comments in D days: suspended (or banned, as the admin chose)."""
    if not rules.strikes:
        return
    since = now - timedelta(days=rules.strike_days)
    strikes = Comment.objects.filter(
        author_id=user_id, status=Comment.Status.REJECTED, moderated_at__gt=since
    ).count()
    if strikes < rules.strikes:
        return
    Commenter.objects.get_or_create(user_id=user_id)
    commenter = Commenter.objects.select_for_update().get(pk=user_id)
    if commenter.standing == Commenter.Standing.BANNED:
        return
    reason = _("%(count)s commentaires refusés en %(days)s jours.") % {
        "count": strikes,
        "days": rules.strike_days,
    }
    if rules.strike_ban:
        commenter.standing, commenter.until = Commenter.Standing.BANNED, None
    else:
        until = now + timedelta(days=rules.suspension_days)
        if commenter.standing == Commenter.Standing.SUSPENDED and (
            commenter.until is None or commenter.until > until
        ):
            return  # already kept out longer
        commenter.standing, commenter.until = Commenter.Standing.SUSPENDED, until
    commenter.reason, commenter.changed_at = reason, now
    commenter.save()


def set_featured(moderator: User, comment_id: int, featured: bool) -> Comment:
    with transaction.atomic():
        comment = _moderated(comment_id)
        if featured and not comment.is_published:
            refusal = _("Seul un commentaire publié peut être mis en avant.")
            raise checks.Refused(refusal, code="not_published")
        comment.featured = featured
        comment.moderated_at, comment.moderated_by = timezone.now(), moderator
        comment.save(update_fields=["featured", "moderated_at", "moderated_by"])
        list_versions.public_changed(comment.article_id)
    return comment


def set_standing(
    moderator: User, user_id: int, standing: str, until: datetime | None = None, reason: str = ""
) -> Commenter:
    """Premoderates, suspends until a date, bans, or gives back the right to comment."""
    if standing not in Commenter.Standing.values:
        raise checks.Refused(_("Choisissez une mesure dans la liste."), code="standing")
    now = timezone.now()
    if standing == Commenter.Standing.SUSPENDED and (until is None or until <= now):
        raise checks.Refused(_("Une suspension demande une date de fin à venir."), code="until")
    with transaction.atomic():
        Commenter.objects.get_or_create(user_id=user_id)
        commenter = Commenter.objects.select_for_update().get(pk=user_id)
        commenter.standing = standing
        commenter.until = until if standing == Commenter.Standing.SUSPENDED else None
        commenter.reason, commenter.changed_at = checks.clean_text(reason), now
        commenter.save()
    return commenter


def warn(moderator: User, user_id: int, message: str) -> Commenter:
    """A warning the reader sees above the comment form until a moderator lifts it."""
    with transaction.atomic():
        Commenter.objects.get_or_create(user_id=user_id)
        commenter = Commenter.objects.select_for_update().get(pk=user_id)
        commenter.warning, commenter.changed_at = checks.clean_text(message), timezone.now()
        commenter.save(update_fields=["warning", "changed_at"])
    return commenter


def close_comments(article: "ArticlePage", closed: bool) -> None:
    with transaction.atomic():
        ArticleComments.objects.update_or_create(
            article_id=article.pk, defaults={"closed": closed, "changed_at": timezone.now()}
        )
        list_versions.public_changed(article.pk)
