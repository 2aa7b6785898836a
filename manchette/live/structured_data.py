"""schema.org LiveBlogPosting for a live, as Google's live-coverage guidelines read it:
coverageStartTime, coverageEndTime once finished, and liveBlogUpdate for the entries shown.

A premium live's entries are declared as for subscribers and never included for a reader
who may not read them.
"""

from html import unescape
from typing import TYPE_CHECKING

from django.conf import settings
from django.templatetags.static import static
from django.utils.html import strip_tags

from manchette.articles.structured_data import JSON_LD_IMAGE_SPECS, absolute_media_url, rendition_urls

if TYPE_CHECKING:  # the models build this from their context: no import at run time
    from .models import LiveEntry, LivePage


def entry_text(entry: "LiveEntry") -> str:
    """The entry's words, without markup (paragraphs and quotes)."""
    parts = []
    for block in entry.body:
        if block.block_type == "paragraph":
            parts.append(unescape(strip_tags(block.value.source.replace("<br/>", "\n"))))
        elif block.block_type == "quote":
            parts.append(block.value["text"])
    return "\n".join(parts)


def live_blog_json_ld(
    page: "LivePage", entries: list["LiveEntry"], canonical: str, root_url: str, readable: bool
) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "url": canonical,
        "headline": page.title[:110],
        "description": page.standfirst,
        "datePublished": page.published_at.isoformat(),
        "dateModified": (page.last_published_at or page.published_at).isoformat(),
        "coverageStartTime": page.published_at.isoformat(),
        "author": [{"@type": "Person", "name": author.name} for author in page.authors],
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": settings.WAGTAIL_SITE_NAME,
            "url": settings.SITE_URL + "/",
            "logo": {"@type": "ImageObject", "url": settings.SITE_URL + static("manchette/logo.png")},
        },
        "inLanguage": "fr-FR",
        "isAccessibleForFree": not page.premium,
    }
    if page.finished and page.ended_at:
        data["coverageEndTime"] = page.ended_at.isoformat()
    if pictures := rendition_urls(page.hero_image, JSON_LD_IMAGE_SPECS):
        data["image"] = [absolute_media_url(url, root_url) for url in pictures]
    shown = [entry for entry in entries if entry.deleted_at is None]
    if shown:
        latest = max(entry.corrected_at or entry.posted_at for entry in shown)
        data["dateModified"] = max(latest, page.last_published_at or latest).isoformat()
    if readable:
        data["liveBlogUpdate"] = [_update(entry, canonical) for entry in shown]
    return data


def _update(entry: "LiveEntry", canonical: str) -> dict:
    update: dict[str, object] = {
        "@type": "BlogPosting",
        "url": f"{canonical}#{entry.anchor}",
        "headline": (entry.title or entry_text(entry))[:110],
        "datePublished": entry.posted_at.isoformat(),
        "articleBody": entry_text(entry),
    }
    if entry.corrected_at:
        update["dateModified"] = entry.corrected_at.isoformat()
    if entry.author:
        update["author"] = {"@type": "Person", "name": entry.author.name}
    return update
