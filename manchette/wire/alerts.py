"""FLASH and ALERTE stories: counted for the admin menu, mailed to the editors who asked."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from .models import AlertSubscription, Story

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
