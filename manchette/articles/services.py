"""Domain operations on articles: listings, bylines, related reading, search."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.models import Page, Site

from manchette.subscriptions import services as subscriptions

from .models import ArticlePage, HomePage, SectionPage
from .structured_data import absolute_media_url, news_article_json_ld

MUST_READ_COUNT = 4
SECTION_BLOCK_SIZE = 4
SEARCH_QUERY_MAX_LENGTH = 200


def published_articles() -> QuerySet[ArticlePage]:
    return ArticlePage.objects.live().public().order_by("-first_published_at").select_related("hero_image")


@dataclass
class SectionBlock:
    section: SectionPage
    articles: list[ArticlePage]


def front_page(home: HomePage) -> tuple[ArticlePage | None, list[SectionBlock]]:
    """The lead story, then the latest articles of each section (the lead excluded)."""
    lead = published_articles().descendant_of(home).first()
    blocks = []
    for section in SectionPage.objects.live().public().child_of(home):
        articles = published_articles().child_of(section)
        if lead:
            articles = articles.exclude(pk=lead.pk)
        blocks.append(SectionBlock(section, list(articles[:SECTION_BLOCK_SIZE])))
    return lead, blocks


def byline(article: ArticlePage) -> str:
    """ "Par Léa Lambert", or with agency copy "Par L. L. avec ARP"."""
    authors = article.authors
    if article.agency:
        names = [author.initials for author in authors]
    else:
        names = [author.name for author in authors]
    if not names and article.agency:
        return article.agency.short_name
    if len(names) > 1:
        joined = _("%(first)s et %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}
    else:
        joined = names[0] if names else ""
    if article.agency:
        return _("Par %(names)s avec %(agency)s") % {"names": joined, "agency": article.agency.short_name}
    return _("Par %(names)s") % {"names": joined}


def must_read(article: ArticlePage, count: int = MUST_READ_COUNT) -> list[ArticlePage]:
    """Editors' picks first, completed with the latest articles of the same section, then any."""
    picks: list[ArticlePage] = []
    seen = {article.pk}
    for pick in article.must_reads.select_related("target", "target__hero_image"):
        if pick.target.live and pick.target.pk not in seen:
            picks.append(pick.target)
            seen.add(pick.target.pk)
    if len(picks) >= count:
        return picks[:count]
    published = published_articles()  # asks for the view restrictions once, for both lookups
    for candidates in (published.sibling_of(article), published):
        for candidate in candidates.exclude(pk__in=seen)[: count - len(picks)]:
            picks.append(candidate)
            seen.add(candidate.pk)
        if len(picks) >= count:
            break
    return picks


def split_body(article: ArticlePage, free_paragraphs: int) -> tuple[list, list]:
    """The body blocks before and after the paywall cut, right after the `free_paragraphs`-th
    paragraph: whatever follows it (subheading, quote, picture) is behind the wall."""
    blocks = list(article.body)
    if not article.premium:
        return blocks, []
    if free_paragraphs <= 0:
        return [], blocks
    paragraphs = 0
    for position, block in enumerate(blocks):
        if block.block_type == "paragraph":
            paragraphs += 1
            if paragraphs == free_paragraphs:
                return blocks[: position + 1], blocks[position + 1 :]
    return blocks, []


def article_page_context(article: ArticlePage, request) -> dict:
    """What the article template shows this reader; the premium part only if entitled."""
    free_blocks, premium_blocks = split_body(article, subscriptions.free_paragraphs())
    # Nothing behind the wall (a short premium piece): nothing to ask, no metered read spent.
    entitled = not premium_blocks or subscriptions.may_read_in_full(request.user, article)
    return {
        "paywalled": bool(premium_blocks) and not entitled,
        "free_blocks": free_blocks,
        "premium_blocks": premium_blocks if entitled else [],
        "is_subscriber": subscriptions.is_subscriber(request.user),
        "section": article.section,
        "byline": byline(article),
        "must_read": must_read(article),
        "json_ld": news_article_json_ld(article, request),
        "social_image_url": social_image_url(article, request),
    }


def social_image_url(article: ArticlePage, request) -> str | None:
    if not article.hero_image:
        return None
    return absolute_media_url(article.hero_image.get_rendition("fill-1200x630").url, request)


def articles_tagged(tag: Tag) -> QuerySet[ArticlePage]:
    return published_articles().filter(tags=tag)


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


def search_articles(query: SearchQuery):
    if not query.text:
        return ArticlePage.objects.none()
    return published_articles().search(query.text, operator="and")


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
