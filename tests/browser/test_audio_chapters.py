"""The audio player marks the chapter being played, and the newsroom's audio page says where
it is (breadcrumbs, a heading, a French title) (issue 27)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .conftest import DESKTOP, LiveDemo, assert_no_serious_axe_violations, screenshot
from .test_audio import spoken_lead  # noqa: F401 (the fixture, made for real)
from .test_newsroom import _open_as

pytestmark = pytest.mark.browser


def test_the_chapter_being_played_is_the_current_one(live_demo: LiveDemo, spoken_lead) -> None:  # noqa: F811
    page = live_demo.open_page(live_demo.lead.url, DESKTOP, subscriber=True).page
    chapters = page.locator(".audio-player__chapters a")
    second = spoken_lead.chapters[1]
    page.locator(".audio-player").get_by_role("link", name=second["title"]).click()
    page.wait_for_function(
        f"() => document.querySelector('.audio-player audio').currentTime > {second['start'] + 0.2}"
    )
    expect(chapters.nth(1)).to_have_attribute("aria-current", "true")
    assert page.locator(".audio-player__chapters a[aria-current]").count() == 1


def test_the_newsroom_audio_page_says_where_it_is(live_demo: LiveDemo, spoken_lead, new_context) -> None:  # noqa: F811
    page = _open_as(live_demo, new_context, "editrice", DESKTOP)
    page.goto(live_demo.url + reverse("audio_admin_article", args=[live_demo.lead.pk]), wait_until="load")
    title = live_demo.lead.title
    assert page.title().startswith(f"Version audio : {title}"), page.title()
    breadcrumbs = page.locator("nav[aria-label] ol, .w-breadcrumbs").first
    expect(breadcrumbs).to_contain_text(title)
    expect(page.get_by_role("heading", name=f"Version audio de « {title} »")).to_be_visible()
    screenshot(page, "newsroom-audio-1440")
    assert_no_serious_axe_violations(page, "the newsroom's audio page")
