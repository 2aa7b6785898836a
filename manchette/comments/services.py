"""Comment operations: the only code that changes comments, reports and commenters' standing.

Every rule is enforced here, inside one transaction per operation, so no path (the
page's form, a replayed or forged POST, a script) gets around it. Each refusal is a
`Refused` carrying the reason in the reader's language and a `code` saying which rule.

What readers see is refreshed by a change that shows on the public page: the comment
list's version for the article changes in the database, with the change, and once it
commits, behind Varnish, the article and its comment pages are purged.
"""

import functools
import re
import secrets
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol, cast

from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, F, OuterRef, Q
from django.tasks import default_task_backend
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from manchette.accounts.models import Profile
from manchette.subscriptions import services as subscriptions
from manchette.website import purging

from . import scoring, tasks
from .models import ArticleComments, Comment, Commenter, CommentSettings, Reason, Report

LIMIT = 2000
EDIT_WINDOW = timedelta(minutes=5)
DUPLICATE_WINDOW = timedelta(days=1)
# At most one purge of an article's comment pages per PURGE_EVERY, however many comments
# come: each purge makes Varnish fetch the article page again, and purging once per comment
# had the application servers render a busy article dozens of times a second instead of
# taking comments. Anonymous readers see a new comment within a second or two.
PURGE_EVERY = timedelta(seconds=1)
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


def _validated_text(raw: str, rules: CommentSettings) -> str:
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


def comments_closed(article, rules: CommentSettings, now: datetime | None = None) -> bool:
    if ArticleComments.objects.filter(article_id=article.pk, closed=True).exists():
        return True
    closes_at = closing_time(article, rules)
    return closes_at is not None and closes_at <= (now or timezone.now())


def closing_time(article, rules: CommentSettings) -> datetime | None:
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


def _locked_commenter(user: User) -> Commenter:
    # The row serialises one reader's posts, so two at once cannot both pass the rate limit.
    # Read and locked in one query; made (and locked by its insert) on a first comment.
    commenter, _created = Commenter.objects.select_for_update().get_or_create(user=user)
    return commenter


def _pseudonym(user: User) -> str:
    return Profile.objects.filter(user=user).values_list("pseudonym", flat=True).first() or ""


def _check_may_post(user: User, commenter: Commenter, article, rules, now: datetime) -> str:
    if not user.is_authenticated or not subscriptions.may_comment(user):
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


def _check_rate(user: User, rules: CommentSettings, now: datetime) -> None:
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


def _check_duplicate(user: User, text: str, now: datetime, exclude: int | None = None) -> None:
    same = Comment.objects.filter(author=user, text=text, created_at__gt=now - DUPLICATE_WINDOW)
    if exclude is not None:
        same = same.exclude(pk=exclude)
    if same.exclude(status=Comment.Status.DELETED).exists():
        raise Refused(_("Vous avez déjà publié ce commentaire."), code="duplicate")


def _reply_target(article, reply_to: int | None) -> Comment | None:
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


def _hold_reasons(
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


# --------------------------------------------------------------------------- readers' operations


def post_comment(
    user: User, article, text: str, reply_to: int | None = None, language: str = ""
) -> Comment:
    """Publishes the comment, or keeps it for moderation, or raises Refused.

    `language` is the one the reader uses the site in: their reply mails will be in it.
    """
    rules = CommentSettings.load()
    now = timezone.now()
    with transaction.atomic():
        commenter = _locked_commenter(user)
        _remember_language(commenter, language)
        pseudonym = _check_may_post(user, commenter, article, rules, now)
        body = _validated_text(text, rules)
        _check_rate(user, rules, now)
        _check_duplicate(user, body, now)
        target = _reply_target(article, reply_to)
        held = _hold_reasons(user, commenter, body, rules)
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
            _public_changed(comment.article_id)
            _notify_on_commit(comment)
    return comment


def _remember_language(commenter: Commenter, language: str) -> None:
    if language and language in dict(settings.LANGUAGES) and commenter.language != language:
        commenter.language = language
        commenter.save(update_fields=["language"])


def _own_comment(user: User, comment_id: int) -> Comment:
    comment = Comment.objects.select_for_update().filter(pk=comment_id, author_id=user.pk).first()
    if comment is None or comment.status == Comment.Status.DELETED:
        raise Refused(_("Ce commentaire n'existe pas ou n'est pas le vôtre."), code="not_yours")
    return comment


def may_edit(comment: Comment, now: datetime | None = None) -> bool:
    return comment.status in (Comment.Status.PUBLISHED, Comment.Status.PENDING) and (
        (now or timezone.now()) - comment.created_at <= EDIT_WINDOW
    )


def edit_comment(user: User, comment_id: int, text: str) -> Comment:
    """The author corrects their comment within five minutes; the rules apply again."""
    rules = CommentSettings.load()
    now = timezone.now()
    with transaction.atomic():
        commenter = _locked_commenter(user)
        comment = _own_comment(user, comment_id)
        refusal = standing_refusal(commenter.standing, commenter.until, now)
        if refusal is not None:
            raise refusal
        if not may_edit(comment, now):
            raise Refused(
                _("Un commentaire ne peut être modifié que dans les cinq minutes."), code="edit_window"
            )
        body = _validated_text(text, rules)
        _check_duplicate(user, body, now, exclude=comment.pk)
        was_published = comment.is_published
        held = _hold_reasons(user, commenter, body, rules)
        comment.text, comment.edited_at = body, now
        if held:
            comment.status, comment.held_because = Comment.Status.PENDING, "; ".join(held)
        comment.save(update_fields=["text", "edited_at", "status", "held_because"])
        if was_published:
            _public_changed(comment.article_id)
        if comment.is_published:
            _notify_on_commit(comment)  # an @mention added by the edit; nobody is told twice
    return comment


def delete_comment(user: User, comment_id: int) -> Comment:
    with transaction.atomic():
        comment = _own_comment(user, comment_id)
        was_published = comment.is_published
        comment.status = Comment.Status.DELETED
        comment.save(update_fields=["status"])
        if was_published:
            _public_changed(comment.article_id)
    return comment


def report_comment(user: User, comment_id: int, reason: str, note: str = "") -> Report:
    if not user.is_authenticated:
        raise Refused(_("Identifiez-vous pour signaler un commentaire."), code="anonymous")
    if reason not in Reason.values:
        raise Refused(_("Choisissez un motif dans la liste."), code="reason")
    with transaction.atomic():
        comment = Comment.objects.select_for_update().filter(pk=comment_id).first()
        if comment is None or not comment.is_published:
            raise Refused(_("Ce commentaire n'est plus visible."), code="gone")
        if comment.author_id == user.pk:
            raise Refused(_("Vous ne pouvez pas signaler votre propre commentaire."), code="own")
        try:
            with transaction.atomic():
                report = Report.objects.create(
                    comment=comment, reporter=user, reason=reason, note=clean_text(note)[:500]
                )
        except IntegrityError:
            raise Refused(_("Vous avez déjà signalé ce commentaire."), code="already") from None
        Comment.objects.filter(pk=comment.pk).update(open_reports=F("open_reports") + 1)
    return report


# --------------------------------------------------------------------------- moderators' operations


def _moderated(comment_id: int) -> Comment:
    comment = Comment.objects.select_for_update().filter(pk=comment_id).first()
    if comment is None or comment.status == Comment.Status.DELETED:
        raise Refused(_("Ce commentaire n'existe plus."), code="gone")
    return comment


def approve(moderator: User, comment_id: int) -> Comment:
    """Publishes a held comment, or keeps a reported one published and closes its reports."""
    with transaction.atomic():
        comment = _moderated(comment_id)
        comment.status, comment.open_reports = Comment.Status.PUBLISHED, 0
        comment.reason, comment.reason_note = "", ""
        comment.moderated_at, comment.moderated_by = timezone.now(), moderator
        comment.save()
        _public_changed(comment.article_id)
        _notify_on_commit(comment)
    return comment


def reject(moderator: User, comment_id: int, reason: str, note: str = "") -> Comment:
    """Removes a comment on one of the charter's grounds, shown to its author; counts a strike."""
    if reason not in Reason.values:
        raise Refused(_("Choisissez un motif de la charte."), code="reason")
    rules = CommentSettings.load()
    now = timezone.now()
    with transaction.atomic():
        comment = _moderated(comment_id)
        was_published = comment.is_published
        comment.status, comment.featured, comment.open_reports = Comment.Status.REJECTED, False, 0
        comment.reason, comment.reason_note = reason, clean_text(note)
        comment.moderated_at, comment.moderated_by = now, moderator
        comment.save()
        _apply_strikes(comment.author_id, rules, now)
        if was_published:
            _public_changed(comment.article_id)
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
            raise Refused(_("Seul un commentaire publié peut être mis en avant."), code="not_published")
        comment.featured = featured
        comment.moderated_at, comment.moderated_by = timezone.now(), moderator
        comment.save(update_fields=["featured", "moderated_at", "moderated_by"])
        _public_changed(comment.article_id)
    return comment


def set_standing(
    moderator: User, user_id: int, standing: str, until: datetime | None = None, reason: str = ""
) -> Commenter:
    """Premoderates, suspends until a date, bans, or gives back the right to comment."""
    if standing not in Commenter.Standing.values:
        raise Refused(_("Choisissez une mesure dans la liste."), code="standing")
    now = timezone.now()
    if standing == Commenter.Standing.SUSPENDED and (until is None or until <= now):
        raise Refused(_("Une suspension demande une date de fin à venir."), code="until")
    with transaction.atomic():
        Commenter.objects.get_or_create(user_id=user_id)
        commenter = Commenter.objects.select_for_update().get(pk=user_id)
        commenter.standing = standing
        commenter.until = until if standing == Commenter.Standing.SUSPENDED else None
        commenter.reason, commenter.changed_at = clean_text(reason), now
        commenter.save()
    return commenter


def warn(moderator: User, user_id: int, message: str) -> Commenter:
    """A warning the reader sees above the comment form until a moderator lifts it."""
    with transaction.atomic():
        Commenter.objects.get_or_create(user_id=user_id)
        commenter = Commenter.objects.select_for_update().get(pk=user_id)
        commenter.warning, commenter.changed_at = clean_text(message), timezone.now()
        commenter.save(update_fields=["warning", "changed_at"])
    return commenter


def close_comments(article, closed: bool) -> None:
    with transaction.atomic():
        ArticleComments.objects.update_or_create(
            article_id=article.pk, defaults={"closed": closed, "changed_at": timezone.now()}
        )
        _public_changed(article.pk)


# --------------------------------------------------------------------------- what readers see


@dataclass
class Thread:
    comment: Comment
    replies: list[Comment] = field(default_factory=list)


@dataclass
class Listing:
    count: int
    threads: list[Thread]
    more: bool
    closed_by_editor: bool
    closes_at: datetime | None


def listing(article, sort: str, pages: int, rules: CommentSettings) -> Listing:
    """The first `pages` pages of threads, each with its published replies: three queries."""
    published = Comment.objects.filter(article_id=article.pk, status=Comment.Status.PUBLISHED)
    count, closed = _count_and_closed(article.pk)
    # A thread its author deleted stays, as a placeholder, while it has published replies.
    answered = Exists(published.filter(thread=OuterRef("pk")))
    roots = Comment.objects.filter(article_id=article.pk, thread__isnull=True).filter(
        Q(status=Comment.Status.PUBLISHED) | (Q(status=Comment.Status.DELETED) & answered)
    )
    order = {"anciens": ["created_at", "pk"], "selection": ["-featured", "-created_at", "-pk"]}
    roots = roots.order_by(*order.get(sort, ["-created_at", "-pk"]))
    shown = rules.page_size * pages
    threads = [Thread(comment) for comment in roots[: shown + 1]]
    more = len(threads) > shown
    threads = threads[:shown]
    by_id = {thread.comment.pk: thread for thread in threads}
    if by_id:
        for reply in (
            published.filter(thread_id__in=by_id).select_related("reply_to").order_by("created_at", "pk")
        ):
            by_id[cast(int, reply.thread_id)].replies.append(reply)  # a reply's thread: filtered above
    return Listing(count, threads, more, closed, closing_time(article, rules))


def _count_and_closed(article_id: int) -> tuple[int, bool]:
    """The published comments of an article, and whether an editor closed them: one query."""
    from manchette.articles.models import ArticlePage

    row = (
        ArticlePage.objects.filter(pk=article_id)
        .annotate(
            published=Count("comments", filter=Q(comments__status=Comment.Status.PUBLISHED)),
            closed=Exists(ArticleComments.objects.filter(article_id=OuterRef("pk"), closed=True)),
        )
        .values_list("published", "closed")
        .first()
    )
    return (row[0], bool(row[1])) if row else (0, False)


@dataclass
class ReaderState:
    """What one logged-in reader sees of the comment section beyond the public list."""

    refusal: Refused | None
    warning: str
    own: list[Comment]


_UNFINISHED = (Comment.Status.PENDING, Comment.Status.REJECTED)


class ReaderRow(Protocol):
    """A Commenter from reader_row's query, with the columns it adds (NULL ones are None)."""

    standing: str
    until: datetime | None
    warning: str
    pseudonym: str | None
    unpublished: bool
    list_version: str | None


def reader_row(user: User, article) -> ReaderRow:
    """One query: the reader's standing and pseudonym, whether they have unpublished comments
    here, and the article's comment-list version (`list_version`), which their page needs too."""
    row = next(iter(Commenter.objects.raw(_reader_sql(), [article.pk, *_UNFINISHED, article.pk, user.pk])))
    return cast(ReaderRow, row)  # a raw query's extra columns become attributes of its rows


def reader_state(
    user: User, article, row: ReaderRow, may_comment: bool, closed: bool
) -> ReaderState:
    """From the reader's `reader_row`: one query more when they have unpublished comments here."""
    refusal = standing_refusal(row.standing, row.until, timezone.now())
    if refusal is None:
        if not may_comment:
            refusal = Refused(_("Les commentaires sont réservés aux abonnés."), code="not_subscriber")
        elif closed:
            refusal = Refused(_("Les commentaires sont fermés sur cet article."), code="closed")
        elif not row.pseudonym:
            refusal = Refused(_("Choisissez un pseudonyme pour commenter."), code="no_pseudonym")
    own = []
    if row.unpublished:
        unpublished = Comment.objects.filter(article_id=article.pk, author=user, status__in=_UNFINISHED)
        own = list(unpublished.order_by("-created_at"))
    return ReaderState(refusal, row.warning or "", own)


@functools.cache
def _reader_sql() -> str:
    # Every subscriber's article page asks it: written in SQL because building it with the ORM
    # took longer than the database took to answer (1.5 ms against 0.6 ms on PostgreSQL). One
    # row always: a reader who never commented, or has no profile, gets NULL columns.
    return f"""
        SELECT commenter.user_id, commenter.standing, commenter."until", commenter.warning,
               profile.pseudonym AS pseudonym,
               EXISTS (
                   SELECT 1 FROM {Comment._meta.db_table} AS own
                   WHERE own.author_id = reader.id AND own.article_id = %s AND own.status IN (%s, %s)
               ) AS unpublished,
               (
                   SELECT state.list_version FROM {ArticleComments._meta.db_table} AS state
                   WHERE state.article_id = %s
               ) AS list_version
        FROM (SELECT CAST(%s AS bigint) AS id) AS reader
        LEFT JOIN {Commenter._meta.db_table} AS commenter ON commenter.user_id = reader.id
        LEFT JOIN {Profile._meta.db_table} AS profile ON profile.user_id = reader.id
    """  # noqa: S608 - table names from the models; every value is a parameter


# --------------------------------------------------------------------------- the public copy


def list_version(article_id: int) -> str:
    """The token the cached comment list of an article is kept under (a new one after each change).

    Read from the database, which every process shares (one primary-key query): a logged-in
    reader's page gets it with their own question instead (`reader_row`).
    """
    version = ArticleComments.objects.filter(article_id=article_id).values_list("list_version", flat=True)
    return version.first() or ""


def _public_changed(article_id: int) -> None:
    """A new list version, in the change's own transaction; the shared cache purged once it commits."""
    changed = ArticleComments(article_id=article_id, list_version=secrets.token_hex(8))
    ArticleComments.objects.bulk_create(
        [changed], update_conflicts=True, unique_fields=["article"], update_fields=["list_version"]
    )
    transaction.on_commit(lambda: _refresh_public_copy(article_id))


def article_withdrawn(article_id: int) -> None:
    """The article left readers' sight (unpublished): its comment lists, which answer 404 from
    now on, must not be served from any cache either. An update, not an upsert: the article
    may be on its way out (a deletion unpublishes first), and a list never versioned has
    nothing to change."""
    ArticleComments.objects.filter(article_id=article_id).update(list_version=secrets.token_hex(8))
    transaction.on_commit(lambda: _refresh_public_copy(article_id))


def _refresh_public_copy(article_id: int) -> None:
    if not purging.purging_enabled():
        return
    if not default_task_backend.supports_defer:
        tasks.purge_public_copy.enqueue(article_id)  # a backend that cannot wait: at once
    elif cache.add(_purge_key(article_id), True, PURGE_EVERY.total_seconds()):
        # The first change of the second books one purge for the end of it; the others ride
        # along (they committed before the booking expires, so before the purge is sent).
        tasks.purge_public_copy.using(run_after=timezone.now() + PURGE_EVERY).enqueue(article_id)


def _purge_key(article_id: int) -> str:
    return f"comments:purge-booked:{article_id}"


# ------------------------------------------------ reply and mention mails (the sending: notifications.py)


def _notify_on_commit(comment: Comment) -> None:
    if comment.reply_to_id is None and "@" not in comment.text:
        return  # nobody to tell: no task
    transaction.on_commit(lambda: tasks.notify_readers.enqueue(comment.pk))


def set_reply_mails(user: User, wanted: bool, language: str = "") -> Commenter:
    """The reader's choice in "Mon compte": mails when someone answers or mentions them, or none."""
    with transaction.atomic():
        commenter = _locked_commenter(user)
        commenter.reply_mails = wanted
        commenter.save(update_fields=["reply_mails"])
        _remember_language(commenter, language)
    return commenter
