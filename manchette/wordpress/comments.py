"""Approved WordPress comments under their article, threaded as Manchette threads them.

WordPress commenters have no Manchette account, and none is made for them: every imported
comment belongs to one inactive archive account (no address, no password, no pseudonym of its
own), and the commenter's display name is the comment's own `pseudonym`. Their e-mail address
is never read. Manchette threads one level deep: a reply to a reply joins the thread of the
first comment and keeps `reply_to` pointing at the comment it answered.

The comments app offers no service to bring in comments written elsewhere (its `post_comment`
is a reader's comment: rate limits, the closing delay, mail to the thread); this module writes
its rows and is the one place to move there when it has one.
"""

from django.contrib.auth import get_user_model
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from manchette.comments.models import Comment

from .wxr import WPComment

ARCHIVE_USERNAME = "archives-wordpress"
PSEUDONYM_MAX = 30
IMPORTED = "Importé de WordPress"


def archive_account():
    User = get_user_model()
    user, created = User.objects.get_or_create(username=ARCHIVE_USERNAME, defaults={"is_active": False})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def status_of(comment: WPComment) -> str | None:
    """The Manchette status of a WordPress comment; None for those left behind."""
    if comment.comment_type in {"pingback", "trackback"}:
        return None
    return {"1": Comment.Status.PUBLISHED, "0": Comment.Status.PENDING}.get(comment.approved)


def skip_reason(comment: WPComment) -> str:
    if comment.comment_type in {"pingback", "trackback"}:
        return _("rétrolien")
    return _("indésirable") if comment.approved == "spam" else _("à la corbeille")


def create(article_id: int, comment: WPComment, status: str, parent: Comment | None) -> Comment:
    text = strip_tags(comment.content).strip() or "…"
    return Comment.objects.create(
        article_id=article_id,
        author=archive_account(),
        pseudonym=(" ".join(comment.author.split()) or _("Anonyme"))[:PSEUDONYM_MAX],
        thread_id=(parent.thread_id or parent.pk) if parent else None,
        reply_to=parent,
        text=text,
        status=status,
        held_because=IMPORTED if status == Comment.Status.PENDING else "",
        **({"created_at": comment.date_gmt} if comment.date_gmt else {}),
    )


def existing(comment_ids: list[int]) -> dict[int, Comment]:
    return Comment.objects.in_bulk(comment_ids)
