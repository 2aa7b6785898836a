"""The comment section as HTML: the public part cached, the reader's part rendered per request.

The public part (count, sort links, threads, "Voir plus de commentaires") is the same for
every reader, so it is rendered once per article, sort, length and language, and kept
under the content generation and the article's comment-list version (see services):
the anonymous article page costs no query more, whatever the number of comments.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, cast

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from manchette.website import generation

from . import list_versions, listing, public_copy
from .models import CommentSettings

if TYPE_CHECKING:  # annotations only
    from manchette.articles.models import ArticlePage

MAX_PAGES = 50


@dataclass(frozen=True)
class PublicPart:
    html: str  # marked safe in what public_part returns; its cached copy holds the plain text
    count: int
    closed_by_editor: bool
    closes_at: datetime | None

    @property
    def closed(self) -> bool:
        return self.closed_by_editor or (self.closes_at is not None and self.closes_at <= timezone.now())


def rules(request: HttpRequest) -> CommentSettings:
    token = generation.current(request)
    return generation.remember(token, "comment-settings", CommentSettings.load)


def sort_and_pages(sort: str | None, pages: str | None) -> tuple[str, int]:
    """The reader's choice from the query string; anything else means the defaults."""
    chosen = sort if sort in public_copy.SORTS else public_copy.SORTS[0]
    try:
        count = min(max(int(pages or 1), 1), MAX_PAGES)
    except ValueError:
        count = 1
    return chosen, count


def public_part(
    request: HttpRequest,
    article: "ArticlePage",
    sort: str = "recents",
    pages: int = 1,
    version: str | None = None,
) -> PublicPart:
    """`version`: the article's comment-list version when the caller read it already."""
    token = generation.current(request)
    if version is None:
        version = list_versions.list_version(article.pk)
    name = f"comments:{article.pk}:{version}:{sort}:{pages}:{request.LANGUAGE_CODE}"
    found = generation.recall(token, name)
    if found is None:
        page_size = rules(request).page_size
        threads = listing.listing(article, sort, pages, rules(request))
        context = {
            "article": article,
            "listing": threads,
            "sort": sort,
            "sorts": _sort_labels(),
            "next_pages": pages + 1,
            # Where "Voir plus de commentaires" lands: the first thread the reader had not seen.
            "first_new": page_size * (pages - 1) if pages > 1 else -1,
        }
        html = render_to_string("comments/list.html", context)
        found = PublicPart(str(html), threads.count, threads.closed_by_editor, threads.closes_at)
        generation.keep(token, name, found)
    found = cast(PublicPart, found)  # keep() above stored a PublicPart under this name
    return PublicPart(mark_safe(found.html), found.count, found.closed_by_editor, found.closes_at)  # noqa: S308


def _sort_labels() -> list[tuple[str, str]]:
    return [
        ("recents", _("Les plus récents")),
        ("anciens", _("Les plus anciens")),
        ("selection", _("La sélection")),
    ]
