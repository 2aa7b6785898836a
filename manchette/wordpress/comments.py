"""Which WordPress comments come over, and as what: approved ones published, pending ones to the
moderation queue, spam, trash and pingbacks left behind. The comments app adds them
(`manchette.comments.imports`); the commenter's e-mail address is never read."""

from django.utils.translation import gettext as _

from manchette.comments.imports import ImportedComment

from .wxr import WPComment


def kept(comment: WPComment) -> bool:
    return comment.comment_type not in {"pingback", "trackback"} and comment.approved in {"1", "0"}


def skip_reason(comment: WPComment) -> str:
    if comment.comment_type in {"pingback", "trackback"}:
        return _("rétrolien")
    return _("indésirable") if comment.approved == "spam" else _("à la corbeille")


def as_imported(comment: WPComment) -> ImportedComment:
    return ImportedComment(
        key=comment.comment_id,
        reply_to="" if comment.parent in {"", "0"} else comment.parent,
        name=comment.author,
        text=comment.content,
        written_at=comment.date_gmt,
        approved=comment.approved == "1",
    )
