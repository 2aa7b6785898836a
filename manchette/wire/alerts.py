"""FLASH and ALERTE stories: counted for the admin menu, mailed to the editors who asked; and
agency corrections of a story the newsroom took, mailed to the article's people who asked."""

from collections.abc import Sequence
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Revision

from .models import AlertSubscription, Story, StoryVersion, Take
from .parsers.common import CORRECTION

URGENT = 2  # urgency 1 (FLASH) and 2 (ALERTE) reach the desk at once
URGENCY_LABELS = {1: "FLASH", 2: "ALERTE", 3: "URGENT"}
ALERT_WINDOW = timedelta(hours=1)


def recent_alerts() -> int:
    """FLASH and ALERTE stories received in the last hour."""
    return Story.objects.filter(urgency__lte=URGENT, received_at__gte=timezone.now() - ALERT_WINDOW).count()


def alert_desk(story_pk: int) -> int:
    """Emails the editors who opted in about a FLASH or ALERTE. Returns how many were sent."""
    story = Story.objects.select_related("agency").filter(pk=story_pk).first()
    if story is None:
        return 0
    recipients = list(
        AlertSubscription.objects.filter(email=True, user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    if not recipients:
        return 0
    label = URGENCY_LABELS.get(story.urgency or 0, "")
    subject = f"[{label}] {story.agency.short_name} — {story.headline}"[:200]
    link = f"{settings.SITE_URL}/admin/wire/stories/{story.pk}/"
    send_mail(subject, f"{story.headline}\n\n{link}\n", None, recipients)
    return len(recipients)


def alert_correction(story_pk: int, version: int) -> int:
    """Emails, for each article taken from the story, the people who worked on it (who took
    the story, who saved a revision of the article) and asked for alerts: the agency
    corrected the story, the article may need a rectificatif. Returns how many were sent."""
    story = Story.objects.select_related("agency").filter(pk=story_pk).first()
    if story is None:
        return 0
    sent = 0
    for take in Take.objects.filter(story=story).select_related("article"):
        article = take.article
        people = set(
            Revision.page_revisions.filter(object_id=str(article.pk)).values_list("user_id", flat=True)
        )
        people |= {take.taken_by_id, article.owner_id}
        recipients = list(
            AlertSubscription.objects.filter(email=True, user__is_active=True, user_id__in=people - {None})
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
        if not recipients:
            continue
        subject = f"[{_('RECTIFICATIF')}] {story.agency.short_name} — {story.headline}"[:200]
        text = _(
            "L'agence a corrigé la dépêche (version %(version)s) dont est tiré l'article « %(title)s ». "
            "Vérifiez l'article et, si besoin, ajoutez-lui un rectificatif."
        ) % {"version": version, "title": article.title}
        links = [
            settings.SITE_URL + reverse("wire_story", args=[story.pk]),
            settings.SITE_URL + reverse("wagtailadmin_pages:edit", args=[article.pk]),
        ]
        send_mail(subject, "\n\n".join([text, *links]) + "\n", None, recipients)
        sent += len(recipients)
    return sent


def corrected_since(take: Take) -> int | None:
    """The newest version the agency marked as a correction since the story was taken, if any."""
    return corrections_since([take]).get(take.pk)


def corrections_since(takes: Sequence[Take]) -> dict[int, int]:
    """For each take whose story the agency corrected since, by take id, the newest corrected
    version: one query for a page of the desk's queue."""
    if not takes:
        return {}
    newer = Q()
    for take in takes:
        newer |= Q(story_id=take.story_id, version__gt=take.version_taken)
    corrected: dict[int, int] = {}
    versions = StoryVersion.objects.filter(newer).values_list("story_id", "version", "data")
    for story_id, version, data in versions:
        if CORRECTION in data["signals"]:
            corrected[story_id] = max(version, corrected.get(story_id, 0))
    return {
        take.pk: corrected[take.story_id]
        for take in takes
        if corrected.get(take.story_id, 0) > take.version_taken
    }
