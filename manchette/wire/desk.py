"""The desk's work with stories: the wire queue, taking a story into a draft article, holding
and releasing the articles taken, and what the publishing path asks before one goes live."""

from dataclasses import dataclass
from datetime import datetime
from functools import partial

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.models import Revision
from wagtail.rich_text import RichText

from manchette.articles import imports
from manchette.articles.models import ArticlePage, Author, SectionPage
from manchette.live import entries as live_entries
from manchette.live.models import LiveEntry, LivePage

from . import alerts
from .models import Feed, HoldDecision, Story, StoryVersion, Take
from .parsers import WireItem
from .parsers.common import CORRECTION


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
def take(
    story: Story, section: SectionPage, user: User | None = None, author: Author | None = None
) -> ArticlePage:
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
    )
    if item.pictures:
        article.hero_image = version.image
        article.hero_caption = item.pictures[0].caption[:400]
        article.hero_credit = picture_credit(item, story)[:200]
    embargo = story.embargo if story.embargo and story.embargo > timezone.now() else None
    authors = [author] if author is not None else []
    imports.save_article(
        article, section, authors, tags=[], state=imports.State.DRAFT, published_at=None, modified_at=None,
        user=user, draft_go_live_at=embargo,
    )
    Take.objects.create(story=story, article=article, version_taken=story.version, taken_by=user)
    return article


def add_to_live(
    story: Story, live: LivePage, user: User | None = None, author: Author | None = None
) -> LiveEntry:
    """An entry on a live from the story's newest version, credited to the agency ("avec AFP")."""
    if story.killed:
        raise ValueError(_("Cette dépêche a été annulée par l'agence : elle ne peut pas être reprise."))
    item = version_item(story.versions.get(version=story.version))
    text = "\n\n".join(block["text"] for block in item.body) or item.standfirst or item.headline
    content = live_entries.EntryText(text=text, title=(item.headline or "")[:200])
    return live_entries.post_entry(live, content, posted_by=user, author=author, agency=story.agency)


def picture_credit(item: WireItem, story: Story) -> str:
    """The credit of the item's first picture, as "© PHOTOGRAPHER / AGENCY"."""
    credit = item.pictures[0].credit or item.credit or story.agency.short_name
    return credit if credit.startswith("©") else f"© {credit}"


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


def hold(take: Take, reason: str, user: User | None = None, unpublish: bool = False) -> None:
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


def release(take: Take, reason: str, user: User) -> None:
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
    embargoes: list[datetime] = []
    for take_ in Take.objects.filter(article_id=article_id).select_related("story"):
        story = take_.story
        if take_.on_hold:
            return Restriction(None, _("L'article est bloqué : la dépêche a été annulée ou retenue."))
        if story.embargo_pending:
            return Restriction(
                None, _("La dépêche est sous embargo sans date : attendez la version qui la donne.")
            )
        if story.embargo and story.embargo > timezone.now():
            embargoes.append(story.embargo)
    return Restriction(max(embargoes), _("Dépêche sous embargo.")) if embargoes else None


def apply_to_takes(story: Story, item: WireItem) -> None:
    """What a new version of a taken story does to its articles: a kill holds them (and
    unpublishes them when the feed says so), a withheld item holds them, an embargo moves
    their scheduled publication to the embargo; a correction is mailed to the articles' people."""
    if CORRECTION in item.signals and not item.killed:
        transaction.on_commit(partial(alerts.alert_correction, story.pk, item.version))
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
