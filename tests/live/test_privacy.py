"""The newsroom account that posted a live entry: in its export, and gone from the entry (which
stays, with its byline) when the account is deleted."""

from manchette.accounts import services as accounts
from manchette.accounts.personal_data import Reader
from manchette.articles.models import Author
from manchette.live import entries, privacy
from manchette.live.models import LiveEntry, LivePage


def test_the_poster_is_exported_then_forgotten_and_the_entry_stays(
    live: LivePage, author: Author, make_user
) -> None:
    journalist = make_user()
    text = entries.EntryText(text="Le sommet s'ouvre.", title="")
    entry = entries.post_entry(live, text, posted_by=journalist, author=author)
    exported = privacy.export(Reader(journalist, frozenset()))
    assert [row["entry_id"] for row in exported["live_entries_posted"]] == [entry.pk]

    accounts.delete_account(journalist)
    entry = LiveEntry.objects.get(pk=entry.pk)
    assert entry.posted_by is None and entry.author == author
