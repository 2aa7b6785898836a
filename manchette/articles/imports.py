"""Articles brought in from another system (the WordPress migration): sections, authors and
articles created or updated with their original dates and state.

The importer decides what an article says; this module is where pages are added to the tree,
revised, published, scheduled or sent for review, so the page tree is only changed here.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from enum import StrEnum

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Revision

from . import tasks
from .models import ArticleAuthor, ArticlePage, Author, SectionPage
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


def _unique_slug(model, base: str, limit: int = 50) -> str:
    base = (slugify(base)[:limit] or "sans-titre").strip("-")
    slug, number = base, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{base[: limit - 6]}-{number}"
        number += 1
    return slug


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
    user=None,
) -> Revision:
    """Adds the article under its section (or saves it where it is) and brings it to `state`:
    live since `published_at`, a draft, waiting for review, or scheduled for `published_at`.
    Returns the revision written, which tells later whether someone edited the article since."""
    if not article.slug:
        article.slug = _unique_slug(ArticlePage, article.title)
    article.article_authors.set(
        [ArticleAuthor(author=author, sort_order=position) for position, author in enumerate(authors)]
    )
    article.tags.set(tags)
    if state == State.SCHEDULED and published_at and published_at > timezone.now():
        article.go_live_at = published_at
    else:
        article.go_live_at = None
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
