"""Issue 26, a live among the articles: the demo's finished live on its section's page at 390
and 1440 px (axe finds nothing, screenshots), and a reader of an ongoing live whose
« L'essentiel » and pinned entry change: the script brings both with the new entries.

Screenshots: test-output/screenshots/section-with-live-{390,1440}.png, live-pin-moved-1440.png
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from manchette.articles.models import Author
from manchette.live import entries
from manchette.live.demo import SLUG
from manchette.live.models import LivePage

from .conftest import DESKTOP, VIEWPORTS, LiveDemo, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

POLL_MS = 10_000


def _violations(page) -> list[str]:
    return [
        f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes']][:5]}"
        for violation in Axe().run(page).response["violations"]
    ]


@pytest.mark.parametrize("width", VIEWPORTS.keys())
def test_a_section_page_lists_the_demo_live(live_demo: LiveDemo, width: str) -> None:
    live = LivePage.objects.get(slug=SLUG)
    opened = live_demo.open_page(live.get_parent().url, VIEWPORTS[width])
    page = opened.page

    card = page.locator(".card", has=page.get_by_role("link", name=live.title))
    expect(card).to_contain_text("En direct")
    expect(card).to_contain_text("Direct terminé")
    screenshot(page, f"section-with-live-{width}")
    assert _violations(page) == []
    assert not opened.failures and not opened.console_errors


def test_a_new_pinned_key_event_moves_the_pin_and_l_essentiel(live_demo: LiveDemo, new_context) -> None:
    author = Author.objects.order_by("pk").first()
    live = LivePage(title="Crue de la Seine", slug="crue-en-direct", standfirst="La Seine monte à Paris.")
    live_demo.section.add_child(instance=live)
    live.live_authors.create(author=author)
    live.save_revision().publish()
    pinned = entries.post_entry(
        live,
        entries.EntryText(text="Vigilance rouge crues.", title="Vigilance rouge"),
        author=author,
        pinned=True,
    )
    entries.post_entry(live, entries.EntryText(text="La Seine atteint 5 mètres."), author=author)

    context = new_context(viewport=DESKTOP, locale="fr-FR", timezone_id="Europe/Paris")
    page = context.new_page()
    page.clock.install()
    page.goto(live_demo.url + live.url, wait_until="load")
    expect(page.locator(".live__summary")).to_have_count(0)

    entries.post_entry(
        live,
        entries.EntryText(text="Le RER C est coupé.", title="RER C coupé"),
        author=author,
        pinned=True,
        key_event=True,
    )
    offer = page.get_by_role("button", name="1 nouvelle entrée")
    for _ in range(10):  # the application's own page copy may answer the first check (5 s)
        page.clock.run_for(POLL_MS)
        if offer.is_visible():
            break
        page.wait_for_timeout(1000)
    expect(offer).to_be_visible()
    offer.focus()
    page.keyboard.press("Enter")

    expect(page.locator(".live__pinned .live-entry")).to_have_count(1)
    expect(page.locator(".live__pinned")).to_contain_text("RER C coupé")
    # The entry pinned before goes back among the others, where its time puts it.
    expect(page.locator(".live__entries .live-entry").last).to_have_id(pinned.anchor)
    summary = page.get_by_role("navigation", name="L'essentiel")
    expect(summary.get_by_role("link")).to_have_count(1)
    expect(summary).to_contain_text("RER C coupé")
    screenshot(page, "live-pin-moved-1440")
    assert _violations(page) == []
