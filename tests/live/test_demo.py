"""The demo has one finished live of about twenty entries: pinned, key events, a correction,
agency copy, and it reads as an archive page (no poll), with its LiveBlogPosting."""

import json

from bs4 import BeautifulSoup
from django.test import Client

from manchette.demo.loader import load_demo
from manchette.live.demo import SLUG
from manchette.live.models import LiveEntry, LivePage


def test_the_demo_has_a_finished_live(shared_demo_site, client: Client) -> None:
    live = LivePage.objects.live().get(slug=SLUG)
    entries = LiveEntry.objects.filter(page=live)
    assert live.finished and live.ended_at
    assert 18 <= entries.count() <= 25
    assert entries.filter(pinned=True).count() == 1 and entries.filter(key_event=True).count() >= 4
    assert (
        entries.filter(corrected_at__isnull=False).exists() and entries.filter(agency__isnull=False).exists()
    )

    soup = BeautifulSoup(client.get(live.url).content, "html.parser")
    assert soup.select_one(".live__status").get_text() == "Direct terminé"
    assert soup.select_one(".live__news") is None
    data = json.loads(soup.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "LiveBlogPosting" and data["coverageEndTime"]
    assert "belge" not in soup.get_text()  # the corrected first version

    assert load_demo()  # idempotent: a second load adds no live
    assert LivePage.objects.filter(slug=SLUG).count() == 1
