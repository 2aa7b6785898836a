"""The home page and the sections, and the lists of cards they show (articles, lives)."""

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.query import PageQuerySet

from .caching import PublicCacheMixin
from .listing import as_news_pages, news_pages, paginate, with_bylines, with_tags
from .news_page import NewsPage

SECTION_BLOCK_SIZE = 4


@dataclass
class SectionBlock:
    section: "SectionPage"
    articles: list[NewsPage]  # the latest articles and lives


@dataclass
class FrontPage:
    lead: NewsPage | None  # an article
    section_blocks: list[SectionBlock]


class HomePage(PublicCacheMixin, Page):
    subpage_types = ["articles.SectionPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("page d'accueil")

    def front_page(self) -> FrontPage:
        """The lead story, then the latest articles and lives of each section (the lead excluded)."""
        listed = news_pages()  # the view restrictions, asked once
        # The lead is the latest article; lives show in their section's block.
        leads = listed.descendant_of(self).filter(articlepage__isnull=False)[:1]
        lead = next(iter(as_news_pages(leads)), None)
        blocks = []
        for section in SectionPage.objects.live().public().child_of(self):
            cards = listed.child_of(section)
            if lead:
                cards = cards.exclude(pk=lead.pk)
            blocks.append(SectionBlock(section, as_news_pages(cards[:SECTION_BLOCK_SIZE])))
        with_bylines([lead] if lead else [], *(block.articles for block in blocks))
        return FrontPage(lead, blocks)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        # Called by the template only when its cached fragment is missing.
        context["front_page"] = self.front_page
        return context


class SectionPage(PublicCacheMixin, Page):
    intro = models.CharField(_("présentation"), max_length=300, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["articles.ArticlePage", "live.LivePage"]
    parent_page_types = ["articles.HomePage"]
    articles_per_page = 10

    class Meta:
        verbose_name = _("rubrique")
        verbose_name_plural = _("rubriques")

    def listing(self) -> PageQuerySet:
        """The section's articles and lives, newest first (see listing.news_pages)."""
        return news_pages().child_of(self)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["articles_page"] = paginate(self.listing(), request, self.articles_per_page)
        return context


def with_listing_details[Listed: NewsPage](pages: list[Listed]) -> list[Listed]:
    """Sets each page's section, authors and tags: one query for the sections, and per kind of
    page present one for the authors (one more for an article's tags)."""
    if not pages:
        return pages
    steplen = Page.steplen
    sections = {
        section.path: section
        for section in SectionPage.objects.filter(path__in={page.path[:-steplen] for page in pages})
    }
    with_bylines(pages)
    with_tags(pages)
    for page in pages:
        page.section = sections[page.path[:-steplen]]
    return pages
