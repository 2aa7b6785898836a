"""The demo's newsletters: one per large section and a morning letter, loaded with the demo."""

from datetime import time

from manchette.articles.models import SectionPage

from .models import Newsletter

DEMO_NEWSLETTERS = [
    {
        "slug": "international",
        "section": "international",
        "name": "La newsletter International",
        "pitch": "Chaque mardi, le tour du monde de nos correspondants en cinq récits.",
        "weekdays": "1",
        "send_time": time(11),
        "audience": Newsletter.Audience.EVERYONE,
    },
    {
        "slug": "politique",
        "section": "politique",
        "name": "La Lettre politique",
        "pitch": "Chaque matin de semaine, ce qui se joue au Parlement et au gouvernement.",
        "weekdays": "01234",
        "send_time": time(7),
        "audience": Newsletter.Audience.SUBSCRIBERS,
    },
]


def load_demo_newsletters(sections: dict[str, SectionPage]) -> None:
    """Creates or updates the demo newsletters: loading the demo again changes nothing."""
    for data in DEMO_NEWSLETTERS:
        fields = {key: value for key, value in data.items() if key not in {"slug", "section"}}
        Newsletter.objects.update_or_create(
            slug=data["slug"],
            defaults={
                **fields,
                "section": sections.get(str(data["section"])),
                "sender_name": "Manchette",
                "sender_email": "newsletters@manchette.test",
            },
        )
