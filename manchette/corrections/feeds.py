"""The corrections feed: every notice on an article anyone may open, newest first."""

from datetime import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from . import notices
from .models import Correction

FEED_LENGTH = 30


class CorrectionsFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "fr"

    def title(self) -> str:
        return _("%(site)s : rectificatifs et précisions") % {"site": settings.WAGTAIL_SITE_NAME}

    def link(self) -> str:
        return reverse("corrections")

    def description(self) -> str:
        return _("Les rectificatifs, précisions et mises à jour apportés aux articles de %(site)s.") % {
            "site": settings.WAGTAIL_SITE_NAME
        }

    def items(self) -> list[Correction]:
        return list(notices.public()[:FEED_LENGTH])

    def item_title(self, item: Correction) -> str:
        return f"{item.get_kind_display()} : {item.article.title}"

    def item_description(self, item: Correction) -> str:
        return item.text

    def item_link(self, item: Correction) -> str:
        return f"{item.article.url}#{notices.notice_of(item).anchor}"

    def item_pubdate(self, item: Correction) -> datetime:
        return item.dated_at
