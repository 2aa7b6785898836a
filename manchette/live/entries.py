"""The newsroom's side of a live: who may post, and posting, correcting, pinning and
removing entries. Each change raises the live's version and purges its cached copies
(publishing.py) in the same transaction.

Who may post: whoever may publish the page (the "Éditeurs" group), and whoever may edit it
("Journalistes") once an editor has published it: the live itself was reviewed, its entries
go out at once, like a journalist's tweet from the scene.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from wagtail.images.models import Image

from manchette.articles.models import Agency, Author

from . import publishing
from .models import LiveEntry, LivePage


@dataclass
class EntryText:
    """What the short form gives: plain text (paragraphs split by blank lines), an optional picture."""

    text: str
    title: str = ""
    image: Image | None = None
    image_alt: str = ""
    image_caption: str = ""
    image_credit: str = ""


def may_post(user: AbstractBaseUser | AnonymousUser, page: LivePage) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    rights = page.permissions_for_user(user)
    return rights.can_publish() or (page.live and rights.can_edit())


def body_from(content: EntryText) -> list[tuple[str, object]]:
    """StreamField data from the form's plain text: one paragraph per block of lines."""
    blocks: list[tuple[str, object]] = []
    for paragraph in content.text.replace("\r\n", "\n").split("\n\n"):
        lines = [escape(line.strip()) for line in paragraph.split("\n") if line.strip()]
        if lines:
            blocks.append(("paragraph", "<p>" + "<br/>".join(lines) + "</p>"))
    if content.image is not None:
        image = {
            "image": content.image,
            "alt": content.image_alt,
            "caption": content.image_caption,
            "credit": content.image_credit,
        }
        blocks.append(("image", image))
    return blocks


@transaction.atomic
def post_entry(
    page: LivePage,
    content: EntryText,
    *,
    posted_by: User | None = None,
    author: Author | None = None,
    agency: Agency | None = None,
    key_event: bool = False,
    pinned: bool = False,
) -> LiveEntry:
    version = publishing.bump_version(page)
    if pinned:
        _unpin_all(page, version)
    entry = LiveEntry.objects.create(
        page=page,
        title=content.title,
        body=body_from(content),
        author=author,
        agency=agency,
        posted_by=posted_by,
        key_event=key_event,
        pinned=pinned,
        version=version,
    )
    publishing.entries_changed(page)
    return entry


@transaction.atomic
def correct_entry(entry: LiveEntry, content: EntryText, *, key_event: bool) -> LiveEntry:
    """New text for an entry; readers see that it was corrected, and when."""
    entry = LiveEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.deleted_at is not None:
        raise ValueError("a removed entry is not corrected")
    if content.image is None:  # the form leaves the picture out: keep the entry's own
        kept = [(block.block_type, block.value) for block in entry.body if block.block_type == "image"]
        entry.body = body_from(content) + kept
    else:
        entry.body = body_from(content)
    entry.title = content.title
    entry.key_event = key_event
    entry.corrected_at = timezone.now()
    entry.version = publishing.bump_version(entry.page)
    entry.save()
    publishing.entries_changed(entry.page)
    return entry


@transaction.atomic
def remove_entry(entry: LiveEntry) -> LiveEntry:
    """Takes an entry's text off the live for good; readers see that an entry was removed, and when."""
    entry = LiveEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.deleted_at is None:
        entry.deleted_at = timezone.now()
        entry.title = ""
        entry.body = []
        entry.pinned = entry.key_event = False
        entry.version = publishing.bump_version(entry.page)
        entry.save()
        publishing.entries_changed(entry.page)
    return entry


@transaction.atomic
def set_pinned(entry: LiveEntry, pinned: bool) -> LiveEntry:
    """Pins an entry on top of the live (unpinning any other), or unpins it."""
    entry = LiveEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.deleted_at is not None or entry.pinned == pinned:
        return entry
    version = publishing.bump_version(entry.page)
    if pinned:
        _unpin_all(entry.page, version)
    entry.pinned = pinned
    entry.version = version
    entry.save(update_fields=["pinned", "version"])
    publishing.entries_changed(entry.page)
    return entry


def _unpin_all(page: LivePage, version: int) -> None:
    LiveEntry.objects.filter(page=page, pinned=True).update(pinned=False, version=version)
