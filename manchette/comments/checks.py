"""The checks a comment passes: its text (length, characters, links), who may post where and
when, how fast, and why a comment waits for a moderator. Each refusal is a `Refused`
carrying the reason in the reader's language and a `code` saying which rule."""

import re
import unicodedata
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from manchette.accounts.models import Profile
from manchette.subscriptions import entitlements

from . import scoring
from .models import ArticleComments, Comment, Commenter, CommentSettings

if TYPE_CHECKING:  # annotations only
    from manchette.articles.models import ArticlePage

LIMIT = 2000
EDIT_WINDOW = timedelta(minutes=5)
DUPLICATE_WINDOW = timedelta(days=1)
URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
# Bidirectional controls reorder what follows them ("RTL override"): a comment could make
# its text, or the next comment's, read backwards. Control characters (NUL…) have no place
# in a comment either; line breaks and tabs stay.
_BIDI = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Refusals that are about the reader, not about what they wrote.
NOT_ALLOWED = frozenset({"not_subscriber", "no_pseudonym", "closed", "banned", "suspended"})


class Refused(ValidationError):
    """An operation the rules refuse; `code` names the rule."""


# --------------------------------------------------------------------------- text


def measure(raw: str) -> int:
    """Characters as the form's counter shows them: code points, a line break counting one."""
    return len(_one_line_break(raw))


def _one_line_break(raw: str) -> str:
    return raw.replace("\r\n", "\n").replace("\r", "\n")


def clean_text(raw: str) -> str:
    text = _one_line_break(raw)
    kept = (
        char for char in text if char in "\n\t" or (char not in _BIDI and unicodedata.category(char) != "Cc")
    )
    return "".join(kept).strip()


def validated_text(raw: str, rules: CommentSettings) -> str:
    if measure(raw) > LIMIT:
        raise Refused(
            _("Votre commentaire compte %(count)s caractères : %(limit)s au plus.")
            % {"count": measure(raw), "limit": LIMIT},
            code="too_long",
        )
    text = clean_text(raw)
    if not text:
        raise Refused(_("Votre commentaire est vide."), code="empty")
    banned = scoring.folded_words(text) & scoring.word_list(rules.banned_words)
    if banned:
        raise Refused(
            _("Votre commentaire contient un mot que la charte de modération interdit."), code="banned_word"
        )
    return text


# --------------------------------------------------------------------------- who may post


def comments_closed(article: "ArticlePage", rules: CommentSettings, now: datetime | None = None) -> bool:
    if ArticleComments.objects.filter(article_id=article.pk, closed=True).exists():
        return True
    closes_at = closing_time(article, rules)
    return closes_at is not None and closes_at <= (now or timezone.now())


def closing_time(article: "ArticlePage", rules: CommentSettings) -> datetime | None:
    """When comments close by themselves, N days after publication (None: never)."""
    if not rules.close_after_days or article.first_published_at is None:
        return None
    return article.first_published_at + timedelta(days=rules.close_after_days)


def standing_refusal(standing: str | None, until: datetime | None, now: datetime) -> Refused | None:
    """Why a commenter in this standing may not post now, if they may not."""
    if standing == Commenter.Standing.BANNED:
        return Refused(
            _("Vous ne pouvez plus commenter : vos contributions ont enfreint la charte de modération."),
            code="banned",
        )
    if standing == Commenter.Standing.SUSPENDED and (until is None or until > now):
        if until is None:
            return Refused(
                _("Vous ne pouvez plus commenter : vos contributions ont enfreint la charte de modération."),
                code="suspended",
            )
        return Refused(
            _(
                "Vous ne pouvez plus commenter jusqu'au %(date)s : vos contributions ont enfreint "
                "la charte de modération."
            )
            % {"date": date_format(timezone.localtime(until), "j F Y à H:i")},
            code="suspended",
        )
    return None


def locked_commenter(user: User) -> Commenter:
    # The row serialises one reader's posts, so two at once cannot both pass the rate limit.
    # Read and locked in one query; made (and locked by its insert) on a first comment.
    commenter, _created = Commenter.objects.select_for_update().get_or_create(user=user)
    return commenter


def _pseudonym(user: User) -> str:
    return Profile.objects.filter(user=user).values_list("pseudonym", flat=True).first() or ""


def check_may_post(
    user: User, commenter: Commenter, article: "ArticlePage", rules: CommentSettings, now: datetime
) -> str:
    if not user.is_authenticated or not entitlements.may_comment(user):
        raise Refused(_("Les commentaires sont réservés aux abonnés."), code="not_subscriber")
    refusal = standing_refusal(commenter.standing, commenter.until, now)
    if refusal is not None:
        raise refusal
    if comments_closed(article, rules, now):
        raise Refused(_("Les commentaires sont fermés sur cet article."), code="closed")
    pseudonym = _pseudonym(user)
    if not pseudonym:
        raise Refused(_("Choisissez un pseudonyme pour commenter."), code="no_pseudonym")
    return pseudonym


def check_rate(user: User, rules: CommentSettings, now: datetime) -> None:
    recent = Comment.objects.filter(author=user)
    if (
        rules.per_minute
        and recent.filter(created_at__gt=now - timedelta(minutes=1)).count() >= rules.per_minute
    ):
        raise Refused(
            _("Vous avez publié %(count)s commentaires en une minute : patientez un peu.")
            % {"count": rules.per_minute},
            code="rate",
        )
    if rules.per_day and recent.filter(created_at__gt=now - timedelta(days=1)).count() >= rules.per_day:
        raise Refused(
            _("Vous avez publié %(count)s commentaires aujourd'hui : revenez demain.")
            % {"count": rules.per_day},
            code="rate",
        )


def check_duplicate(user: User, text: str, now: datetime, exclude: int | None = None) -> None:
    same = Comment.objects.filter(author=user, text=text, created_at__gt=now - DUPLICATE_WINDOW)
    if exclude is not None:
        same = same.exclude(pk=exclude)
    if same.exclude(status=Comment.Status.DELETED).exists():
        raise Refused(_("Vous avez déjà publié ce commentaire."), code="duplicate")


def reply_target(article: "ArticlePage", reply_to: int | None) -> Comment | None:
    if reply_to is None:
        return None
    target = Comment.objects.filter(pk=reply_to).first()
    if target is None or target.article_id != article.pk:
        raise Refused(
            _("Le commentaire auquel vous répondez n'existe pas sous cet article."), code="reply_target"
        )
    if not target.is_published:
        raise Refused(_("Le commentaire auquel vous répondez n'est plus visible."), code="reply_target")
    return target


def hold_reasons(
    user: User, commenter: Commenter, text: str, rules: CommentSettings
) -> list[str]:
    """Why this comment must wait for a moderator (nothing: it is published at once)."""
    reasons = []
    if rules.premoderation:
        reasons.append(_("pré-modération de tous les commentaires"))
    if commenter.standing == Commenter.Standing.PREMODERATED:
        reasons.append(_("commentateur pré-modéré"))
    if rules.held_first_comments:
        published = Comment.objects.filter(author=user, status=Comment.Status.PUBLISHED).count()
        if published < rules.held_first_comments:
            reasons.append(_("nouveau commentateur"))
    suspect = sorted(scoring.folded_words(text) & scoring.word_list(rules.suspect_words))
    if suspect:
        reasons.append(_("mot suspect : %(words)s") % {"words": ", ".join(suspect)})
    if rules.hold_links and URL.search(text):
        reasons.append(_("lien"))
    toxicity = scoring.scorer().score(text)
    if toxicity >= rules.toxicity_threshold:
        reasons.append(_("toxicité %(score).2f") % {"score": toxicity})
    return reasons
