"""Sitemaps: every public page, and the Google News sitemap of the last 48 hours."""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from wagtail.query import PageQuerySet

from .models import news_pages

NEWS_WINDOW = timedelta(hours=48)
NEWS_SITEMAP_LIMIT = 1000  # Google News reads at most 1,000 URLs per sitemap.


def recent_news(now: datetime | None = None) -> PageQuerySet:
    """The articles and lives published in the window, newest first."""
    now = now or timezone.now()
    recent = news_pages(pictures=False).filter(first_published_at__gte=now - NEWS_WINDOW)
    return recent[:NEWS_SITEMAP_LIMIT]


def publication_name() -> str:
    return settings.WAGTAIL_SITE_NAME
