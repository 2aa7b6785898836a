"""Editions: the automatic one of a scheduled slot, approval, and what an edition holds."""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from manchette.articles.models import ArticlePage

from . import schedule
from .models import Delivery, Edition, Newsletter

LATEST_ARTICLES = 10


def prepare_edition(newsletter: Newsletter, slot: datetime) -> Edition | None:
    """The automatic edition for a scheduled slot: the section's articles since the last one.

    Automatic editions go out at their time without waiting for an editor (a newsletter
    that should not is made inactive, or editions are written by hand): a morning letter
    that waits for approval misses its morning. None when the section published nothing
    new. Running it twice for a slot makes one edition.
    """
    existing = Edition.objects.filter(newsletter=newsletter, slot=slot).first()
    if existing:
        return existing
    previous = (
        Edition.objects.filter(newsletter=newsletter, slot__lt=slot)
        .order_by("-slot")
        .values_list("slot", flat=True)
        .first()
    )
    since = previous or slot - timedelta(days=7)
    if newsletter.section_id is None:
        return None
    articles = list(
        ArticlePage.objects.published()
        .descendant_of(newsletter.section)
        .filter(first_published_at__gt=since, first_published_at__lte=slot)[:LATEST_ARTICLES]
    )
    if not articles:
        return None
    local = slot.astimezone(schedule.zone())
    with transaction.atomic():
        edition, created = Edition.objects.get_or_create(
            newsletter=newsletter,
            slot=slot,
            defaults={
                "subject": _("%(name)s du %(date)s")
                % {"name": newsletter.name, "date": local.strftime("%d/%m/%Y")},
                "status": Edition.Status.APPROVED,
            },
        )
        if created:
            edition.articles.set(articles)
    return edition


def approve(edition: Edition) -> None:
    Edition.objects.filter(pk=edition.pk, status=Edition.Status.DRAFT).update(status=Edition.Status.APPROVED)


def ordered_articles(edition: Edition) -> list[ArticlePage]:
    return list(edition.articles.order_by("-first_published_at"))

def counts(edition: Edition) -> dict[str, int]:
    found = dict(edition.deliveries.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    return {status: found.get(status, 0) for status in Delivery.Status.values}
