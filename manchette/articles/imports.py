"""Articles brought in from another system (the WordPress migration): sections, authors and
articles created or updated with their original dates and state.

The importer decides what an article says; this module is where pages are added to the tree,
revised, published, scheduled or sent for review, so the page tree is only changed here.
`save_article` takes one article through Wagtail's own calls; `add_articles` writes many new
ones at once (an archive of ten thousand posts), with the same rows Wagtail would write.
"""

from collections import defaultdict
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Q
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.models import COMMENTS_RELATION_NAME, Page, PageLogEntry, Revision
from wagtail.signals import page_published
from wagtail.utils.timestamps import ensure_utc

from manchette.website import generation, purging

from . import search_entries, tasks
from .models import ArticleAuthor, ArticlePage, ArticleTag, Author, SectionPage
from .services import ensure_home_page

# The articles published during a bulk import, waiting for their one rendition job.
_published_in_bulk: ContextVar[list[int] | None] = ContextVar("articles_published_in_bulk", default=None)


@contextmanager
def one_rendition_job() -> Iterator[None]:
    """Articles published inside it queue no rendition job each (an archive of ten thousand
    would queue ten thousand): one job makes all their renditions when it ends."""
    published: list[int] = []
    token = _published_in_bulk.set(published)
    try:
        yield
    finally:
        _published_in_bulk.reset(token)
        if published:
            tasks.make_renditions_of.enqueue(list(dict.fromkeys(published)))


def collected_for_renditions(article_id: int) -> bool:
    """True when a bulk import takes the article into its one rendition job."""
    published = _published_in_bulk.get()
    if published is None:
        return False
    published.append(article_id)
    return True


class State(StrEnum):
    LIVE = "live"
    DRAFT = "draft"
    IN_REVIEW = "review"
    SCHEDULED = "scheduled"


def numbered_slug(base: str, stem: str, taken: Collection[str] = frozenset()) -> str:
    """`base`, else `stem-2`, `stem-3`…: the first that no article has and `taken` does not hold.
    The slugs in use are asked in one query: one per number tried made an archive with a
    thousand posts of one title (untitled drafts) quadratic."""
    used = set(taken) | set(
        ArticlePage.objects.filter(Q(slug=base) | Q(slug__startswith=f"{stem}-")).values_list(
            "slug", flat=True
        )
    )
    slug, number = base, 2
    while slug in used:
        slug = f"{stem}-{number}"
        number += 1
    return slug


def _unique_slug(base: str, limit: int = 50, taken: Collection[str] = frozenset()) -> str:
    base = (slugify(base)[:limit] or "sans-titre").strip("-")
    return numbered_slug(base, base[: limit - 6], taken)


def ensure_section(title: str, slug: str) -> SectionPage:
    """The live section of that slug under the home page, created when missing."""
    home = ensure_home_page()
    slug = slugify(slug)[:255] or slugify(title)[:255] or "rubrique"
    existing = SectionPage.objects.child_of(home).filter(slug=slug).first()
    if existing:
        return existing
    section = home.add_child(instance=SectionPage(title=title[:255] or slug, slug=slug))
    section.save_revision().publish()
    return section


def section_by_slug(slug: str) -> SectionPage | None:
    return SectionPage.objects.filter(slug=slug).first()


def ensure_author(name: str, slug: str) -> Author:
    """The author of that slug, created with initials made from the name."""
    slug = slugify(slug)[:50] or slugify(name)[:50] or "auteur"
    author = Author.objects.filter(slug=slug).first()
    if author:
        return author
    initials = " ".join(f"{word[0].upper()}." for word in name.split() if word[:1].isalpha())[:20]
    return Author.objects.create(name=name[:120] or slug, initials=initials or name[:20], slug=slug)


@transaction.atomic
def save_article(
    article: ArticlePage,
    section: SectionPage,
    authors: list[Author],
    tags: list[str],
    state: State,
    published_at: datetime | None,
    modified_at: datetime | None,
    user: object = None,
    draft_go_live_at: datetime | None = None,
) -> Revision:
    """Adds the article under its section (or saves it where it is) and brings it to `state`:
    live since `published_at`, a draft, waiting for review, or scheduled for `published_at`.
    A draft may keep a planned publication (`draft_go_live_at`: an agency's embargo), which
    publishing it later turns into a schedule.
    Returns the revision written, which tells later whether someone edited the article since."""
    if not article.slug:
        article.slug = _unique_slug(article.title)
    article.article_authors.set(
        [ArticleAuthor(author=author, sort_order=position) for position, author in enumerate(authors)]
    )
    article.tags.set(tags)
    if state == State.SCHEDULED and published_at and published_at > timezone.now():
        article.go_live_at = published_at
    else:
        article.go_live_at = draft_go_live_at if state == State.DRAFT else None
    if article.pk is None:
        article.live = False
        section.add_child(instance=article)
    elif article.get_parent().pk != section.pk:
        article.move(section, pos="last-child")
        article.refresh_from_db(fields=["path", "url_path"])
    revision = article.save_revision(user=user, log_action=True, changed=True)
    if state == State.LIVE:
        revision.publish(user=user)
        moments = {"first_published_at": published_at or timezone.now()}
        moments["last_published_at"] = modified_at or moments["first_published_at"]
        ArticlePage.objects.filter(pk=article.pk).update(**moments)
    elif state == State.SCHEDULED and article.go_live_at:
        revision.publish(user=user)  # with go_live_at ahead, Wagtail schedules instead of publishing
    elif state == State.IN_REVIEW:
        workflow = article.get_workflow()
        if workflow is not None and not article.workflow_in_progress:
            workflow.start(article, user)
    if article.live and state == State.DRAFT:
        article.unpublish(user=user)
    return revision


def latest_revision_id(article_id: int) -> int | None:
    return ArticlePage.objects.filter(pk=article_id).values_list("latest_revision_id", flat=True).first()


# --------------------------------------------------------------------------- many at once


@dataclass
class NewArticle:
    """An article not yet in the tree, with what `save_article` takes besides it."""

    article: ArticlePage
    section: SectionPage
    authors: list[Author]
    tags: list[str]
    state: State
    published_at: datetime | None
    modified_at: datetime | None


# The states `add_articles` writes: review starts a workflow, which only Wagtail's own calls
# (save_article) do.
BULK_STATES = frozenset({State.LIVE, State.DRAFT, State.SCHEDULED})


class NotInBulk(ValueError):
    """The batch cannot be written at once (a slug taken twice in a section, a full section):
    the caller writes its articles one by one with save_article, which says why in words."""


@transaction.atomic
def add_articles(new: list[NewArticle]) -> list[Revision]:
    """Adds new articles, live, drafts or scheduled, with a few queries for the whole list
    instead of about sixty an article: the same rows as save_article (page, article, authors,
    tags, one revision, the history's create/edit/publish or publish.schedule lines, search
    and reference indexes). A scheduled article's revision carries its go-live time, as
    Wagtail's publish leaves it: the scheduler publishes it then.

    `page_published` is still sent for each article published or scheduled (Wagtail sends it
    for both), once its rows are written, so what it sets off happens as after save_article:
    the content generation changes (once for the batch: website.generation.one_bump), the
    shared cache is purged when there is one (one job for the batch: website.purging.one_purge),
    renditions are queued (one job for an import, see one_rendition_job), audio is queued
    unless the caller turned it off (the import does). A scheduled revision is announced with
    `post_save`, as Wagtail's publish saves it, so the worker is woken at its go-live time.
    Drafts send nothing, as with Wagtail. Returns each article's revision, in order; raises
    ValidationError or NotInBulk, writing nothing, when one of them cannot be written so.
    """
    if not new:
        return []
    if any(item.state not in BULK_STATES for item in new):
        raise NotInBulk("only live articles and drafts are added in bulk")
    now = timezone.now()
    _place_in_tree(new)
    tags = _tags_named([name for item in new for name in item.tags])
    for item in new:
        _prepare(item, tags, now)
    articles = [item.article for item in new]
    _insert_pages(articles)
    links, tagged = _child_rows(articles)
    ArticleAuthor.objects.bulk_create(links)
    ArticleTag.objects.bulk_create(tagged)
    revisions = _revisions(new, now)
    for section, count in _count_by_section(new).items():
        Page.objects.filter(pk=section).update(numchild=F("numchild") + count)
    _index(articles)
    # The worker records what they refer to, as Wagtail's post_save handler has it do after any
    # save: one job for the batch.
    tasks.index_references_of.enqueue([article.pk for article in articles])
    with generation.one_bump(), purging.one_purge():
        for item, revision in zip(new, revisions, strict=True):
            if item.state == State.LIVE or revision.approved_go_live_at:
                page_published.send(sender=ArticlePage, instance=item.article, revision=revision)
            if revision.approved_go_live_at:
                post_save.send(
                    sender=Revision,
                    instance=revision,
                    created=False,
                    update_fields=frozenset({"approved_go_live_at"}),
                    raw=False,
                    using=revision._state.db,
                )
    return revisions


def _place_in_tree(new: list[NewArticle]) -> None:
    """Slugs, tree paths and URL paths: one query for the last child of each section, as
    treebeard's add_child would ask for each article."""
    by_section: dict[int, list[NewArticle]] = defaultdict(list)
    for item in new:
        by_section[item.section.pk].append(item)
    for items in by_section.values():
        section = items[0].section
        taken: set[str] = set()
        for item in items:
            if not item.article.slug:
                item.article.slug = _unique_slug(item.article.title, taken=taken)
            taken.add(item.article.slug)
        if len(taken) < len(items) or Page.objects.child_of(section).filter(slug__in=taken).exists():
            raise NotInBulk("a slug is taken in its section")
        last = Page.objects.child_of(section).order_by("-path").values_list("path", flat=True).first()
        step = Page._str2int(last[-Page.steplen :]) if last else 0
        if step + len(items) >= len(Page.alphabet) ** Page.steplen:
            raise NotInBulk("the section has no room left in the tree")
        for item in items:
            step += 1
            article = item.article
            article.depth = section.depth + 1
            article.path = Page._get_path(section.path, article.depth, step)
            article.numchild = 0
            article.url_path = f"{section.url_path}{article.slug}/"
            article.locale_id = section.locale_id


def _index(articles: list[ArticlePage]) -> None:
    """The search index's entries (search_entries.index_new). SQLite's index reads each field
    once for every column it fills; the body's text, which strips the markup of every
    paragraph, is made once an article for all its readings."""
    for article in articles:
        text = article.public_body_text()
        article.__dict__["public_body_text"] = lambda text=text: text
    try:
        search_entries.index_new(ArticlePage, articles)
    finally:
        for article in articles:
            del article.__dict__["public_body_text"]


def _tags_named(names: list[str]) -> dict[str, Tag]:
    """The tags by lower-cased name, created when missing (tag names are case-insensitive
    here, TAGGIT_CASE_INSENSITIVE)."""
    wanted = {name.lower(): name for name in reversed(names)}
    found = {tag.name.lower(): tag for tag in Tag.objects.filter(name__in=list(wanted.values()))}
    for lower, name in wanted.items():
        if lower not in found:
            found[lower] = Tag.objects.filter(name__iexact=name).order_by("pk").first() or Tag.objects.create(
                name=name
            )
    return found


def _prepare(item: NewArticle, tags: dict[str, Tag], now: datetime) -> None:
    """The page's fields as add_child, save_revision and publish leave them."""
    article, live = item.article, item.state == State.LIVE
    article.live = live
    article.has_unpublished_changes = not live
    article.draft_title = article.title
    article.go_live_at = _go_live_at(item, now)
    article.latest_revision_created_at = now
    if live:
        article.first_published_at = item.published_at or now
        article.last_published_at = item.modified_at or article.first_published_at
    # Known empty: serializing them, and indexing their references, asks nothing of the database.
    article.must_reads.set([])
    getattr(article, COMMENTS_RELATION_NAME).set([])
    # What Page.save's full_clean checks of the article's own values (a body picture needs its
    # text…); relations are left out: checking them costs a query each, and they are ours.
    article.clean_fields(
        exclude=[field.name for field in ArticlePage._meta.concrete_fields if field.is_relation]
    )
    # What ArticlePage.save computes, which a bulk insert does not call.
    article.set_reading_time()
    article.article_authors.set(
        [ArticleAuthor(author=author, sort_order=position) for position, author in enumerate(item.authors)]
    )
    # The tagged rows the cluster's tag manager would add, set directly: its set() sorts the tags
    # it is given into names and objects, then searches the rows in memory for each one (about
    # 4% of add_articles in a cProfile); these tags are already found and distinct.
    named = {tags[name.lower()].pk: tags[name.lower()] for name in item.tags}
    article.tagged_items.set([ArticleTag(tag=tag) for tag in named.values()])


def _go_live_at(item: NewArticle, now: datetime) -> datetime | None:
    """A scheduled article's go-live time; none when it is not ahead (save_article then leaves
    the article a draft)."""
    if item.state == State.SCHEDULED and item.published_at and item.published_at > now:
        return item.published_at
    return None


def _insert_pages(articles: list[ArticlePage]) -> None:
    """Wagtail's page rows, then the articles' own rows under the same ids (Django's
    bulk_create does not write a model's parent table)."""
    page_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    pages = [
        Page(**{field.attname: getattr(article, field.attname) for field in page_fields})
        for article in articles
    ]
    Page.objects.bulk_create(pages)
    for article, page in zip(articles, pages, strict=True):
        article.id = article.page_ptr_id = page.pk
    ArticlePage.objects.all()._batched_insert(
        articles, ArticlePage._meta.local_concrete_fields, batch_size=None
    )
    for article in articles:
        article._state.adding, article._state.db = False, pages[0]._state.db


def _child_rows(articles: list[ArticlePage]) -> tuple[list[ArticleAuthor], list[ArticleTag]]:
    """The in-memory bylines and tags, pointed at their article's new id."""
    links, tagged = [], []
    for article in articles:
        for link in article.article_authors.all():
            link.article_id = article.pk
            links.append(link)
        for row in article.tagged_items.all():
            row.content_object_id = article.pk
            tagged.append(row)
    return links, tagged


def _revisions(new: list[NewArticle], now: datetime) -> list[Revision]:
    """One revision each (the live one for live articles), and the history's lines."""
    article_type = ContentType.objects.get_for_model(ArticlePage)
    page_type = ContentType.objects.get_for_model(Page)
    revisions = [
        Revision(
            content_type=article_type,
            base_content_type=page_type,
            object_id=str(item.article.pk),
            created_at=now,
            object_str=str(item.article),
            content=item.article.serializable_data(),
            approved_go_live_at=item.article.go_live_at,
        )
        for item in new
    ]
    Revision.objects.bulk_create(revisions)
    history = []
    for item, revision in zip(new, revisions, strict=True):
        article = item.article
        article.latest_revision = revision
        actions = ["wagtail.create", "wagtail.edit"]
        if item.state == State.LIVE:
            article.live_revision = revision
            actions.append("wagtail.publish")
        elif article.go_live_at:
            actions.append("wagtail.publish.schedule")
        for action in actions:
            history.append(
                PageLogEntry(
                    content_type=article_type,
                    label=article.get_admin_display_title(),
                    action=action,
                    timestamp=now,
                    page_id=article.pk,
                    revision=None if action == "wagtail.create" else revision,
                    content_changed=True,
                    data=_scheduling(article, revision) if action == "wagtail.publish.schedule" else {},
                )
            )
    _point_at_revisions(new, revisions)
    PageLogEntry.objects.bulk_create(history)
    return revisions


def _scheduling(article: ArticlePage, revision: Revision) -> dict[str, object]:
    """What Wagtail's publish writes in the history of a page it schedules."""
    return {
        "revision": {
            "id": revision.pk,
            "created": ensure_utc(revision.created_at),
            "go_live_at": ensure_utc(article.go_live_at),
            "has_live_version": False,
        }
    }


def _point_at_revisions(new: list[NewArticle], revisions: list[Revision]) -> None:
    """Each page's latest (and, when live, live) revision. Pages and revisions inserted in one
    go usually have ids a constant apart: one UPDATE per such run (latest_revision = id + gap)
    instead of one per page, which bulk_update's CASE over the batch is no quicker than."""
    runs: dict[tuple[int, bool], list[int]] = defaultdict(list)
    for item, revision in zip(new, revisions, strict=True):
        runs[(revision.pk - item.article.pk, item.state == State.LIVE)].append(item.article.pk)
    for (gap, live), ids in runs.items():
        moved = {"latest_revision_id": F("id") + gap, **({"live_revision_id": F("id") + gap} if live else {})}
        Page.objects.filter(pk__in=ids).update(**moved)


def _count_by_section(new: list[NewArticle]) -> dict[int, int]:
    counts: dict[int, int] = defaultdict(int)
    for item in new:
        counts[item.section.pk] += 1
    return counts
