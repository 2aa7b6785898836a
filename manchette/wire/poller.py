"""A poll of one feed: what its transport brings, handed to ingestion; and the turn a poll of
the feed's loop claims before polling and gives back after (the loop itself is polling.py's).

Every failure is recorded on the feed for the admin, and the next poll tries again from where
this one stopped.
"""

import logging
from datetime import datetime, timedelta
from functools import partial
from urllib.parse import urljoin

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from . import ingest, parsers, transports
from .ingest import FileResult
from .models import Feed
from .parsers import ParseError

logger = logging.getLogger(__name__)

# A poll under way holds its feed this long: a slow FTP server is not taken for a lost poll.
POLL_LEASE = timedelta(minutes=5)


def poll(feed: Feed) -> list[FileResult]:
    """Brings what is new on the feed's transport. Every failure is recorded on the feed for
    the admin (an unexpected one also in the log), and the next poll tries again from where
    this one stopped."""
    now = timezone.now()
    try:
        results = _follow_pages(feed) if feed.transport == Feed.Transport.HTTP else _take_batches(feed)
    except Exception as error:
        if isinstance(error, transports.TransportError):
            message = str(error)
        else:
            logger.exception("wire: poll of feed %s failed", feed.pk)
            message = _("Erreur inattendue pendant la relève (le détail est dans le journal du serveur).")
        Feed.objects.filter(pk=feed.pk).update(last_polled_at=now, last_error=message, last_error_at=now)
        return []
    Feed.objects.filter(pk=feed.pk).update(last_polled_at=now, last_success_at=now)
    return results


def _take_batches(feed: Feed) -> list[FileResult]:
    """A folder or FTP feed: each batch recorded in turn, the files it refused quarantined."""
    results: list[FileResult] = []
    for batch in transports.batches(feed):
        results.extend(ingest.refuse_file(feed, file.name, file.size, file.error) for file in batch.refused)
        results.extend(ingest.ingest_files(feed, batch.files))
    return results


def _follow_pages(feed: Feed) -> list[FileResult]:
    """An HTTP feed: follows the API's `next_page` from the saved cursor, saving it after each
    page, so a restart continues where the last page ended."""
    url = feed.cursor or feed.location
    results = []
    for _page in range(transports.MAX_PAGES_PER_POLL):
        page = transports.get_page(feed, url)
        result = ingest.ingest_file(
            feed, url, page.data, fetch=partial(transports.read, feed, base=page.url)
        )
        results.append(result)
        next_url = result.cursor or (_cursor(feed, page.data) if result.skipped else "")
        next_url = urljoin(page.url, next_url) if next_url else ""
        if not next_url or next_url == url:
            break
        transports.check_next_page(feed, next_url)
        Feed.objects.filter(pk=feed.pk).update(cursor=next_url[:2000])
        url = next_url
    return results


def _cursor(feed: Feed, data: bytes) -> str:
    """The cursor of a page ingested before a restart, so the poll moves past it."""
    try:
        return parsers.parse(feed.format, data).cursor
    except ParseError:
        return ""


def polled_feeds() -> QuerySet[Feed]:
    return Feed.objects.filter(active=True).exclude(transport=Feed.Transport.MANUAL)


def take_turn(feed_id: int, due: datetime) -> tuple[Feed, datetime] | None:
    """Claims the poll booked for `due`: the feed, and the time it is held until. None when
    `due` is not the feed's turn (a replaced schedule, or another run of it took it)."""
    held_until = timezone.now() + POLL_LEASE
    if not polled_feeds().filter(pk=feed_id, next_poll_at=due).update(next_poll_at=held_until):
        return None
    return Feed.objects.get(pk=feed_id), held_until


def book_next(feed: Feed, held_until: datetime) -> datetime | None:
    """After a poll: the time of the next one, booked on the feed; None when the feed was saved
    meanwhile (its new loop runs). The caller queues the poll at that time."""
    moment = timezone.now() + timedelta(seconds=max(1, feed.every_seconds))
    if not polled_feeds().filter(pk=feed.pk, next_poll_at=held_until).update(next_poll_at=moment):
        return None
    return moment
