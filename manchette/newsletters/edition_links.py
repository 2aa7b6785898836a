"""The article links of an edition's mail, through a redirect on the site that counts a click
per link and per day, and those clicks for the newsroom.

A link names the edition and the article, and carries an HMAC of both under the SECRET_KEY:
no one can make it lead elsewhere (the redirect goes to the article found among the edition's
own articles, never to an address read from the link), and a made-up link counts nothing.
The preferences and unsubscribe links are the reader's own and are not wrapped.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import QuerySet, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from manchette.articles.models import ArticlePage
from manchette.audience.models import DailyLinkClicks

from .models import Edition

SALT = "newsletters.edition-link"
# Where the redirect sends the reader: the article, marked as coming from a newsletter so that the
# audience's beacon counts the view under "newsletter" (and takes the mark out of the address bar).
FROM_NEWSLETTER = "?utm_source=newsletter"
# The editions the Audience screen shows: the latest sent in these many days.
DAYS_SHOWN = 30
EDITIONS_SHOWN = 10


def signature(edition_id: int, article_id: int) -> str:
    return salted_hmac(SALT, f"{edition_id}:{article_id}", algorithm="sha256").hexdigest()[:24]


def link_path(edition: Edition, article: ArticlePage) -> str:
    return reverse("newsletters:link", args=[edition.pk, article.pk, signature(edition.pk, article.pk)])


def article_linked(edition_id: int, article_id: int, given: str) -> ArticlePage | None:
    """The live article of the edition this link leads to, or None for an altered or unknown link."""
    if not constant_time_compare(signature(edition_id, article_id), given):
        return None
    return ArticlePage.objects.live().filter(pk=article_id, edition__pk=edition_id).first()


def counts_clicks(edition_id: int) -> bool:
    """Only an edition that went out counts its clicks: a test mail of a draft counts nothing."""
    return Edition.objects.filter(pk=edition_id, started_at__isnull=False).exists()


@dataclass(frozen=True)
class LinkClicks:
    title: str
    url: str
    clicks: int


@dataclass(frozen=True)
class EditionClicks:
    edition: Edition
    links: list[LinkClicks]


def _with_clicks(editions: QuerySet[Edition]) -> list[EditionClicks]:
    """Each edition with its links' clicks (every day kept): three queries whatever the number
    of editions and links."""
    chosen = list(editions.select_related("newsletter").prefetch_related("articles"))
    clicks = {
        (row["edition_id"], row["article_id"]): row["total"]
        for row in DailyLinkClicks.objects.filter(edition_id__in=[edition.pk for edition in chosen])
        .values("edition_id", "article_id")
        .annotate(total=Sum("count"))
    }
    found = []
    for edition in chosen:
        # The mail's order (editions.ordered_articles), from the prefetched articles.
        articles = sorted(
            edition.articles.all(), key=lambda article: (article.first_published_at, article.pk), reverse=True
        )
        found.append(EditionClicks(edition, [
            LinkClicks(article.title, article.url or "", clicks.get((edition.pk, article.pk), 0))
            for article in articles
        ]))
    return found


def recent_clicks() -> list[EditionClicks]:
    """The editions sent in the last DAYS_SHOWN days, latest first, with their links' clicks."""
    since = timezone.now() - timedelta(days=DAYS_SHOWN)
    latest = Edition.objects.filter(started_at__gte=since).order_by("-started_at", "-pk")
    return _with_clicks(latest[:EDITIONS_SHOWN])


def clicks_of(edition_id: int) -> EditionClicks | None:
    """One edition's links with their clicks, None if there is no such edition."""
    found = _with_clicks(Edition.objects.filter(pk=edition_id))
    return found[0] if found else None
