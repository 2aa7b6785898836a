"""The newsroom pages a journalist and an editor use every day, in Chromium at phone and
desktop widths: the dashboard, the page list, the edit form and the review queue. axe finds
no violation on any of them, nothing scrolls sideways, and each is screenshotted.

Screenshots: test-output/screenshots/newsroom-{dashboard,pages,edit,guide,review,review-edit}-{390,1440}.png
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Workflow

from manchette.articles.models import ArticlePage
from manchette.newsroom.services import REVIEW_WORKFLOW

from .conftest import VIEWPORTS, LiveDemo, _session_cookie_of, assert_no_horizontal_overflow, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _submitted_by_the_journalist(live_demo: LiveDemo) -> ArticlePage:
    """A demo article the journalist has edited and submitted for review."""
    journalist = get_user_model().objects.get(username="journaliste")
    article = ArticlePage.objects.live().exclude(pk=live_demo.lead.pk).first()
    article.title = "Le conseil municipal adopte le budget des écoles après un long débat"
    article.save_revision(user=journalist)
    Workflow.objects.get(name=REVIEW_WORKFLOW).start(article, journalist)
    return article


def _open_as(live_demo: LiveDemo, new_context, username: str, viewport: dict):
    context = new_context(viewport=viewport, locale="fr-FR", timezone_id="Europe/Paris")
    context.add_cookies([{**_session_cookie_of(f"{username}@manchette.test"), "url": live_demo.url}])
    return context.new_page()


def _violations(page) -> list[str]:
    return [
        f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes']][:5]}"
        for violation in Axe().run(page).response["violations"]
    ]


@pytest.mark.parametrize("width", VIEWPORTS.keys())
def test_the_newsroom_pages_are_clean_at_phone_and_desktop_widths(
    live_demo: LiveDemo, new_context, width: str
) -> None:
    article = _submitted_by_the_journalist(live_demo)
    viewport = VIEWPORTS[width]
    views = {
        "journaliste": [
            ("dashboard", reverse("wagtailadmin_home")),
            ("pages", reverse("wagtailadmin_explore", args=[live_demo.section.pk])),
            ("edit", reverse("wagtailadmin_pages:edit", args=[article.pk])),
            ("guide", reverse("newsroom_editor_guide")),
        ],
        "editrice": [
            ("review", reverse("wagtailadmin_home")),
            ("review-edit", reverse("wagtailadmin_pages:edit", args=[article.pk])),
        ],
    }
    found = {}
    for username, pages in views.items():
        page = _open_as(live_demo, new_context, username, viewport)
        for name, path in pages:
            response = page.goto(live_demo.url + path, wait_until="load")
            assert response is not None and response.status == 200, f"{path}: {response and response.status}"
            page.wait_for_load_state("networkidle")
            screenshot(page, f"newsroom-{name}-{width}")
            assert_no_horizontal_overflow(page, f"newsroom {name} at {width} px")
            found[name] = _violations(page)
            if name == "pages":
                # Titles wrap between words on a phone, never inside one.
                wrapping = page.locator(".listing .title a").first.evaluate(
                    "a => { const s = getComputedStyle(a); return [s.wordBreak, s.overflowWrap, s.hyphens]; }"
                )
                assert wrapping == ["normal", "normal", "manual"], wrapping
            if name == "edit":
                # The scheduling dialog (hidden until opened) says the format and the zone.
                hint = page.locator("#newsroom-schedule-hint")
                assert "AAAA-MM-JJ HH:MM" in hint.text_content() and "Europe/Paris" in hint.text_content()
                described = page.locator('input[name="expire_at"]').get_attribute("aria-describedby")
                assert "newsroom-schedule-hint" in described.split()
    assert not any(found.values()), found
