"""schema.org NewsArticle data for search engines.

Only what any visitor may read goes in here: the headline, the standfirst, the
picture. For premium articles the paywalled part is declared, never included.
"""

import json
import logging
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.templatetags.static import static
from django.utils.safestring import SafeString, mark_safe
from wagtail.images.models import AbstractImage, SourceImageIOError

if TYPE_CHECKING:  # the article's model builds this data: no import at run time
    from .models import ArticlePage

logger = logging.getLogger(__name__)

PAYWALLED_CSS_CLASS = "article-premium"
# Search engines pick among these ratios; social networks use the 1.91:1 one.
JSON_LD_IMAGE_SPECS = ("fill-1200x675", "fill-1200x900", "fill-1200x1200")
SOCIAL_IMAGE_SPEC = "fill-1200x630"

_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def news_article_json_ld(article: "ArticlePage", canonical: str, root_url: str) -> dict[str, Any]:
    """The article's NewsArticle, at its canonical URL, media URLs made absolute with root_url."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "url": canonical,
        "headline": article.title[:110],
        "description": article.standfirst,
        "datePublished": article.published_at.isoformat(),
        "dateModified": _date_modified(article).isoformat(),
        "author": [{"@type": "Person", "name": author.name} for author in article.authors],
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": settings.WAGTAIL_SITE_NAME,
            "url": settings.SITE_URL + "/",
            "logo": {"@type": "ImageObject", "url": settings.SITE_URL + static("manchette/logo.png")},
        },
        "articleSection": article.section.title,
        "inLanguage": "fr-FR",
        "keywords": [tag.name for tag in article.tag_list],
        "isAccessibleForFree": not article.premium,
    }
    if article.agency:
        data["sourceOrganization"] = {"@type": "NewsMediaOrganization", "name": article.agency.name}
    if pictures := rendition_urls(article.hero_image, JSON_LD_IMAGE_SPECS):
        data["image"] = [absolute_media_url(url, root_url) for url in pictures]
    if corrections := [notice for notice in article.notices if notice.is_correction]:
        data["correction"] = [
            {"@type": "CorrectionComment", "text": notice.text, "datePublished": notice.dated_at.isoformat()}
            for notice in corrections
        ]
    if article.premium:
        data["hasPart"] = {
            "@type": "WebPageElement",
            "isAccessibleForFree": False,
            "cssSelector": f".{PAYWALLED_CSS_CLASS}",
        }
    return data


def _date_modified(article: "ArticlePage") -> datetime:
    """The later of the last editorial change and the latest notice (a notice changes the article)."""
    edited = article.updated_at or article.last_published_at or article.published_at
    return max(edited, article.last_updated_at or edited)


def social_image_url(article: "ArticlePage", root_url: str) -> str | None:
    found = rendition_urls(article.hero_image, [SOCIAL_IMAGE_SPEC])
    return absolute_media_url(found[0], root_url) if found else None


def rendition_urls(image: AbstractImage | None, specs: Iterable[str]) -> list[str]:
    """The URLs of these sizes of the picture; none when its original file is gone.

    A lost original (media storage emptied or not yet restored while the database survived)
    leaves the page without its picture in the metadata, as Wagtail's image tags leave it
    without the picture itself, instead of failing the whole page.
    """
    if image is None:
        return []
    try:
        return [rendition.url for rendition in image.get_renditions(*specs).values()]
    except SourceImageIOError as error:
        logger.warning("Picture %s without its original file: %s", image.pk, error)
        return []


def absolute_media_url(url: str, root_url: str) -> str:
    """Media served by the site get the site's root; media on a CDN are absolute already."""
    if url.startswith(("http://", "https://")):
        return url
    return root_url + url


def json_ld_script(data: dict[str, Any]) -> SafeString:
    payload = json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308
