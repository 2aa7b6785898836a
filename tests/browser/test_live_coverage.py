"""Issue 26, a reader on a live page: the pinned entry and « L'essentiel » at 390 and 1440 px
(axe finds nothing, screenshots), then an editor posts an entry: the page offers
« 1 nouvelle entrée » without moving, and the reader inserts it with the keyboard.

Screenshots: test-output/screenshots/live-{390,1440}.png and live-new-entry-1440.png
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import expect

from manchette.articles.models import Author
from manchette.live import entries
from manchette.live.models import LivePage

from .conftest import DESKTOP, VIEWPORTS, LiveDemo, _session_cookie_of, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

POLL_MS = 10_000


def _live(live_demo: LiveDemo) -> LivePage:
    author = Author.objects.order_by("pk").first()
    live = LivePage(
        title="Tempête Ciarán : la Bretagne dans le vent",
        slug="tempete-en-direct",
        standfirst="Rafales, coupures de courant, routes fermées : les nouvelles, minute par minute.",
    )
    live_demo.section.add_child(instance=live)
    live.live_authors.create(author=author)
    live.save_revision().publish()
    posts = [
        ("Vigilance rouge", "Météo-France place le Finistère et le Morbihan en vigilance rouge.", True, True),
        ("", "Les premières rafales dépassent 120 km/h à la pointe du Raz.", False, False),
        ("Les écoles fermées", "Le rectorat ferme toutes les écoles de l'académie demain.", True, False),
        ("", "La SNCF suspend la circulation des TER entre Quimper et Brest.", False, False),
    ]
    for title, text, key_event, pinned in posts:
        entries.post_entry(
            live, entries.EntryText(text=text, title=title), author=author, key_event=key_event, pinned=pinned
        )
    return live


def _violations(page) -> list[str]:
    return [
        f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes']][:5]}"
        for violation in Axe().run(page).response["violations"]
    ]


@pytest.mark.parametrize("width", VIEWPORTS.keys())
def test_a_live_page_with_a_pinned_entry_and_key_events(live_demo: LiveDemo, width: str) -> None:
    live = _live(live_demo)
    opened = live_demo.open_page(live.url, VIEWPORTS[width])
    page = opened.page

    expect(page.locator(".live__pinned")).to_contain_text("Vigilance rouge")
    expect(page.get_by_role("navigation", name="L'essentiel").get_by_role("link")).to_have_count(2)
    screenshot(page, f"live-{width}")
    assert _violations(page) == []
    assert not opened.failures and not opened.console_errors


def test_a_new_entry_is_offered_then_inserted_by_keyboard(live_demo: LiveDemo, new_context) -> None:
    live = _live(live_demo)
    context = new_context(viewport=DESKTOP, locale="fr-FR", timezone_id="Europe/Paris")
    page = context.new_page()
    page.clock.install()
    page.goto(live_demo.url + live.url, wait_until="load")
    page.evaluate("window.scrollTo(0, 300)")
    scrolled = page.evaluate("window.scrollY")
    first_entry = page.locator(".live__entries .live-entry").first
    before = first_entry.get_attribute("id")

    entries.post_entry(live, entries.EntryText(text="Un arbre tombe sur la voie ferrée à Landerneau."))
    offer = page.get_by_role("button", name="1 nouvelle entrée")
    for _ in range(10):  # the application's own page copy may answer the first check (5 s)
        page.clock.run_for(POLL_MS)
        if offer.is_visible():
            break
        page.wait_for_timeout(1000)
    expect(offer).to_be_visible()
    # Offered, not inserted: nothing moved under the reader's eyes.
    assert first_entry.get_attribute("id") == before
    assert page.evaluate("window.scrollY") == scrolled
    expect(page.locator(".live__news")).to_have_attribute("aria-live", "polite")

    offer.focus()
    page.keyboard.press("Enter")

    inserted = page.locator(".live__entries .live-entry").first
    expect(inserted).to_contain_text("Un arbre tombe sur la voie ferrée à Landerneau.")
    expect(inserted).to_be_focused()
    expect(offer).to_be_hidden()
    screenshot(page, "live-new-entry-1440")


@pytest.mark.parametrize("width", VIEWPORTS.keys())
def test_the_desk_of_a_live(live_demo: LiveDemo, new_context, width: str) -> None:
    live = _live(live_demo)
    context = new_context(viewport=VIEWPORTS[width], locale="fr-FR", timezone_id="Europe/Paris")
    context.add_cookies([{**_session_cookie_of("admin@manchette.test"), "url": live_demo.url}])
    page = context.new_page()
    page.goto(live_demo.url + reverse("live_desk", args=[live.pk]), wait_until="networkidle")

    page.locator("#id_text").fill("Le vent faiblit à Brest.")
    page.get_by_role("button", name="Publier l'entrée").click()
    expect(page.get_by_text("Entrée publiée.")).to_be_visible()
    page.wait_for_timeout(1500)  # Wagtail's message fades in: axe would measure it half-transparent
    screenshot(page, f"live-desk-{width}")
    assert _violations(page) == []
