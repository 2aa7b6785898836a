"""Figures for the admin: readers of a newsletter over time."""

from datetime import date, timedelta

from django.db.models import Count
from django.db.models.functions import TruncWeek
from django.utils import timezone

from .models import Newsletter, Signup


def readers_by_week(newsletter: Newsletter, weeks: int = 12) -> list[tuple[date, int, int]]:
    """(week, confirmed that week, readers at the week's end) for the last `weeks` weeks.

    Readers at a week's end: confirmed by then and not unsubscribed by then.
    """
    today = timezone.localdate()
    first = today - timedelta(days=today.weekday(), weeks=weeks - 1)
    signups = Signup.objects.filter(newsletter=newsletter, confirmed_at__isnull=False)
    joined = dict(
        signups.filter(confirmed_at__date__gte=first)
        .annotate(week=TruncWeek("confirmed_at"))
        .values_list("week")
        .annotate(n=Count("pk"))
        .values_list("week", "n")
    )
    joined = {week.date() if hasattr(week, "date") else week: n for week, n in joined.items()}
    rows = []
    for number in range(weeks):
        start = first + timedelta(weeks=number)
        end = start + timedelta(days=7)
        readers = signups.filter(confirmed_at__date__lt=end).exclude(unsubscribed_at__date__lt=end).count()
        rows.append((start, joined.get(start, 0), readers))
    return rows
