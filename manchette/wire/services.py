"""Wire operations: ingesting files into stories and versions, taking a story into a draft,
holding and releasing articles, and what the publishing path asks before an article goes live.

Everything here is idempotent: a file seen twice, a version received twice, a kill applied
twice change nothing the second time.
"""

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.models import Revision
from wagtail.rich_text import RichText

from manchette.articles.models import ArticleAuthor, ArticlePage, Author, SectionPage

from . import parsers
from .models import AlertSubscription, Feed, HoldDecision, ReceivedFile, Story, StoryVersion, Take
from .parsers import ParseError, WireItem

logger = logging.getLogger(__name__)

URGENT = 2  # urgency 1 (FLASH) and 2 (ALERTE) reach the desk at once
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
    from . import transports

    if item.body or not item.body_href:
        return
    if fetch is None:
        item.warnings.append(_("Texte vide."))
        return
    try:
        item.body = parsers.nitf.parse_body(fetch(item.body_href))
    except transports.TransportError as error:
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
        for story, version in versions:
            version.story = story
        StoryVersion.objects.bulk_create([version for _story, version in versions])
        if updated:
            taken = set(
                Take.objects.filter(story__in=[s for s, _i in updated]).values_list("story", flat=True)
            )
            for story, item in updated:
                if story.pk in taken:
                    _apply_to_takes(story, item)
        Feed.objects.filter(pk=feed.pk).update(items_count=F("items_count") + len(versions))
    for guid in urgent:
        transaction.on_commit(lambda pk=stories[guid].pk: alert_desk(pk))
    if feed.transport != Feed.Transport.MANUAL:
        from . import tasks

        for _story, version in versions:
            if version.data["pictures"]:
                transaction.on_commit(lambda pk=version.pk: tasks.fetch_picture.enqueue(pk))
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


def content_hash(data: dict) -> str:
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


def _apply_to_takes(story: Story, item: WireItem) -> None:
    for take in story.takes.select_related("article", "story__feed"):
        if item.killed:
            reason = _("Dépêche annulée par l'agence (version %(version)s).") % {"version": item.version}
            hold(take, reason, unpublish=story.feed.on_kill == Feed.OnKill.UNPUBLISH)
        elif item.pub_status == "withheld":
            hold(take, _("Dépêche retenue par l'agence (version %(version)s).") % {"version": item.version})
        elif story.embargo:
            _push_schedule(take.article, story.embargo)


def _push_schedule(article: ArticlePage, embargo: datetime) -> None:
    """Revisions already scheduled before the embargo go live at the embargo instead."""
    Revision.page_revisions.filter(object_id=str(article.pk), approved_go_live_at__lt=embargo).update(
        approved_go_live_at=embargo
    )


# ----------------------------------------------------------------------------- the desk


def wire_queue(
    agency: int | None = None, urgency: int | None = None, topic: str = "", keyword: str = ""
) -> QuerySet:
    stories = Story.objects.select_related("agency").order_by("-received_at", "-pk")
    if agency:
        stories = stories.filter(agency_id=agency)
    if urgency:
        stories = stories.filter(urgency__lte=urgency)
    if topic:
        stories = stories.filter(search_text__contains=topic.lower())
    for word in keyword.lower().split()[:10]:
        stories = stories.filter(search_text__contains=word)
    return stories


def version_item(version: StoryVersion) -> WireItem:
    return WireItem.from_json(version.data)


@transaction.atomic
def take(story: Story, section: SectionPage, user=None, author: Author | None = None) -> ArticlePage:
    """A draft article from the story's newest version: headline, standfirst and body to edit,
    the agency in the byline ("Par <author> avec AFP", or the agency alone until an author is
    added), the picture's caption and credit, and the link back (Take)."""
    story = Story.objects.select_for_update().get(pk=story.pk)
    if story.killed:
        raise ValueError(_("Cette dépêche a été annulée par l'agence : elle ne peut pas être reprise."))
    version = story.versions.select_related("image").get(version=story.version)
    item = version_item(version)
    article = ArticlePage(
        title=(item.headline or item.slugline or story.guid)[:255],
        standfirst=(item.standfirst or (item.body[0]["text"] if item.body else ""))[:600],
        agency=story.agency,
        body=body_blocks(item),
        live=False,
    )
    if item.pictures:
        article.hero_image = version.image
        article.hero_caption = item.pictures[0].caption[:400]
        article.hero_credit = picture_credit(item, story)[:200]
    if story.embargo and story.embargo > timezone.now():
        article.go_live_at = story.embargo
    if author is not None:
        article.article_authors.add(ArticleAuthor(author=author, sort_order=0))
    section.add_child(instance=article)
    article.save_revision(user=user, log_action=True)
    Take.objects.create(story=story, article=article, version_taken=story.version, taken_by=user)
    return article


def picture_credit(item: WireItem, story: Story) -> str:
    """The credit of the item's first picture, as "© PHOTOGRAPHER / AGENCY"."""
    credit = item.pictures[0].credit or item.credit or story.agency.short_name
    return credit if credit.startswith("©") else f"© {credit}"


def fetch_picture(version_pk: int) -> None:
    """Downloads a version's first picture on its feed's transport and stores it as an image of
    the site, titled with its caption and credit. A picture that cannot be had, or that is not
    a picture, leaves a warning on the item, never an error: the feed goes on without it."""
    from . import pictures, transports

    versions = StoryVersion.objects.select_related("story__agency", "story__feed", "file")
    version = versions.filter(pk=version_pk).first()
    if version is None or version.image_id or not version.data.get("pictures"):
        return
    item = version_item(version)
    picture = item.pictures[0]
    page = (
        version.file.name if version.file and urlsplit(version.file.name).scheme in {"http", "https"} else ""
    )
    try:
        data = transports.read(version.story.feed, picture.href, page, limit=pictures.MAX_PICTURE_BYTES)
        extension = pictures.check(data)
    except (transports.TransportError, pictures.PictureError) as error:
        _warn(
            version_pk,
            _("Photo non récupérée (%(href)s) : %(error)s") % {"href": picture.href[:200], "error": error},
        )
        return
    digest = hashlib.sha1(data, usedforsecurity=False).hexdigest()  # Wagtail's file_hash
    image_model = get_image_model()
    image = image_model.objects.filter(file_hash=digest).first()  # the same picture in another version
    if image is None:
        title = picture.caption or item.headline or version.story.guid
        image = image_model(
            title=f"{title} {picture_credit(item, version.story)}"[:255],
            file=ContentFile(data, name=f"fil-{version.story_id}-{version.version}.{extension}"),
            file_size=len(data),
            file_hash=digest,
        )
        image.save()
    StoryVersion.objects.filter(pk=version_pk).update(image=image)


def _warn(version_pk: int, warning: str) -> None:
    with transaction.atomic():
        version = StoryVersion.objects.select_for_update().filter(pk=version_pk).first()
        if version is not None and warning not in version.data["warnings"]:
            version.data["warnings"].append(warning)
            version.save(update_fields=["data"])


def body_blocks(item: WireItem) -> list[tuple[str, object]]:
    blocks: list[tuple[str, object]] = []
    for block in item.body:
        if block["type"] == "subheading":
            blocks.append(("subheading", block["text"][:200]))
        elif block["type"] == "quote":
            blocks.append(("quote", {"text": block["text"][:1000], "attribution": ""}))
        else:
            blocks.append(("paragraph", RichText(f"<p>{escape(block['text'])}</p>")))
    return blocks


def hold(take: Take, reason: str, user=None, unpublish: bool = False) -> None:
    """Holds an article taken from a story; unpublishes it when asked. Logged either way."""
    with transaction.atomic():
        take = Take.objects.select_for_update().select_related("article").get(pk=take.pk)
        article = take.article.specific
        if unpublish and article.live:
            article.unpublish(user=user, log_action=True)
            HoldDecision.objects.create(
                take=take, action=HoldDecision.Action.UNPUBLISH, reason=reason, user=user
            )
        if not take.on_hold:
            take.on_hold = True
            take.save(update_fields=["on_hold"])
            HoldDecision.objects.create(take=take, action=HoldDecision.Action.HOLD, reason=reason, user=user)


def release(take: Take, reason: str, user) -> None:
    if not reason.strip():
        raise ValueError(_("Indiquez pourquoi l'article est débloqué."))
    with transaction.atomic():
        take = Take.objects.select_for_update().get(pk=take.pk)
        if take.on_hold:
            take.on_hold = False
            take.save(update_fields=["on_hold"])
            HoldDecision.objects.create(
                take=take, action=HoldDecision.Action.RELEASE, reason=reason, user=user
            )


@dataclass
class Restriction:
    until: datetime | None  # None: held until an editor or a later version lifts it
    reason: str


def publication_restriction(article_id: int | None) -> Restriction | None:
    """Why an article taken from the wire may not go live now, or None when it may."""
    if article_id is None:
        return None
    restrictions = []
    for take_ in Take.objects.filter(article_id=article_id).select_related("story"):
        story = take_.story
        if take_.on_hold:
            return Restriction(None, _("L'article est bloqué : la dépêche a été annulée ou retenue."))
        if story.embargo_pending:
            return Restriction(
                None, _("La dépêche est sous embargo sans date : attendez la version qui la donne.")
            )
        if story.embargo and story.embargo > timezone.now():
            restrictions.append(Restriction(story.embargo, _("Dépêche sous embargo.")))
    return max(restrictions, key=lambda r: r.until, default=None)


# ----------------------------------------------------------------------------- alerts


URGENCY_LABELS = {1: "FLASH", 2: "ALERTE", 3: "URGENT"}
ALERT_WINDOW = timedelta(hours=1)


def recent_alerts() -> int:
    """FLASH and ALERTE stories received in the last hour."""
    return Story.objects.filter(urgency__lte=URGENT, received_at__gte=timezone.now() - ALERT_WINDOW).count()


def alert_desk(story_pk: int) -> int:
    """Emails the editors who opted in about a FLASH or ALERTE. Returns how many were sent."""
    story = Story.objects.select_related("agency").filter(pk=story_pk).first()
    if story is None:
        return 0
    recipients = list(
        AlertSubscription.objects.filter(email=True, user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    if not recipients:
        return 0
    label = URGENCY_LABELS.get(story.urgency or 0, "")
    subject = f"[{label}] {story.agency.short_name} — {story.headline}"[:200]
    link = f"{settings.SITE_URL}/admin/wire/stories/{story.pk}/"
    send_mail(subject, f"{story.headline}\n\n{link}\n", None, recipients)
    return len(recipients)


# ----------------------------------------------------------------------------- polling


def poll(feed: Feed) -> list[FileResult]:
    """Brings what is new on the feed's transport. Every failure is recorded on the feed for
    the admin (an unexpected one also in the log), and the next poll tries again from where
    this one stopped."""
    from . import transports

    now = timezone.now()
    try:
        results = transports.fetch(feed)
    except Exception as error:
        if isinstance(error, transports.TransportError):
            message = str(error)
        else:
            logger.exception("wire: poll of feed %s failed", feed.pk)
            message = _("Erreur inattendue pendant la relève (le détail est dans le journal du serveur).")
        Feed.objects.filter(pk=feed.pk).update(last_polled_at=now, last_error=message, last_error_at=now)
        return []
    Feed.objects.filter(pk=feed.pk).update(last_polled_at=now, last_success_at=now)
    return results
