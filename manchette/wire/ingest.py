"""Ingesting agency files: each file parsed, its items filed under their stories as new
versions, in one transaction per batch; a file that cannot be read waits in quarantine.

Everything here is idempotent: a file seen twice, a version received twice, a kill applied
twice change nothing the second time. Where the files come from is transports.py's job, and
poller.py hands them over; what a new version does to the articles taken from its story is
the desk's (desk.apply_to_takes).
"""

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from . import desk, parsers, pictures
from .alerts import URGENT, alert_desk
from .models import Feed, ReceivedFile, Story, StoryVersion, Take
from .parsers import ParseError, WireItem
from .transports import TransportError

logger = logging.getLogger(__name__)

NEW, UPDATED, OLDER, DUPLICATE = "new", "updated", "older", "duplicate"
# Reads what an item points to (a body rendition, a picture) on the feed's transport.
Fetcher = Callable[[str], bytes]


@dataclass
class FileResult:
    name: str
    skipped: bool = False  # seen before
    error: str = ""
    outcomes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    cursor: str = ""


@dataclass
class _Parsed:
    """A file read and parsed, waiting to be recorded with the rest of its batch."""

    index: int
    name: str
    digest: str
    size: int
    parsed: parsers.ParsedFile
    warnings: list[str]


def ingest_file(feed: Feed, name: str, data: bytes, fetch: Fetcher | None = None) -> FileResult:
    """One file from a feed (see ingest_files)."""
    return ingest_files(feed, [(name, data)], fetch)[0]


def ingest_files(
    feed: Feed, files: list[tuple[str, bytes]], fetch: Fetcher | None = None
) -> list[FileResult]:
    """Files from a feed, recorded in one transaction with a handful of queries for the whole
    batch: a backlog of small files spent most of its time on per-item queries and commits.
    A malformed file is quarantined with the reason; it never stops the feed. When the batch
    cannot be recorded (another worker took one of its files, a value the database refuses),
    each file is tried alone, so only the faulty one is set aside. `fetch` reads what an item
    points to on the feed's transport (AP's body rendition)."""
    results: dict[int, FileResult] = {}
    named = [(name[:500], data, hashlib.sha256(data).hexdigest()) for name, data in files]
    seen: set[tuple[str, str]] = set()
    names = sorted({name for name, _data, _digest in named})
    for start in range(0, len(names), 500):
        batch = ReceivedFile.objects.filter(feed=feed, name__in=names[start : start + 500])
        seen.update(batch.values_list("name", "sha256"))
    pending = []
    for index, (name, data, digest) in enumerate(named):
        if (name, digest) in seen:
            results[index] = FileResult(name, skipped=True)
            continue
        seen.add((name, digest))
        try:
            parsed = parsers.parse(feed.format, data)
        except ParseError as error:
            results[index] = _quarantine(feed, name, digest, len(data), str(error))
            continue
        except Exception:  # a parser bug must not stop the feed: the file waits in quarantine
            logger.exception("wire: unexpected error parsing %s", name)
            results[index] = _quarantine(
                feed, name, digest, len(data), _("Erreur inattendue à la lecture du fichier.")
            )
            continue
        for item in parsed.items:
            fetch_body(item, fetch)
        warnings = list(parsed.warnings) + [
            f"{item.guid}: {w}" for item in parsed.items for w in item.warnings
        ]
        pending.append(_Parsed(index, name, digest, len(data), parsed, warnings))
    if pending:
        results.update(_record_safely(feed, pending))
    return [results[index] for index in range(len(named))]


def _record_safely(feed: Feed, batch: list[_Parsed]) -> dict[int, FileResult]:
    try:
        return _record(feed, batch)
    except IntegrityError:  # another worker took the same file (or story) at the same moment
        if len(batch) > 1:
            return _record_one_by_one(feed, batch)
        return {batch[0].index: FileResult(batch[0].name, skipped=True)}  # the next poll sees it
    except (DatabaseError, ValueError, OverflowError):  # a value the database refuses
        if len(batch) > 1:
            return _record_one_by_one(feed, batch)
        entry = batch[0]
        logger.exception("wire: could not record %s", entry.name)
        error = _("Erreur inattendue à l'enregistrement du fichier.")
        return {entry.index: _quarantine(feed, entry.name, entry.digest, entry.size, error)}


def _record_one_by_one(feed: Feed, batch: list[_Parsed]) -> dict[int, FileResult]:
    results: dict[int, FileResult] = {}
    for entry in batch:
        results.update(_record_safely(feed, [entry]))
    return results


def fetch_body(item: WireItem, fetch: Fetcher | None) -> None:
    """AP's Media API gives a story's text only as a link to its NITF rendition: the body is
    read from there, on transports that can (HTTP). A rendition that cannot be had or read
    leaves a warning on the item."""
    if item.body or not item.body_href:
        return
    if fetch is None:
        item.warnings.append(_("Texte vide."))
        return
    try:
        item.body = parsers.nitf.parse_body(fetch(item.body_href))
    except TransportError as error:
        item.warnings.append(_("Texte de la dépêche introuvable : %(error)s") % {"error": error})
    except ParseError as error:
        item.warnings.append(_("Texte de la dépêche illisible : %(error)s") % {"error": error})
    if not item.body:
        item.warnings.append(_("Texte vide."))


def _record(feed: Feed, batch: list[_Parsed]) -> dict[int, FileResult]:
    """Files the batch's items under their stories, in order. The same version, or the same
    content again, is a duplicate; an older version joins the history without replacing the
    newer one."""
    with transaction.atomic():
        received = ReceivedFile.objects.bulk_create(
            [
                ReceivedFile(
                    feed=feed,
                    name=entry.name,
                    sha256=entry.digest,
                    size=entry.size,
                    status=ReceivedFile.Status.INGESTED,
                    warnings=entry.warnings,
                    items_count=len(entry.parsed.items),
                )
                for entry in batch
            ]
        )
        guids = {item.guid for entry in batch for item in entry.parsed.items}
        stories = {
            story.guid: story
            for story in Story.objects.select_for_update().filter(agency_id=feed.agency_id, guid__in=guids)
        }
        known: dict[str, set] = {guid: set() for guid in guids}
        by_pk = {story.pk: story.guid for story in stories.values()}
        for story_pk, version, digest in StoryVersion.objects.filter(story_id__in=by_pk).values_list(
            "story_id", "version", "content_hash"
        ):
            known[by_pk[story_pk]].update((("version", version), ("hash", digest)))
        versions: list[tuple[Story, StoryVersion]] = []
        updated: list[tuple[Story, WireItem]] = []  # stories that existed: their takes follow
        urgent: set[str] = set()
        results = {}
        for entry, file in zip(batch, received, strict=True):
            outcomes = []
            for item in entry.parsed.items:
                data = item.as_json()
                digest = content_hash(data)
                story = stories.get(item.guid)
                if story is None:
                    story = stories[item.guid] = Story(
                        agency_id=feed.agency_id, feed=feed, guid=item.guid, versions_count=0
                    )
                    _show(story, item)
                    outcome = NEW
                elif known[item.guid] & {("version", item.version), ("hash", digest)}:
                    outcomes.append(DUPLICATE)
                    continue
                elif item.version < story.version:
                    outcome = OLDER
                else:
                    _show(story, item)
                    outcome = UPDATED
                    if story.pk:
                        updated.append((story, item))
                known[item.guid].update((("version", item.version), ("hash", digest)))
                story.versions_count += 1
                versions.append(
                    (story, StoryVersion(version=item.version, content_hash=digest, data=data, file=file))
                )
                outcomes.append(outcome)
                if outcome != OLDER and item.urgency is not None and item.urgency <= URGENT:
                    urgent.add(item.guid)
            results[entry.index] = FileResult(
                entry.name, outcomes=outcomes, warnings=entry.warnings, cursor=entry.parsed.cursor
            )
        Story.objects.bulk_create([story for story in stories.values() if story.pk is None])
        changed = {story.guid for story, _version in versions if story.pk in by_pk}
        Story.objects.bulk_update([stories[guid] for guid in changed], SHOWN_FIELDS)
        for story, story_version in versions:
            story_version.story = story
        StoryVersion.objects.bulk_create([story_version for _story, story_version in versions])
        if updated:
            taken = set(
                Take.objects.filter(story__in=[s for s, _i in updated]).values_list("story", flat=True)
            )
            for story, item in updated:
                if story.pk in taken:
                    desk.apply_to_takes(story, item)
        Feed.objects.filter(pk=feed.pk).update(items_count=F("items_count") + len(versions))
    for guid in urgent:
        transaction.on_commit(partial(alert_desk, stories[guid].pk))
    if feed.transport != Feed.Transport.MANUAL:
        for _story, story_version in versions:
            if story_version.data["pictures"]:
                transaction.on_commit(partial(pictures.fetch_picture.enqueue, story_version.pk))
    return results


def _quarantine(feed: Feed, name: str, digest: str, size: int, error: str) -> FileResult:
    with transaction.atomic():
        _, created = ReceivedFile.objects.get_or_create(
            feed=feed,
            name=name,
            sha256=digest,
            defaults={"size": size, "status": ReceivedFile.Status.QUARANTINED, "error": error},
        )
        if created:
            Feed.objects.filter(pk=feed.pk).update(
                errors_count=F("errors_count") + 1,
                last_error=f"{name}: {error}",
                last_error_at=timezone.now(),
            )
    return FileResult(name, error=error)


def refuse_file(feed: Feed, name: str, size: int, error: str) -> FileResult:
    """A file the transport will not even read (too big): quarantined by name and size."""
    return _quarantine(feed, name, f"size:{size}", size, error)


def content_hash(data: dict[str, Any]) -> str:
    """The item's content, whatever its version number, date and warnings say."""
    content = {
        key: value
        for key, value in data.items()
        if key not in {"version", "version_created", "warnings", "body_href"}
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()


SHOWN_FIELDS = [
    "version",
    "headline",
    "slugline",
    "urgency",
    "pub_status",
    "embargo",
    "embargo_pending",
    "subjects",
    "search_text",
    "received_at",
    "versions_count",
]


def _show(story: Story, item: WireItem) -> None:
    story.version = item.version
    story.headline = item.headline[:500]
    story.slugline = item.slugline[:200]
    story.urgency = item.urgency if item.urgency is not None and 0 <= item.urgency < 10 else None
    story.pub_status = "canceled" if item.killed else item.pub_status
    story.embargo = item.embargo
    story.embargo_pending = item.embargo_pending
    story.subjects = item.subjects
    story.search_text = " ".join([item.headline, item.slugline, *item.subjects, item.body_text()]).lower()[
        :20000
    ]
    story.received_at = timezone.now()
