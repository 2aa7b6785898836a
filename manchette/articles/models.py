"""Pages and snippets of the newsroom: home, sections, articles, authors, agencies."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from .blocks import ArticleBodyBlock
from .caching import cache_for_visitor, is_personal
from .reading_time import count_words, reading_minutes


@register_snippet
class Author(index.Indexed, models.Model):
    name = models.CharField(_("nom"), max_length=120)
    initials = models.CharField(
        _("initiales"), max_length=20, help_text=_("Signature courte, par exemple « L. L. ».")
    )
    slug = models.SlugField(_("identifiant"), unique=True)
    bio = models.CharField(_("présentation"), max_length=300, blank=True)

    panels = [FieldPanel("name"), FieldPanel("initials"), FieldPanel("slug"), FieldPanel("bio")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("auteur")
        verbose_name_plural = _("auteurs")

    def __str__(self) -> str:
        return self.name


@register_snippet
class Agency(models.Model):
    name = models.CharField(_("nom"), max_length=120)
    short_name = models.CharField(
        _("nom court"), max_length=30, help_text=_("Utilisé dans la signature : « avec … ».")
    )
    slug = models.SlugField(_("identifiant"), unique=True)

    panels = [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("agence de presse")
        verbose_name_plural = _("agences de presse")

    def __str__(self) -> str:
        return self.name


class PublicCacheMixin:
    """Anonymous readers all get the same bytes, which a shared cache may keep briefly."""

    def serve(self, request, *args, **kwargs):
        # Decided before rendering: rendering consumes the flash messages.
        personal = is_personal(request)
        return cache_for_visitor(request, super().serve(request, *args, **kwargs), personal)


class HomePage(PublicCacheMixin, Page):
    subpage_types = ["articles.SectionPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("page d'accueil")

    def get_context(self, request, *args, **kwargs):
        from . import services

        context = super().get_context(request, *args, **kwargs)
        context["lead"], context["section_blocks"] = services.front_page(self)
        return context


class SectionPage(PublicCacheMixin, Page):
    intro = models.CharField(_("présentation"), max_length=300, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["articles.ArticlePage"]
    parent_page_types = ["articles.HomePage"]
    articles_per_page = 10

    class Meta:
        verbose_name = _("rubrique")
        verbose_name_plural = _("rubriques")

    def articles(self):
        return (
            ArticlePage.objects.live()
            .public()
            .child_of(self)
            .order_by("-first_published_at")
            .select_related("hero_image")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles_page"] = paginate(self.articles(), request, self.articles_per_page)
        return context


def paginate(queryset, request, per_page: int):
    """The requested page, or the first one when the number is absurd (never an error)."""
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        page = paginator.page(1)
        page.invalid_request = True
        return page


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "articles.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ArticlePage(PublicCacheMixin, Page):
    kicker = models.CharField(
        _("surtitre"), max_length=80, blank=True, help_text=_("Par exemple un pays ou un thème.")
    )
    standfirst = models.TextField(_("chapô"), max_length=600)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agence"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
        help_text=_("Si l'article reprend une dépêche d'agence."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo principale"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_alt = models.CharField(_("texte alternatif"), max_length=250, blank=True)
    hero_caption = models.CharField(_("légende"), max_length=400, blank=True)
    hero_credit = models.CharField(
        _("crédit photo"), max_length=200, blank=True, help_text=_("PHOTOGRAPHE / AGENCE")
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
        MultiFieldPanel(
            [
                FieldPanel("hero_image"),
                FieldPanel("hero_alt"),
                FieldRowPanel([FieldPanel("hero_caption"), FieldPanel("hero_credit")]),
            ],
            heading=_("Photo principale"),
        ),
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

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def save(self, *args, **kwargs):
        self.reading_time = reading_minutes(count_words(self.standfirst) + count_words(self.body_text()))
        return super().save(*args, **kwargs)

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

    @property
    def section(self):
        return self.get_parent().specific

    @property
    def authors(self) -> list[Author]:
        return [link.author for link in self.article_authors.select_related("author")]

    @property
    def published_at(self):
        return self.first_published_at or self.go_live_at or timezone.now()

    def get_context(self, request, *args, **kwargs):
        from . import services

        context = super().get_context(request, *args, **kwargs)
        context.update(services.article_page_context(self, request))
        return context


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
