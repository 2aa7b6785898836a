"""How many articles a subscriber may still offer this month: calendar months in Paris time."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User
from django.utils import timezone

from .models import Gift, GiftSettings

# The quota follows the newsroom's calendar, whatever the server's or the reader's time zone.
PARIS = ZoneInfo("Europe/Paris")


def month_of(moment: datetime) -> date:
    """The first day of the month `moment` falls in, in Paris."""
    return timezone.localtime(moment, PARIS).date().replace(day=1)


def spent(giver: User, month: date) -> int:
    """Links made this month; a withdrawn one still counts (else withdrawing would refill the quota)."""
    return Gift.objects.filter(giver=giver, month=month).count()


def remaining(giver: User, now: datetime | None = None) -> int:
    month = month_of(now or timezone.now())
    return max(GiftSettings.load().monthly_quota - spent(giver, month), 0)
