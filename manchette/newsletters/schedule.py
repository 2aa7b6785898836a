"""A newsletter's weekly schedule: its label ("Tous les mardis à 11h") and its next slots.

Days are numbered as `date.weekday()` counts them, Monday 0 to Sunday 6, and kept as a
string of digits ("01234" for Monday to Friday). Times are wall-clock times in the
newsroom's zone (TIME_ZONE, Europe/Paris): "7h" stays 7h across daylight-saving changes.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

WEEKDAYS = [
    (0, gettext_lazy("lundi")),
    (1, gettext_lazy("mardi")),
    (2, gettext_lazy("mercredi")),
    (3, gettext_lazy("jeudi")),
    (4, gettext_lazy("vendredi")),
    (5, gettext_lazy("samedi")),
    (6, gettext_lazy("dimanche")),
]


def _every(day: int) -> str:
    # Whole sentences per day: languages put "every" and the plural differently.
    return [
        _("Tous les lundis"),
        _("Tous les mardis"),
        _("Tous les mercredis"),
        _("Tous les jeudis"),
        _("Tous les vendredis"),
        _("Tous les samedis"),
        _("Tous les dimanches"),
    ][day]


def _plural_day(day: int) -> str:
    return [
        _("lundis"),
        _("mardis"),
        _("mercredis"),
        _("jeudis"),
        _("vendredis"),
        _("samedis"),
        _("dimanches"),
    ][day]


def clock_label(at: time) -> str:
    if at.minute:
        return _("%(hour)dh%(minute)02d") % {"hour": at.hour, "minute": at.minute}
    return _("%(hour)dh") % {"hour": at.hour}


def label(days: str, at: time) -> str:
    """'Tous les mardis à 11h', 'Du lundi au vendredi à 7h', 'Tous les jours à 6h30'…"""
    numbers = sorted({int(day) for day in days})
    clock = clock_label(at)
    if not numbers:
        return ""
    if len(numbers) == 7:
        return _("Tous les jours à %(time)s") % {"time": clock}
    if len(numbers) == 1:
        return _("%(days)s à %(time)s") % {"days": _every(numbers[0]), "time": clock}
    names = dict(WEEKDAYS)
    if numbers == list(range(numbers[0], numbers[-1] + 1)) and len(numbers) >= 3:
        return _("Du %(first)s au %(last)s à %(time)s") % {
            "first": names[numbers[0]],
            "last": names[numbers[-1]],
            "time": clock,
        }
    listed = [_plural_day(day) for day in numbers]
    joined = _("%(list)s et %(last)s") % {"list": ", ".join(listed[:-1]), "last": listed[-1]}
    return _("Les %(days)s à %(time)s") % {"days": joined, "time": clock}


def zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def next_slot(days: str, at: time, after: datetime) -> datetime | None:
    """The first scheduled instant strictly after `after`, as an aware datetime (None: no day)."""
    numbers = {int(day) for day in days}
    if not numbers:
        return None
    local = after.astimezone(zone())
    for offset in range(8):
        day = local.date() + timedelta(days=offset)
        if day.weekday() not in numbers:
            continue
        # Built on the wall clock, then placed in the zone: 7h is 7h in winter and summer.
        slot = datetime.combine(day, at, tzinfo=zone())
        if slot > after:
            return slot
    return None
