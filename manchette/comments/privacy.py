"""What the comments hold about a reader, for the data export and the account deletion.

On deletion, as the charter page says (templates/comments/charter.html):
- published comments stay under their articles, signed "Compte supprimé": the pseudonym is
  wiped from every comment, so the pseudonym, released with the profile, can be taken by
  another reader without their name appearing on the old comments; replies to them stay;
- the comments that were not published (held, refused, deleted by their author) lose
  their text and the moderators' notes; a held one leaves the moderation queue;
- the reader's standing as a commenter and the reply mails meant for them go; the mails
  about their own comments not sent yet are dropped (they would name a pseudonym that is gone);
- their reports stay, as the moderators' record of a comment's reports, without their
  note; the account they point to no longer names anyone.
The comment lists of the articles concerned get a new version, with the deletion.
"""

from django.db.models import Q

from manchette.accounts.personal_data import Reader, iso

from . import list_versions
from .models import Comment, Commenter, Notification, Report


def export(reader: Reader) -> dict[str, object]:
    user = reader.user
    commenter = Commenter.objects.filter(user=user).first()
    comments = Comment.objects.filter(author=user).select_related("article").order_by("created_at", "pk")
    reports = Report.objects.filter(reporter=user).order_by("created_at", "pk")
    notifications = Notification.objects.filter(recipient=user).order_by("created_at", "pk")
    return {
        "commenter": None
        if commenter is None
        else {
            "standing": commenter.standing,
            "until": iso(commenter.until),
            "reason": commenter.reason,
            "warning": commenter.warning,
            "reply_mails": commenter.reply_mails,
            "language": commenter.language,
        },
        "comments": [
            {
                "id": comment.pk,
                "article": comment.article.title,
                "url": comment.article.url,
                "pseudonym": comment.pseudonym,
                "text": comment.text,
                "status": comment.status,
                "in_reply_to": comment.reply_to_id or comment.thread_id,
                "written_at": iso(comment.created_at),
                "edited_at": iso(comment.edited_at),
                "refusal_reason": comment.reason,
                "moderator_note": comment.reason_note,
            }
            for comment in comments
        ],
        "comment_reports": [
            {
                "comment": report.comment_id,
                "reason": report.reason,
                "note": report.note,
                "at": iso(report.created_at),
            }
            for report in reports
        ],
        "comment_notifications": [
            {
                "comment": notification.comment_id,
                "kind": notification.kind,
                "at": iso(notification.created_at),
                "sent_at": iso(notification.sent_at),
            }
            for notification in notifications
        ],
    }


def forget(reader: Reader) -> None:
    user = reader.user
    own = Comment.objects.filter(author=user)
    articles = set(own.values_list("article_id", flat=True).distinct())
    Notification.objects.filter(Q(recipient=user) | Q(comment__author=user, sent_at__isnull=True)).delete()
    own.filter(status=Comment.Status.PENDING).update(status=Comment.Status.DELETED)
    own.exclude(status=Comment.Status.PUBLISHED).update(text="", reason_note="")
    own.update(pseudonym="", held_because="")
    Report.objects.filter(reporter=user).exclude(note="").update(note="")
    Commenter.objects.filter(user=user).delete()
    for article_id in articles:
        # The list must show "Compte supprimé" at once: a new version, in this transaction.
        list_versions.public_changed(article_id)
