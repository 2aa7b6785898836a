"""Lists of cards: the pages a section lists (articles, lives), pages of results, and the
bylines of a whole list fetched at once.

A list never costs a query per card: the pages of every kind come in one query, each joined
to its own table and to what its card shows; then one query per kind present for the
pictures' renditions, and one for its bylines.
"""

from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from django.apps import apps
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.paginator import Page as PaginatorPage
from django.db.models import Q
from django.http import HttpRequest
from wagtail.models import Page
from wagtail.query import PageQuerySet

from .news_page import NewsPage


@cache
def listed_types() -> tuple[type[NewsPage], ...]:
    """Every kind of page a section lists: the installed models built on NewsPage (articles,
    and the lives of manchette/live, which this app does not import)."""
    return tuple(model for model in apps.get_models() if issubclass(model, NewsPage))


def news_pages(*, pictures: bool = True) -> PageQuerySet:
    """Every published page of the listed kinds that anyone may open, newest first.

    Its items are Wagtail's base pages, each carrying its own kind's page joined (see
    as_news_pages): one query for a whole list, whatever the kinds in it. With `pictures`, the
    renditions cards show come with it (a query per kind); feeds and sitemaps show none.
    """
    names = [model._meta.model_name for model in listed_types()]
    kinds = Q()
    for name in names:
        kinds |= Q(**{f"{name}__isnull": False})
    joined = [f"{kind._meta.model_name}__{field}" for kind in listed_types() for field in kind.card_relations]
    listed = Page.objects.live().public().filter(kinds).select_related(*names, *joined)
    if pictures:
        listed = listed.prefetch_related(*(f"{name}__hero_image__renditions" for name in names))
    return listed.order_by("-first_published_at")


def as_news_pages(pages: Iterable[Page]) -> list[NewsPage]:
    """The pages as their own kind: a base page from news_pages() gives the kind's page it
    came joined with (no query); a page already of its kind is kept."""
    found: list[NewsPage] = []
    for page in pages:
        if isinstance(page, NewsPage):
            found.append(page)
            continue
        for model in listed_types():
            try:
                found.append(getattr(page, model._meta.model_name))
                break
            except model.DoesNotExist:
                continue
    return found


def paginate(queryset: Any, request: HttpRequest, per_page: int) -> PaginatorPage:
    """The requested page, or the first one when the number is absurd (never an error)."""
    paginator = Paginator(queryset, per_page)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        page = paginator.page(1)
        page.invalid_request = True  # type: ignore[attr-defined]  # a flag for the template; Django has none
    page.object_list = as_news_pages(page.object_list)
    with_bylines(page.object_list)
    return page


def _by_kind(pages: Iterable[NewsPage]) -> dict[type[NewsPage], list[NewsPage]]:
    kinds: dict[type[NewsPage], list[NewsPage]] = {}
    for page in pages:
        kinds.setdefault(type(page), []).append(page)
    return kinds


def with_bylines(*lists: Sequence[NewsPage]) -> None:
    """Sets what each card's byline needs for all the lists at once: per kind of page present,
    one query for the authors (and for articles, one for the agencies unless the lists came
    with them)."""
    for kind, of_kind in _by_kind(page for pages in lists for page in pages).items():
        kind.with_bylines(of_kind)


def with_tags(pages: Sequence[NewsPage]) -> None:
    """Sets each page's tags: one query per kind of page that has tags."""
    for kind, of_kind in _by_kind(pages).items():
        kind.with_tags(of_kind)
