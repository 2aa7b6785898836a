"""The article page, its body as readers get it, and what it links to: authors, tags, picks."""

from collections.abc import Sequence
from datetime import datetime
from functools import cached_property
from typing import Any

from django.conf import settings
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager, Site
from wagtail.query import PageQuerySet
from wagtail.search import index

from manchette.corrections import notices as correction_notices
from manchette.subscriptions import entitlements
from manchette.website import generation

from .. import rules, structured_data
from ..blocks import ArticleBodyBlock
from ..reading_time import count_words, reading_minutes
from .news_page import HERO_PANEL, NewsPage
from .snippets import Agency, Author

MUST_READ_COUNT = 4


class ArticlePageQuerySet(PageQuerySet):
    def published(self) -> "ArticlePageQuerySet":
        """Live articles anyone may see (no view restriction), newest first."""
        return self.live().public().order_by("-first_published_at")

    def for_cards(self) -> "ArticlePageQuerySet":
        """Pictures, their renditions and agencies: a list of cards costs two queries, not one a card."""
        return self.select_related("hero_image", "agency").prefetch_related("hero_image__renditions")


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "articles.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ArticlePage(NewsPage):
    objects = PageManager.from_queryset(ArticlePageQuerySet)()

    kicker = models.CharField(
        _("surtitre"), max_length=80, blank=True, help_text=_("Par exemple un pays ou un thème.")
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agence"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
        help_text=_("Si l'article reprend une dépêche d'agence."),
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("corps de l'article"))
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("mots-clés"))
    premium = models.BooleanField(
        _("réservé aux abonnés"),
        default=False,
        help_text=_("Seul le début de l'article est accessible aux non-abonnés."),
    )
    updated_at = models.DateTimeField(
        _("mis à jour le"),
        null=True,
        blank=True,
        help_text=_("À renseigner lors d'une mise à jour éditoriale de l'article."),
    )
    reading_time = models.PositiveSmallIntegerField(_("temps de lecture (min)"), default=1, editable=False)

    content_panels = [
        FieldPanel("kicker"),
        *Page.content_panels,
        FieldPanel("standfirst"),
        MultiFieldPanel(
            [InlinePanel("article_authors", label=_("Auteur"), min_num=1), FieldPanel("agency")],
            heading=_("Signature"),
        ),
        HERO_PANEL,
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("tags"), FieldPanel("premium"), FieldPanel("updated_at")],
            heading=_("Publication"),
        ),
        InlinePanel("must_reads", label=_("À ne pas manquer"), max_num=4),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("kicker"),
        index.SearchField("standfirst"),
        # Not "body": a premium article's body is for subscribers, and finding the article by one
        # of its words would tell anyone what the paywalled text says.
        index.SearchField("public_body_text"),
        index.FilterField("premium"),
    ]
    parent_page_types = ["articles.SectionPage"]
    subpage_types: list[str] = []
    card_relations = ("hero_image", "agency")

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.set_reading_time()
        super().save(*args, **kwargs)

    def set_reading_time(self) -> None:
        """From the standfirst and the body: on each save, and by imports that write in bulk."""
        self.reading_time = reading_minutes(count_words(self.standfirst) + count_words(self.body_text()))

    def body_text(self) -> str:
        """The words a reader reads in the body, block by block."""
        parts = []
        for block in self.body:
            if block.block_type == "paragraph":
                parts.append(block.value.source)
            elif block.block_type == "subheading":
                parts.append(block.value)
            elif block.block_type == "quote":
                parts.append(f"{block.value['text']} {block.value['attribution']}")
        return "\n".join(parts)

    def public_body_text(self) -> str:
        """What the search index may know of the body: all of a free article's, none of a premium one's."""
        if self.premium:
            return ""
        return "\n".join(self._meta.get_field("body").get_searchable_content(self.body))

    # Listings set these two for a whole list at once (see with_bylines and with_tags).
    @cached_property
    def authors(self) -> list[Author]:
        return [link.author for link in self.article_authors.select_related("author")]

    @cached_property
    def tag_list(self) -> list[Tag]:
        return list(self.tags.all())

    @classmethod
    def with_bylines(cls, pages: Sequence["ArticlePage"]) -> None:
        """The authors of all the pages in one query, and the agencies in one unless the list
        came with them (for_cards, listing.news_pages)."""
        authors: dict[int, list[Author]] = {article.pk: [] for article in pages}
        links = ArticleAuthor.objects.filter(article__in=pages).select_related("author")
        for link in links.order_by("sort_order"):
            authors[link.article_id].append(link.author)
        missing = {a.agency_id for a in pages if a.agency_id and not ArticlePage.agency.is_cached(a)}
        agencies = Agency.objects.in_bulk(missing) if missing else {}
        for article in pages:
            article.authors = authors[article.pk]
            if article.agency_id in agencies:
                article.agency = agencies[article.agency_id]

    @classmethod
    def with_tags(cls, pages: Sequence["ArticlePage"]) -> None:
        tags: dict[int, list[Tag]] = {article.pk: [] for article in pages}
        # In the order the tags were given: without it, the rows' physical order (which a restore changes).
        for item in ArticleTag.objects.filter(content_object__in=pages).select_related("tag").order_by("pk"):
            tags[item.content_object_id].append(item.tag)
        for article in pages:
            article.tag_list = tags[article.pk]

    @cached_property
    def notices(self) -> list[correction_notices.Notice]:
        """The rectificatifs, précisions and mises à jour added since publication, oldest first."""
        return correction_notices.for_article(self.pk)

    @property
    def top_notices(self) -> list[correction_notices.Notice]:
        return [notice for notice in self.notices if notice.at_top]

    @property
    def end_notices(self) -> list[correction_notices.Notice]:
        return [notice for notice in self.notices if not notice.at_top]

    @property
    def last_updated_at(self) -> datetime | None:
        """The editor's "mis à jour le", or the latest notice when it is later; None when neither."""
        dates = [date for date in (self.updated_at, *(notice.dated_at for notice in self.notices)) if date]
        return max(dates, default=None)

    @cached_property
    def byline(self) -> str:
        authors = self.authors
        return rules.byline(
            [author.name for author in authors],
            [author.initials for author in authors],
            self.agency.short_name if self.agency else "",
        )

    def paywall_cut(self, free_paragraphs: int) -> int | None:
        """Where the premium part starts, read from the stored block types (no block is built)."""
        types = [block["type"] for block in self.body.raw_data]
        return rules.paywall_cut(types, self.premium, free_paragraphs)

    def split_body(self, free_paragraphs: int) -> tuple[list, list]:
        """The body blocks before and after the paywall cut."""
        blocks = list(self.body)
        cut = self.paywall_cut(free_paragraphs)
        return (blocks, []) if cut is None else (blocks[:cut], blocks[cut:])

    def must_read(self, count: int = MUST_READ_COUNT) -> list["ArticlePage"]:
        """Editors' picks first, completed with the latest articles of the same section, then any.

        Only live articles without any view restriction: the block is the same for every
        reader, so it never names a page some reader may not open.
        """
        published = ArticlePage.objects.published().for_cards()  # the view restrictions, asked once
        pick_ids = [pick.target_id for pick in self.must_reads.all()]
        found = {article.pk: article for article in published.filter(pk__in=pick_ids)} if pick_ids else {}
        picks = [found[pk] for pk in dict.fromkeys(pick_ids) if pk in found and pk != self.pk][:count]
        seen = {self.pk, *(article.pk for article in picks)}
        for candidates in (published.sibling_of(self), published):
            if len(picks) >= count:
                break
            for candidate in candidates.exclude(pk__in=seen)[: count - len(picks)]:
                picks.append(candidate)
                seen.add(candidate.pk)
        return picks

    def get_context(
        self,
        request: HttpRequest,
        *args: Any,
        rights: entitlements.Entitlements | None = None,
        **kwargs: Any,
    ) -> dict[str, Any]:
        """`rights` granted another way (a gift link, manchette/gifts) replace the reader's own."""
        context = super().get_context(request, *args, **kwargs)
        token = generation.current(request)
        free_paragraphs = generation.remember(token, "free-paragraphs", entitlements.free_paragraphs)
        cut = self.paywall_cut(free_paragraphs)
        if rights is None:
            # Nothing behind the wall (a short premium piece): nothing to ask, no metered read spent.
            rights = entitlements.entitlements(request.user, self, behind_wall=cut is not None)
        entitled = rights.read_in_full
        site = Site.find_for_request(request)  # Wagtail found it to route the request: no query
        root_url = site.root_url if site else settings.SITE_URL
        context.update(
            {
                "body": ArticleBody(self, cut, entitled),
                "paywalled": not entitled,
                "may_listen": rights.listen,
                "may_comment": rights.comment,
                # The three below are called only when the template's cached fragment is missing.
                "must_read": self.must_read,
                "json_ld": lambda: structured_data.news_article_json_ld(
                    self, self.get_full_url(request), root_url
                ),
                "social_image_url": lambda: structured_data.social_image_url(self, root_url),
            }
        )
        return context


class ArticleBody:
    """The blocks a reader gets, built only when the template renders them."""

    def __init__(self, article: ArticlePage, cut: int | None, entitled: bool) -> None:
        self.article, self.cut, self.entitled = article, cut, entitled

    @cached_property
    def _blocks(self) -> list:
        return list(self.article.body)

    @property
    def free_blocks(self) -> list:
        return self._blocks if self.cut is None else self._blocks[: self.cut]

    @property
    def premium_blocks(self) -> list:
        return self._blocks[self.cut :] if self.cut is not None and self.entitled else []

    @cached_property
    def linkable_ids(self) -> set[int]:
        """The "À lire aussi" targets that are live and open to anyone: the others are not shown."""
        targets = [
            block.value["article"].pk
            for block in self._blocks
            if block.block_type == "related" and block.value["article"] is not None
        ]
        if not targets:
            return set()
        return set(ArticlePage.objects.live().public().filter(pk__in=targets).values_list("pk", flat=True))


class ArticleAuthor(Orderable):
    article = ParentalKey(ArticlePage, related_name="article_authors", on_delete=models.CASCADE)
    author = models.ForeignKey(Author, verbose_name=_("auteur"), on_delete=models.PROTECT, related_name="+")

    panels = [FieldPanel("author")]


class MustRead(Orderable):
    """An editor's pick for the "À ne pas manquer" block."""

    article = ParentalKey(ArticlePage, related_name="must_reads", on_delete=models.CASCADE)
    target = models.ForeignKey(
        ArticlePage, verbose_name=_("article"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("target")]
