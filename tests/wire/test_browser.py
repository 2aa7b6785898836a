"""The wire screen in Chromium at phone and desktop widths: the queue and a story, taking it
into a draft, editing and publishing it, then a kill that takes the article offline.

Screenshots: test-output/screenshots/wire-{queue,story,held}-{390,1440}.png
"""

import pytest
from django.urls import reverse

from manchette.articles.models import Agency, ArticlePage
from manchette.wire import ingest
from manchette.wire.models import Feed, Story
from tests.browser.conftest import (  # noqa: F401 (fixtures of the browser suite)
    VIEWPORTS,
    LiveDemo,
    _database_left_as_found,
    _session_cookie_of,
    assert_no_horizontal_overflow,
    browser_media_root,
    browser_type_launch_args,
    demo_snapshot,
    live_demo,
    live_server,
    screenshot,
)

from .test_pictures import CREDIT, g2_picture, jpeg, message
from .test_stories import g2

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_wire_screen_take_publish_then_kill(live_demo: LiveDemo, new_context, tmp_path) -> None:  # noqa: F811
    agency = Agency.objects.get(short_name="AMN")
    feed = Feed.objects.create(
        name="AMN", agency=agency, format="newsmlg2", transport="folder", location=str(tmp_path), active=False
    )
    (tmp_path / "nice.jpg").write_bytes(jpeg(1200, 800))
    ingest.ingest_file(feed, "routine.xml", g2("urn:amn:routine", 1, "Le conseil régional vote son budget"))
    flash = g2("urn:amn:flash", 1, "Séisme au large de Nice", urgency=1).decode()
    ingest.ingest_file(feed, "flash.xml", message(flash, g2_picture("urn:amn:flash-photo", "nice.jpg")))
    story = Story.objects.get(guid="urn:amn:flash")
    pages = {}
    for width, viewport in VIEWPORTS.items():
        context = new_context(viewport=viewport, locale="fr-FR", timezone_id="Europe/Paris")
        context.add_cookies([{**_session_cookie_of("editrice@manchette.test"), "url": live_demo.url}])
        page = pages[width] = context.new_page()
        page.goto(live_demo.url + reverse("wire_queue"), wait_until="networkidle")
        assert page.locator(".wire-badge", has_text="FLASH").count() == 1
        screenshot(page, f"wire-queue-{width}")
        assert_no_horizontal_overflow(page, f"wire queue at {width} px")
        page.get_by_role("link", name="Séisme au large de Nice").click()
        page.wait_for_load_state("networkidle")
        assert page.locator(".wire-figure img").evaluate("img => img.naturalWidth") > 0
        screenshot(page, f"wire-story-{width}")
        assert_no_horizontal_overflow(page, f"wire story at {width} px")

    page = pages["1440"]
    page.select_option("#wire-section", str(live_demo.section.pk))
    page.select_option("#wire-author", label="Léa Lambert")
    page.get_by_role("button", name="Reprendre").click()
    page.wait_for_url("**/edit/")
    article = ArticlePage.objects.get(wire_takes__story=story)
    page.fill("#id_title", "Séisme au large de Nice : pas de victime")
    # The publish button sits in the footer's menu; submitting through it is what a click does.
    page.locator('button[name="action-publish"]').evaluate("button => button.click()")
    page.wait_for_load_state("networkidle")
    article.refresh_from_db()
    assert article.live and article.title == "Séisme au large de Nice : pas de victime"
    assert article.byline == "Par L. L. avec AMN"
    assert article.hero_image is not None and article.hero_credit == f"© {CREDIT}"

    kill = g2("urn:amn:flash", 2, "Séisme", meta='<signal qcode="edStat:D"/>')
    ingest.ingest_file(feed, "kill.xml", kill)
    article.refresh_from_db()
    assert not article.live
    for width, page in pages.items():
        page.goto(live_demo.url + reverse("wire_story", args=[story.pk]), wait_until="networkidle")
        assert page.get_by_text("BLOQUÉ", exact=True).count() == 1
        screenshot(page, f"wire-held-{width}")
