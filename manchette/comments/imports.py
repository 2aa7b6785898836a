"""Comments brought in from another system (the WordPress migration), under their article.

They are not readers' comments: their writers have no account here, so none of the rules of
`posting.post_comment` apply (rate limits, closing delay, standing, pre-moderation) and no
reader is ever mailed about them. Every one belongs to one inactive archive account (no
address, no password, no pseudonym of its own) and is signed with the display name it had;
no e-mail address is taken. Manchette threads one level deep: a reply to a reply joins the
thread of the first comment and keeps `reply_to` pointing at the comment it answered.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from . import checks, list_versions
from .models import Comment

ARCHIVE_USERNAME = "archives-wordpress"
PSEUDONYM_MAX = 30


@dataclass(frozen=True)
class ImportedComment:
    key: str  # its id in the system it comes from
    reply_to: str  # the key of the comment it answers; "" for none
    name: str  # the writer's display name there
    text: str  # may hold markup: only its text is kept
    written_at: datetime | None
    approved: bool  # False: it waits in the moderation queue


def archive_account() -> User:
    user, created = User.objects.get_or_create(username=ARCHIVE_USERNAME, defaults={"is_active": False})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def import_comments(
    article_id: int, comments: list[ImportedComment], already: dict[str, Comment], source: str
) -> dict[str, Comment]:
    """Adds the comments not in `already` (key → comment brought in by an earlier run) under the
    article, parents before their replies, and returns every one by key. A reply whose parent is
    not among them (left behind as spam, say) starts a thread of its own. `source` names where
    they come from in the moderation queue ("WordPress")."""
    waiting = [comment for comment in comments if comment.key not in already]
    return import_new_comments({article_id: waiting}, source, {article_id: already})[article_id]


@transaction.atomic
def import_new_comments(
    by_article: dict[int, list[ImportedComment]],
    source: str,
    already: dict[int, dict[str, Comment]] | None = None,
) -> dict[int, dict[str, Comment]]:
    """Adds the comments of many articles (an import's batch), each replying to a comment of its
    own article, among them or `already` brought in: one insert for the comments that answer
    none of the others, one for the replies to them, and so on, whatever the number of
    articles. Returns each article's comments by key, `already` included."""
    done = {article_id: dict((already or {}).get(article_id, {})) for article_id in by_article}
    waiting = {article_id: list(comments) for article_id, comments in by_article.items() if comments}
    if not waiting:
        return done
    account = archive_account()
    # Their articles' cached public lists are stale.
    list_versions.public_changed_for(
        [article_id for article_id, comments in waiting.items() if any(c.approved for c in comments)]
    )
    while waiting:
        made: list[tuple[int, str, Comment]] = []
        for article_id, comments in waiting.items():
            keys = {comment.key for comment in comments}
            # `or comments`: a loop of replies (which no real export has) is brought in as it comes.
            ready = [comment for comment in comments if comment.reply_to not in keys] or comments
            parents = done[article_id]
            made += [
                (article_id, c.key, _new(article_id, account, c, parents.get(c.reply_to), source))
                for c in ready
            ]
        Comment.objects.bulk_create([comment for _article, _key, comment in made])
        for article_id, key, comment in made:
            done[article_id][key] = comment
        waiting = {
            article_id: left
            for article_id, comments in waiting.items()
            if (left := [comment for comment in comments if comment.key not in done[article_id]])
        }
    return done


def _new(
    article_id: int, account: User, comment: ImportedComment, parent: Comment | None, source: str
) -> Comment:
    status = Comment.Status.PUBLISHED if comment.approved else Comment.Status.PENDING
    return Comment(
        article_id=article_id,
        author=account,
        pseudonym=(" ".join(comment.name.split()) or _("Anonyme"))[:PSEUDONYM_MAX],
        thread_id=(parent.thread_id or parent.pk) if parent else None,
        reply_to=parent,
        text=checks.clean_text(strip_tags(comment.text)) or "…",
        status=status,
        held_because="" if comment.approved else _("importé de %(source)s") % {"source": source},
        **({"created_at": comment.written_at} if comment.written_at else {}),
    )


def existing(comment_ids: list[int]) -> dict[int, Comment]:
    return Comment.objects.in_bulk(comment_ids)
