"""RSS feeds of the latest articles and lives, site-wide and per section.

A feed item carries the standfirst only: a feed is public, premium text (an article's body,
a live's entries) is not.
"""

from datetime import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from .models import NewsPage, SectionPage, as_news_pages, news_pages, with_listing_details

FEED_LENGTH = 30


class LatestArticlesFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "fr"

    def title(self) -> str:
        return _("%(site)s : les derniers articles") % {"site": settings.WAGTAIL_SITE_NAME}

    def link(self) -> str:
        return "/"

    def description(self) -> str:
        return _("Les derniers articles publiés par %(site)s.") % {"site": settings.WAGTAIL_SITE_NAME}

    def items(self) -> list[NewsPage]:
        return with_listing_details(as_news_pages(news_pages(pictures=False)[:FEED_LENGTH]))

    def item_title(self, item: NewsPage) -> str:
        return item.title

    def item_description(self, item: NewsPage) -> str:
        return item.standfirst

    def item_link(self, item: NewsPage) -> str:
        return item.url

    def item_pubdate(self, item: NewsPage) -> datetime:
        return item.published_at

    def item_updateddate(self, item: NewsPage) -> datetime | None:
        return item.updated_at

    def item_author_name(self, item: NewsPage) -> str | None:
        return ", ".join(author.name for author in item.authors) or None

    def item_categories(self, item: NewsPage) -> list[str]:
        return [item.section.title, *(tag.name for tag in item.tag_list)]


class SectionFeed(LatestArticlesFeed):
    # Django's Feed passes get_object's section to a method that takes an argument, so these
    # four take one where the site-wide feed's take none: a different signature on purpose.

    def get_object(self, request: HttpRequest, slug: str) -> SectionPage:
        return get_object_or_404(SectionPage.objects.live().public(), slug=slug)

    def title(self, section: SectionPage) -> str:  # type: ignore[override]
        return _("%(site)s : %(section)s") % {"site": settings.WAGTAIL_SITE_NAME, "section": section.title}

    def link(self, section: SectionPage) -> str:  # type: ignore[override]
        return section.url

    def description(self, section: SectionPage) -> str:  # type: ignore[override]
        return section.intro or self.title(section)

    def items(self, section: SectionPage) -> list[NewsPage]:  # type: ignore[override]
        return with_listing_details(as_news_pages(news_pages(pictures=False).child_of(section)[:FEED_LENGTH]))
