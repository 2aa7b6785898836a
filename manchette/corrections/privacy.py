"""What the corrections hold about a person: the newsroom member who added each notice.

The notices are the newspaper's public record and stay; an account's export lists those it
added, and its deletion leaves them without their author's account (the log entry Wagtail
keeps goes the way of Wagtail's own records of that user).
"""

from manchette.accounts.personal_data import Reader, iso

from .models import Correction


def export(reader: Reader) -> dict[str, object]:
    notices = Correction.objects.filter(added_by=reader.user).order_by("added_at", "pk")
    return {
        "corrections_added": [
            {"article_id": notice.article_id, "kind": notice.kind, "added_at": iso(notice.added_at)}
            for notice in notices
        ]
    }


def forget(reader: Reader) -> None:
    Correction.objects.filter(added_by=reader.user).update(added_by=None)
