"""What readers see: an article's threads, its count, and one reader's own state (their
standing, pseudonym and unpublished comments) in one question."""

import functools
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Protocol, cast

from django.contrib.auth.models import User
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from manchette.accounts.models import Profile

from . import checks
from .models import ArticleComments, Comment, Commenter, CommentSettings

if TYPE_CHECKING:  # annotations only
    from manchette.articles.models import ArticlePage

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


def listing(article: "ArticlePage", sort: str, pages: int, rules: CommentSettings) -> Listing:
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
    return Listing(count, threads, more, closed, checks.closing_time(article, rules))


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

    refusal: checks.Refused | None
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


def reader_row(user: User, article: "ArticlePage") -> ReaderRow:
    """One query: the reader's standing and pseudonym, whether they have unpublished comments
    here, and the article's comment-list version (`list_version`), which their page needs too."""
    row = next(iter(Commenter.objects.raw(_reader_sql(), [article.pk, *_UNFINISHED, article.pk, user.pk])))
    return cast(ReaderRow, row)  # a raw query's extra columns become attributes of its rows


def reader_state(
    user: User, article: "ArticlePage", row: ReaderRow, may_comment: bool, closed: bool
) -> ReaderState:
    """From the reader's `reader_row`: one query more when they have unpublished comments here."""
    refusal = checks.standing_refusal(row.standing, row.until, timezone.now())
    if refusal is None:
        if not may_comment:
            refusal = checks.Refused(_("Les commentaires sont réservés aux abonnés."), code="not_subscriber")
        elif closed:
            refusal = checks.Refused(_("Les commentaires sont fermés sur cet article."), code="closed")
        elif not row.pseudonym:
            refusal = checks.Refused(_("Choisissez un pseudonyme pour commenter."), code="no_pseudonym")
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
