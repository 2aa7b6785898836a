"""axe finds nothing, of any impact, on the screens and pages Manchette draws (issue 27).

The newsroom's screens (moderation queue, wire queue and story, newsletters and feeds lists,
audio page, Audience) and the reader's pages changed for issue 27 (home with "Le plus lu",
article, /newsletters/, /abonnement/, the comments charter, the three tabs of Mon compte),
at 390 and 1440 px. Every violation is listed, not only the serious ones.

Screenshots: test-output/screenshots/axe-{page}-{390,1440}.png
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from manchette.articles.models import Agency
from manchette.audience.models import HourlyViews
from manchette.wire import ingest
from manchette.wire.models import Feed, Story
from tests.wire.test_stories import g2

from .conftest import VIEWPORTS, LiveDemo, _session_cookie_of, screenshot
from .test_audio import spoken_lead  # noqa: F401 (the fixture, made for real)
from .test_moderation_queue import _pending_comments

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _violations(page) -> list[str]:
    return [
        f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes']][:5]}"
        for violation in Axe().run(page).response["violations"]
    ]


def _most_read_counted(live_demo: LiveDemo) -> None:
    """Views in the last hours, so the home page shows "Le plus lu"."""
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    HourlyViews.objects.create(
        kind="articlepage", object_id=live_demo.lead.pk, source="direct", hour=hour, views=12
    )
    cache.clear()


@pytest.mark.parametrize("width", VIEWPORTS.keys())
def test_axe_finds_nothing_on_the_pages_manchette_draws(
    live_demo: LiveDemo, new_context, tmp_path, width: str, spoken_lead  # noqa: F811
) -> None:
    viewport = VIEWPORTS[width]
    moderator, _ = _pending_comments(live_demo, 2)
    feed = Feed.objects.create(
        name="AMN", agency=Agency.objects.get(short_name="AMN"), format="newsmlg2",
        transport="folder", location=str(tmp_path), active=False,
    )
    ingest.ingest_file(feed, "flash.xml", g2("urn:amn:flash", 1, "Séisme au large de Nice", urgency=1))
    story = Story.objects.get(guid="urn:amn:flash")
    _most_read_counted(live_demo)

    def as_user(email: str | None):
        context = new_context(viewport=viewport, locale="fr-FR", timezone_id="Europe/Paris")
        if email:
            context.add_cookies([{**_session_cookie_of(email), "url": live_demo.url}])
        return context.new_page()

    admin = as_user("admin@manchette.test")
    pages = [
        ("moderation-queue", as_user(moderator.email), "/admin/commentaires/"),
        ("wire-queue", admin, reverse("wire_queue")),
        ("wire-story", admin, reverse("wire_story", args=[story.pk])),
        ("newsletters-list", admin, reverse("lettres:index")),
        ("feeds-list", admin, reverse("wire_feeds:index")),
        ("audio", admin, reverse("audio_admin_article", args=[live_demo.lead.pk])),
        ("audience", admin, reverse("audience_dashboard")),
        ("account-profil", as_user("abonne@manchette.test"), "/mon-compte/"),
        ("account-abonnement", None, "/mon-compte/abonnement/"),
        ("account-newsletters", None, "/mon-compte/newsletters/"),
        ("home", as_user(None), "/"),
        ("article", None, live_demo.lead.url),
        ("newsletters", None, "/newsletters/"),
        ("subscribe", None, "/abonnement/"),
        ("charter", None, "/commentaires/charte/"),
    ]
    found = {}
    page = None
    for name, opened, path in pages:
        page = opened or page
        response = page.goto(live_demo.url + path, wait_until="networkidle")
        assert response.status == 200, f"{path}: {response.status}"
        if name == "home":
            assert page.get_by_role("heading", name="Le plus lu").count() == 1
        screenshot(page, f"axe-{name}-{width}")
        violations = _violations(page)
        if violations:
            found[name] = violations
    assert not found, f"axe at {width} px: {found}"
