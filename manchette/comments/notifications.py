"""The mails telling readers that a published comment answers or mentions them: who is named,
the rows that record each mail, and the sending (run by tasks.notify_readers, which services
queue when a comment is published)."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from manchette.accounts.models import Profile

from . import mail
from .models import Comment, Commenter, Notification

# A comment names at most this many readers by mail: "@" in front of every pseudonym of the
# thread must not turn a comment into a mailing.
MAX_MENTIONS = 5
# "@" then a pseudonym's characters (accounts.pseudonyms), not inside a word or an address.
_MENTION = re.compile(r"(?<![\w@.])@([^\W_][\w .'’-]{0,29})")
_NAME_END = " .'’-"


def _mention_candidates(text: str) -> list[list[str]]:
    """For each "@…", the names it may stand for, longest first: "@Jean Dupont merci" may name
    "Jean Dupont merci", "Jean Dupont" or "Jean"."""
    mentions = []
    for match in _MENTION.finditer(text):
        run = match.group(1)
        names = {
            run[:end].rstrip(_NAME_END)
            for end in range(1, len(run) + 1)
            if end == len(run) or run[end] in _NAME_END
        }
        mentions.append(sorted((name for name in names if name), key=len, reverse=True))
    return mentions


def mentioned_readers(text: str) -> list[int]:
    """The readers a comment names with "@pseudonyme" (the longest pseudonym that fits), in order.

    Case does not matter (for accented capitals, on PostgreSQL only: SQLite lowers ASCII alone).
    """
    mentions = _mention_candidates(text)
    if not mentions:
        return []
    wanted = {name for names in mentions for name in names}
    owners = {
        pseudonym.lower(): user_id
        for user_id, pseudonym in Profile.objects.annotate(folded=Lower("pseudonym"))
        .filter(Q(pseudonym__in=wanted) | Q(folded__in={name.lower() for name in wanted}))
        .values_list("user_id", "pseudonym")
        if pseudonym  # always, as it matched; the column may be NULL for others
    }
    found: list[int] = []
    for names in mentions:
        user_id = next((owners[name.lower()] for name in names if name.lower() in owners), None)
        if user_id is not None and user_id not in found:
            found.append(user_id)
    return found[:MAX_MENTIONS]


def record_notifications(comment_id: int) -> list[int]:
    """Rows for the readers a published comment answers or mentions; the ids still to send.

    Only readers who asked for these mails in "Mon compte", never the author, nor a reader
    without an address to write to.
    """
    comment = (
        Comment.objects.select_related("reply_to")
        .filter(pk=comment_id, status=Comment.Status.PUBLISHED)
        .first()
    )
    if comment is None:
        return []
    wanted: dict[int, str] = {}
    if comment.reply_to is not None:
        wanted[comment.reply_to.author_id] = Notification.Kind.REPLY
    for user_id in mentioned_readers(comment.text):
        wanted.setdefault(user_id, Notification.Kind.MENTION)
    wanted.pop(comment.author_id, None)
    if wanted:
        asked = Commenter.objects.filter(pk__in=wanted, reply_mails=True).values_list("pk", flat=True)
        reachable = (
            get_user_model()
            .objects.filter(pk__in=asked, is_active=True)
            .exclude(email="")
            .values_list("pk", flat=True)
        )
        Notification.objects.bulk_create(
            [Notification(comment=comment, recipient_id=pk, kind=wanted[pk]) for pk in reachable],
            ignore_conflicts=True,
        )
    return list(
        Notification.objects.filter(comment_id=comment_id, sent_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def send_notification(notification_id: int) -> bool:
    """Sends one reply or mention mail unless it went already (or another worker is sending it)."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("comment", "recipient")
            .filter(pk=notification_id, sent_at__isnull=True)
            .first()
        )
        if notification is None or not notification.comment.is_published:
            return False
        wanted = reply_mails_wanted(notification.recipient)  # they may have changed their mind since
        if wanted:
            mail.notification(notification).send()
        notification.sent_at = timezone.now()
        notification.save(update_fields=["sent_at"])
    return wanted


def reply_mails_wanted(user: User) -> bool:
    return Commenter.objects.filter(pk=user.pk, reply_mails=True).exists()
