"""Wire operations: ingesting files into stories and versions, taking a story into a draft,
holding and releasing articles, and what the publishing path asks before an article goes live.

Everything here is idempotent: a file seen twice, a version received twice, a kill applied
twice change nothing the second time.
"""

import hashlib
import json
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.models import Revision
from wagtail.rich_text import RichText

from manchette.articles.models import ArticleAuthor, ArticlePage, Author, SectionPage

from . import parsers
from .models import AlertSubscription, Feed, HoldDecision, ReceivedFile, Story, StoryVersion, Take
from .parsers import ParseError, WireItem

logger = logging.getLogger(__name__)

URGENT = 2  # urgency 1 (FLASH) and 2 (ALERTE) reach the desk at once
NEW, UPDATED, OLDER, DUPLICATE = "new", "updated", "older", "duplicate"


@dataclass
class FileResult:
    name: str
    skipped: bool = False  # seen before
    error: str = ""
    outcomes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    cursor: str = ""


def ingest_file(feed: Feed, name: str, data: bytes) -> FileResult:
    """One file from a feed, in one transaction. A malformed file is quarantined with the
    reason; it never stops the feed."""
    name = name[:500]
    digest = hashlib.sha256(data).hexdigest()
    if ReceivedFile.objects.filter(feed=feed, name=name, sha256=digest).exists():
        return FileResult(name, skipped=True)
    try:
        parsed = parsers.parse(feed.format, data)
    except ParseError as error:
        return _quarantine(feed, name, digest, len(data), str(error))
    except Exception:  # a parser bug must not stop the feed: the file waits in quarantine
        logger.exception("wire: unexpected error parsing %s", name)
        return _quarantine(feed, name, digest, len(data), _("Erreur inattendue à la lecture du fichier."))
    warnings = list(parsed.warnings) + [f"{item.guid}: {w}" for item in parsed.items for w in item.warnings]
    urgent: list[int] = []
    try:
        with transaction.atomic():
            received = ReceivedFile.objects.create(
                feed=feed,
                name=name,
                sha256=digest,
                size=len(data),
                status=ReceivedFile.Status.INGESTED,
                warnings=warnings,
                items_count=len(parsed.items),
            )
            outcomes = []
            for item in parsed.items:
                outcome, story = record_version(feed, item, received)
                outcomes.append(outcome)
                if outcome in {NEW, UPDATED} and item.urgency is not None and item.urgency <= URGENT:
                    urgent.append(story.pk)
            counted = sum(outcome in {NEW, UPDATED, OLDER} for outcome in outcomes)
            Feed.objects.filter(pk=feed.pk).update(items_count=F("items_count") + counted)
    except IntegrityError:  # another worker took the same file (or story) at the same moment: next poll
        return FileResult(name, skipped=True)
    except (DatabaseError, ValueError, OverflowError):  # a value the database refuses: the file waits aside
        logger.exception("wire: could not record %s", name)
        return _quarantine(
            feed, name, digest, len(data), _("Erreur inattendue à l'enregistrement du fichier.")
        )
    for story_pk in urgent:
        transaction.on_commit(lambda pk=story_pk: alert_desk(pk))
    return FileResult(name, outcomes=outcomes, warnings=warnings, cursor=parsed.cursor)


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
        key: value for key, value in data.items() if key not in {"version", "version_created", "warnings"}
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()


def record_version(feed: Feed, item: WireItem, received: ReceivedFile | None = None) -> tuple[str, Story]:
    """Files a version under its story. The same version, or the same content again, is a
    duplicate; an older version joins the history without replacing the newer one."""
    data = item.as_json()
    digest = content_hash(data)
    story = Story.objects.select_for_update().filter(agency_id=feed.agency_id, guid=item.guid).first()
    if story is None:
        story = Story(agency_id=feed.agency_id, feed=feed, guid=item.guid)
        _show(story, item)
        story.save()
        StoryVersion.objects.create(
            story=story, version=item.version, content_hash=digest, data=data, file=received
        )
        return NEW, story
    if story.versions.filter(Q(version=item.version) | Q(content_hash=digest)).exists():
        return DUPLICATE, story
    StoryVersion.objects.create(
        story=story, version=item.version, content_hash=digest, data=data, file=received
    )
    story.versions_count += 1  # the row is locked until the transaction ends
    if item.version < story.version:
        story.save(update_fields=["versions_count"])
        return OLDER, story
    _show(story, item)
    story.save()
    _apply_to_takes(story, item)
    return UPDATED, story


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
    item = version_item(story.versions.get(version=story.version))
    article = ArticlePage(
        title=(item.headline or item.slugline or story.guid)[:255],
        standfirst=(item.standfirst or (item.body[0]["text"] if item.body else ""))[:600],
        agency=story.agency,
        body=body_blocks(item),
        live=False,
    )
    if item.pictures:
        picture = item.pictures[0]
        article.hero_caption = picture.caption[:400]
        credit = picture.credit or item.credit or story.agency.short_name
        article.hero_credit = (credit if credit.startswith("©") else f"© {credit}")[:200]
    if story.embargo and story.embargo > timezone.now():
        article.go_live_at = story.embargo
    if author is not None:
        article.article_authors.add(ArticleAuthor(author=author, sort_order=0))
    section.add_child(instance=article)
    article.save_revision(user=user, log_action=True)
    Take.objects.create(story=story, article=article, version_taken=story.version, taken_by=user)
    return article


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


def due_feeds() -> QuerySet:
    return Feed.objects.filter(active=True).exclude(transport=Feed.Transport.MANUAL)


def plan_next_poll(feed: Feed) -> datetime:
    moment = timezone.now() + timedelta(seconds=max(1, feed.every_seconds))
    Feed.objects.filter(pk=feed.pk).update(next_poll_at=moment)
    return moment


def poll(feed: Feed) -> list[FileResult]:
    """Brings what is new on the feed's transport. A transport failure is recorded on the
    feed for the admin, and the next poll tries again from where this one stopped."""
    from . import transports

    now = timezone.now()
    try:
        results = transports.fetch(feed)
    except transports.TransportError as error:
        Feed.objects.filter(pk=feed.pk).update(last_polled_at=now, last_error=str(error), last_error_at=now)
        return []
    Feed.objects.filter(pk=feed.pk).update(last_polled_at=now, last_success_at=now)
    return results
