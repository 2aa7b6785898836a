"""A post read from the export, and what its article's fields are made of: the standfirst,
Yoast's SEO fields, a free slug, its tags, and the digest that tells a later export changed it."""

import hashlib
import html
import re
from dataclasses import dataclass

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from manchette.articles import imports as articles

from .content import Paragraph, bare_credit, split_credit
from .wxr import WPComment, WPItem, attachment_credit

STANDFIRST_MAX = 600


@dataclass(eq=False)
class Post:
    """A post or page read from the export, converted once, waiting to be written."""

    item: WPItem
    state: articles.State
    pieces: list
    comments: list[WPComment]  # those that come over
    fields: dict[str, object] | None = None  # the article's fields, once looked up


def counted(item: WPItem, what: str) -> str:
    """The report's line for a post or a page created, updated or left unchanged."""
    if item.post_type == "page":
        return {"created": _("pages créées"), "updated": _("pages mises à jour")}.get(
            what, _("pages inchangées")
        )
    return {"created": _("articles créés"), "updated": _("articles mis à jour")}.get(
        what, _("articles inchangés")
    )


def digest(item: WPItem) -> str:
    fields = [
        item.title,
        item.content,
        item.excerpt,
        item.status,
        item.slug,
        str(item.date_gmt),
        str(item.modified_gmt),
        repr([(t.domain, t.slug, t.name) for t in item.terms]),
        *(
            item.meta.get(key, "")
            for key in (
                "_thumbnail_id",
                "_yoast_wpseo_title",
                "_yoast_wpseo_metadesc",
                "_yoast_wpseo_primary_category",
            )
        ),
    ]
    return hashlib.sha256("\x1f".join(fields).encode()).hexdigest()


def caption_and_credit(item: WPItem) -> tuple[str, str]:
    caption, credit = split_credit(strip_tags(item.excerpt))
    return caption, credit or bare_credit(attachment_credit(item.meta.get("_wp_attachment_metadata", "")))


def standfirst(excerpt: str, pieces: list) -> str:
    text = " ".join(html.unescape(strip_tags(excerpt)).split())
    if not text:
        first = next((p for p in pieces if isinstance(p, Paragraph)), None)
        text = " ".join(html.unescape(strip_tags(first.html)).split()) if first else ""
    if len(text) > STANDFIRST_MAX:
        text = text[: STANDFIRST_MAX - 1].rsplit(" ", 1)[0] + "…"
    return text


_YOAST_VARIABLE = re.compile(r"%%\w+%%")


def yoast(item: WPItem) -> tuple[str, str]:
    title = item.meta.get("_yoast_wpseo_title", "").replace("%%title%%", item.title)
    title = " ".join(_YOAST_VARIABLE.sub("", title).split()).strip(" -|–")
    description = " ".join(_YOAST_VARIABLE.sub("", item.meta.get("_yoast_wpseo_metadesc", "")).split())
    return title[:255], description


def free_slug(slug: str, taken: set[str] | None = None) -> str:
    """WordPress slugs are unique per site; Manchette's per section: kept, numbered if taken
    (by an article, or in `taken`: the batch being written)."""
    return articles.numbered_slug(slug, slug[:240], taken or set()) if slug else slug


def tag_names(item: WPItem) -> list[str]:
    return [term.name[:100] for term in item.terms if term.domain == "post_tag" and term.name]
