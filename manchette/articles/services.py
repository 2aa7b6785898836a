"""Domain operations on articles: search, tags, the site's home page, renditions made ahead.

Services take domain arguments (an article, a query), never an HTTP request; pages
and views turn what they return into template context.
"""

import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from taggit.models import Tag
from wagtail.images.models import SourceImageIOError
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.search.backends.base import BaseSearchResults

from . import renditions
from .models import ArticlePage, Author, HomePage, NewsPage

logger = logging.getLogger(__name__)

SEARCH_QUERY_MAX_LENGTH = 200


def articles_tagged(tag: Tag) -> QuerySet[ArticlePage]:
    return ArticlePage.objects.published().filter(tags=tag).for_cards()


def articles_by(author: Author) -> QuerySet[ArticlePage]:
    return ArticlePage.objects.published().filter(article_authors__author=author).for_cards()


@dataclass
class SearchQuery:
    text: str
    truncated: bool


def clean_search_query(raw: str) -> SearchQuery:
    text = " ".join(raw.replace("\x00", " ").replace('"', " ").split())  # NUL and " break the backends
    if len(text) > SEARCH_QUERY_MAX_LENGTH:
        cut = text[: SEARCH_QUERY_MAX_LENGTH + 1].rsplit(" ", 1)[0]  # whole words only
        return SearchQuery(cut[:SEARCH_QUERY_MAX_LENGTH], truncated=True)
    return SearchQuery(text, truncated=False)


def search_articles(query: SearchQuery) -> QuerySet[ArticlePage] | BaseSearchResults:
    if not query.text:
        return ArticlePage.objects.none()
    return ArticlePage.objects.published().select_related("hero_image").search(query.text, operator="and")


def make_renditions(article_id: int) -> int:
    """Makes every picture size the page (an article, a live) and the cards showing it will ask
    for, so no reader's request waits for an image to be resized. Returns how many renditions
    it made; running it again makes none."""
    found = Page.objects.filter(pk=article_id).first()
    page = found.specific if found is not None else None
    if not isinstance(page, NewsPage):
        return 0
    made = 0
    for image, specs in renditions.needed_by(page):
        existing = set(image.renditions.values_list("filter_spec", flat=True))
        try:
            image.get_renditions(*specs)
        except SourceImageIOError as error:
            # Nothing to resize from; the pages show the picture as missing, not an error.
            logger.warning("Picture %s without its original file: %s", image.pk, error)
            continue
        made += len(set(specs) - existing)
    return made


@transaction.atomic
def ensure_home_page(title: str = "Manchette") -> HomePage:
    """The site's home page, replacing Wagtail's placeholder welcome page on a new install."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title=title, slug="accueil"))
        for placeholder in root.get_children().exclude(pk=home.pk).not_type(HomePage):
            if not placeholder.get_children().exists():
                placeholder.delete()
    site_url = urlsplit(settings.SITE_URL)
    default_port = 443 if site_url.scheme == "https" else 80
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "root_page": home,
            "hostname": site_url.hostname,
            "port": site_url.port or default_port,
            "site_name": settings.WAGTAIL_SITE_NAME,
        },
    )
    return home


def open_article(article_id: int) -> ArticlePage | None:
    """The live article `article_id` if no view restriction keeps it private (on it or a page
    above it), else None: what Wagtail's public() answers, for a third of its cost, as comments
    ask it on every post. The body (the bulk of the row) is left out, and only the restrictions
    on the article's own ancestors are asked for, by their tree paths."""
    article = ArticlePage.objects.defer("body").filter(pk=article_id, live=True).first()
    if article is None:
        return None
    step = ArticlePage.steplen
    above = [article.path[:end] for end in range(step, len(article.path) + 1, step)]
    if PageViewRestriction.objects.filter(page__path__in=above).exists():
        return None
    return article
