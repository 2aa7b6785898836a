"""What a section lists as cards, articles and lives alike: the header a page opens with
(standfirst, hero picture), its place and date, and how a whole list of such pages gets its
bylines and tags in a few queries (see listing.py)."""

from collections.abc import Sequence
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar, Self

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Page

from .caching import PublicCacheMixin

if TYPE_CHECKING:
    from .sections import SectionPage

# The hero picture's fields in the editor, the same for every kind of page.
HERO_PANEL = MultiFieldPanel(
    [
        FieldPanel("hero_image"),
        FieldPanel("hero_alt"),
        FieldRowPanel([FieldPanel("hero_caption"), FieldPanel("hero_credit")]),
    ],
    heading=_("Photo principale"),
)


class NewsPage(PublicCacheMixin, Page):
    standfirst = models.TextField(_("chapô"), max_length=600)
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

    # What a card shows that a list fetches joined to the page (the picture's renditions are
    # prefetched apart, once for the whole list).
    card_relations: ClassVar[tuple[str, ...]] = ("hero_image",)

    class Meta:
        abstract = True

    @property
    def published_at(self) -> datetime:
        return self.first_published_at or self.go_live_at or timezone.now()

    # Listings set section, bylines and tags for a whole list at once (see listing.py).
    @cached_property
    def section(self) -> "SectionPage":
        return self.get_parent().specific

    @cached_property
    def tag_list(self) -> list[Tag]:
        return []

    @classmethod
    def with_bylines(cls, pages: Sequence[Self]) -> None:
        """Sets what the bylines of these pages (all of this type) need, in a fixed number of queries."""
        raise NotImplementedError

    @classmethod
    def with_tags(cls, pages: Sequence[Self]) -> None:
        """Sets the tags of these pages (all of this type) in a fixed number of queries; none by default."""
