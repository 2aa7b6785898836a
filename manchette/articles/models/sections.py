"""The home page and the sections, and the lists of articles they show."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from .articles import ArticlePage, ArticlePageQuerySet, ArticleTag
from .caching import PublicCacheMixin
from .listing import paginate, with_bylines

SECTION_BLOCK_SIZE = 4


@dataclass
class SectionBlock:
    section: "SectionPage"
    articles: list["ArticlePage"]


@dataclass
class FrontPage:
    lead: "ArticlePage | None"
    section_blocks: list[SectionBlock]


class HomePage(PublicCacheMixin, Page):
    subpage_types = ["articles.SectionPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("page d'accueil")

    def front_page(self) -> FrontPage:
        """The lead story, then the latest articles of each section (the lead excluded)."""
        published = ArticlePage.objects.published().for_cards()  # the view restrictions, asked once
        lead = published.descendant_of(self).first()
        blocks = []
        for section in SectionPage.objects.live().public().child_of(self):
            articles = published.child_of(section)
            if lead:
                articles = articles.exclude(pk=lead.pk)
            blocks.append(SectionBlock(section, list(articles[:SECTION_BLOCK_SIZE])))
        with_bylines([lead] if lead else [], *(block.articles for block in blocks))
        return FrontPage(lead, blocks)

    def get_context(self, request, *args, **kwargs):
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

    def articles(self) -> ArticlePageQuerySet:
        return ArticlePage.objects.published().child_of(self).for_cards()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles_page"] = paginate(self.articles(), request, self.articles_per_page)
        return context


def with_listing_details(articles: list[ArticlePage]) -> list[ArticlePage]:
    """Sets each article's section, authors and tags with three queries for the whole list."""
    if not articles:
        return articles
    steplen = ArticlePage.steplen
    sections = {
        section.path: section
        for section in SectionPage.objects.filter(path__in={article.path[:-steplen] for article in articles})
    }
    with_bylines(articles)
    tags: dict[int, list] = {article.pk: [] for article in articles}
    # In the order the tags were given: without it, the rows' physical order (which a restore changes).
    for item in ArticleTag.objects.filter(content_object__in=articles).select_related("tag").order_by("pk"):
        tags[item.content_object_id].append(item.tag)
    for article in articles:
        article.section = sections[article.path[:-steplen]]
        article.tag_list = tags[article.pk]
    return articles
