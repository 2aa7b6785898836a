"""StreamField blocks of an article body."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Citation"), max_length=1000)
    attribution = blocks.CharBlock(label=_("Auteur de la citation"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Citation")
        template = "articles/blocks/quote.html"


class RelatedArticleBlock(blocks.StructBlock):
    article = blocks.PageChooserBlock(label=_("Article"), page_type="articles.ArticlePage")
    label = blocks.CharBlock(
        label=_("Accroche (facultative)"),
        required=False,
        max_length=200,
        help_text=_("Par défaut, le titre de l'article lié."),
    )

    class Meta:
        icon = "link"
        label = _("À lire aussi")
        template = "articles/blocks/related.html"


class BodyImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt = blocks.CharBlock(label=_("Texte alternatif"), max_length=250)
    caption = blocks.CharBlock(label=_("Légende"), required=False, max_length=400)
    credit = blocks.CharBlock(label=_("Crédit"), required=False, max_length=200)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "articles/blocks/image.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Paragraphe"), features=["bold", "italic", "link"], template="articles/blocks/paragraph.html"
    )
    subheading = blocks.CharBlock(
        label=_("Intertitre"), max_length=200, icon="title", template="articles/blocks/subheading.html"
    )
    quote = QuoteBlock()
    related = RelatedArticleBlock()
    image = BodyImageBlock()
