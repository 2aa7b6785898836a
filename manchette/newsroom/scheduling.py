"""Scheduled publishing's safety net: what is past its go-live (or expiry) and still waits.

Scheduling a revision queues a task for its go-live time (signals.schedule_publication); a
queue that loses it (a Redis flush) would leave the article unpublished for good. The
scheduler (`manage.py run_scheduler`) asks the database instead, and publishes through the
same service, whose runs take turns: several schedulers and workers publish a page once.
"""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Page, Revision

from . import services

# The queued task publishes at the go-live time; this late, it was lost.
OVERDUE_AFTER = timedelta(seconds=15)


def overdue() -> bool:
    """A revision past its go-live time, or a live page past its expiry, waits."""
    before = timezone.now() - OVERDUE_AFTER
    return (
        Revision.objects.filter(approved_go_live_at__lt=before).exists()
        or Page.objects.filter(live=True, expire_at__lt=before).exists()
    )


def reconcile() -> dict[str, int]:
    if not overdue():
        return {"scheduled publications caught up": 0}
    services.publish_due_pages()
    return {"scheduled publications caught up": 1}
