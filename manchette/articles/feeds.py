"""RSS feeds of the latest articles, site-wide and per section.

A feed item carries the standfirst only: a feed is public, premium text is not.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from .models import ArticlePage, SectionPage, with_listing_details

FEED_LENGTH = 30


class LatestArticlesFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "fr"

    def title(self):
        return _("%(site)s : les derniers articles") % {"site": settings.WAGTAIL_SITE_NAME}

    def link(self):
        return "/"

    def description(self):
        return _("Les derniers articles publiés par %(site)s.") % {"site": settings.WAGTAIL_SITE_NAME}

    def items(self):
        return with_listing_details(list(ArticlePage.objects.published()[:FEED_LENGTH]))

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.standfirst

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return ", ".join(author.name for author in item.authors) or None

    def item_categories(self, item):
        return [item.section.title, *(tag.name for tag in item.tag_list)]


class SectionFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(SectionPage.objects.live().public(), slug=slug)

    def title(self, section):
        return _("%(site)s : %(section)s") % {"site": settings.WAGTAIL_SITE_NAME, "section": section.title}

    def link(self, section):
        return section.url

    def description(self, section):
        return section.intro or self.title(section)

    def items(self, section):
        return with_listing_details(list(ArticlePage.objects.published().child_of(section)[:FEED_LENGTH]))
