"""What live coverage holds about a person: the newsroom account that posted each entry.

The entries are the newspaper's public record and stay, signed with their author (a byline,
not an account); an account's export lists the entries it posted, and its deletion leaves
them without that account.
"""

from manchette.accounts.personal_data import Reader, iso

from .models import LiveEntry


def export(reader: Reader) -> dict[str, object]:
    entries = LiveEntry.objects.filter(posted_by=reader.user).order_by("posted_at", "pk")
    return {
        "live_entries_posted": [
            {"live_id": entry.page_id, "entry_id": entry.pk, "posted_at": iso(entry.posted_at)}
            for entry in entries
        ]
    }


def forget(reader: Reader) -> None:
    LiveEntry.objects.filter(posted_by=reader.user).update(posted_by=None)
