"""Listening to the demo lead article: a subscriber plays, speeds up, jumps to a chapter, by keyboard too.

The audio is made for real (espeak-ng, lame) before the pages open; Chromium plays the MP3
through the listening view, with its Range requests.
"""

import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE, check_page_quality, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def spoken_lead(live_demo, settings, tmp_path):
    from manchette.audio import services

    settings.AUDIO_ROOT = str(tmp_path / "audio")
    audio = services.generate(live_demo.lead.pk).audio
    assert audio.chapters, "the demo lead has subheadings: its audio has chapters"
    return audio


def _player_state(page) -> dict:
    return page.evaluate(
        "() => { const a = document.querySelector('.audio-player audio');"
        " return {time: a.currentTime, rate: a.playbackRate, error: a.error && a.error.code}; }"
    )


def test_a_subscriber_plays_changes_speed_and_jumps_a_visitor_sees_the_notice(live_demo, spoken_lead) -> None:
    opened = live_demo.open_page(live_demo.lead.url, DESKTOP, subscriber=True)
    page = opened.page
    player = page.locator(".audio-player")
    expect(player.get_by_text("Durée :")).to_be_visible()
    audio = player.locator("audio")
    expect(audio).to_have_attribute("aria-label", f"Version audio de l'article « {live_demo.lead.title} »")

    chapter = spoken_lead.chapters[1]
    player.get_by_role("link", name=chapter["title"]).click()
    page.wait_for_function(
        f"() => document.querySelector('.audio-player audio').currentTime > {chapter['start'] + 0.2}"
    )
    assert _player_state(page)["error"] is None

    speed = player.get_by_role("button", name="1,5×")
    speed.click()
    expect(speed).to_have_attribute("aria-pressed", "true")
    expect(player.get_by_role("button", name="1×")).to_have_attribute("aria-pressed", "false")
    assert _player_state(page)["rate"] == 1.5
    screenshot(page, "audio-subscriber-1440")
    # Chromium drops its first request for a media file once it knows it may ask for ranges.
    opened.failures[:] = [failure for failure in opened.failures if "/audio/ecouter/" not in failure]
    check_page_quality(opened, live_demo, "the lead article with its audio player")

    # The position is kept for the session: the page opened again resumes there.
    page.evaluate("() => document.querySelector('.audio-player audio').pause()")
    left_at = _player_state(page)["time"]
    page.reload(wait_until="load")
    page.wait_for_function("() => document.querySelector('.audio-player audio').currentTime > 0")
    assert abs(_player_state(page)["time"] - left_at) < 1.5

    # A visitor (the shared page) sees that listening is for subscribers, and no link to the file.
    visitor = live_demo.open_page(live_demo.lead.url, PHONE).page
    section = visitor.locator(".article-audio")
    expect(section.get_by_text("L'écoute des articles est réservée aux abonnés.")).to_be_visible()
    expect(section.get_by_role("link", name="S'abonner")).to_be_visible()
    assert visitor.locator("audio").count() == 0
    assert "/audio/" not in visitor.content()


def test_the_player_is_reachable_and_usable_by_keyboard(live_demo, spoken_lead) -> None:
    page = live_demo.open_page(live_demo.lead.url, PHONE, subscriber=True).page
    reached = []
    for _press in range(80):
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate(
                "() => { const e = document.activeElement; const inside = e.closest('.audio-player');"
                " return inside ? e.tagName + ':' + (e.textContent || '').trim() : ''; }"
            )
        )
        if reached[-1].startswith("A:") and spoken_lead.chapters[-1]["title"] in reached[-1]:
            break
    reached = [element for element in reached if element]
    assert reached[0].startswith("AUDIO:")
    assert [element for element in reached if element.startswith("BUTTON:")] == [
        "BUTTON:1×", "BUTTON:1,25×", "BUTTON:1,5×", "BUTTON:2×"
    ]  # fmt: skip
    # The focus is on the last chapter: Enter jumps there and plays.
    page.keyboard.press("Enter")
    start = spoken_lead.chapters[-1]["start"]
    page.wait_for_function(f"() => document.querySelector('.audio-player audio').currentTime > {start + 0.2}")
    screenshot(page, "audio-subscriber-390")

