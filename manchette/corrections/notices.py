"""What readers are shown of the notices: on an article, and on the corrections page and feed.

Only the notices of articles anyone may open are listed publicly: a notice names its
article, and an unpublished or restricted article's title is not the public's.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from wagtail.models import Page

from .models import Correction


@dataclass(frozen=True)
class Notice:
    pk: int
    kind: str
    label: str
    text: str
    dated_at: datetime

    @property
    def at_top(self) -> bool:
        """A rectificatif says the article was wrong: readers see it before the text."""
        return self.kind == Correction.Kind.RECTIFICATIF

    @property
    def is_correction(self) -> bool:
        """A rectificatif or a précision corrects the text; a mise à jour adds news to it."""
        return self.kind != Correction.Kind.UPDATE

    @property
    def anchor(self) -> str:
        return f"rectificatif-{self.pk}"


def notice_of(correction: Correction) -> Notice:
    return Notice(
        correction.pk, correction.kind, correction.get_kind_display(), correction.text, correction.dated_at
    )


def for_article(article_id: int) -> list[Notice]:
    """The article's notices, oldest first, as they happened."""
    found = Correction.objects.filter(article_id=article_id).order_by("dated_at", "pk")
    return [notice_of(correction) for correction in found]


def public() -> QuerySet[Correction]:
    """Every notice on a live article open to anyone, newest first, with its article."""
    open_pages = Page.objects.live().public().values("pk")
    return (
        Correction.objects.filter(article_id__in=open_pages)
        .select_related("article")
        .order_by("-dated_at", "-pk")
    )
