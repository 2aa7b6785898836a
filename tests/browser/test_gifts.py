""" "Offrir l'article" in Chromium at phone and desktop widths: a subscriber offers a premium
article by keyboard and copies the link; a new anonymous browser opens it and reads the whole
article under the banner; the plain address in a third browser shows the paywall; the
newsroom's figures count it.

Screenshots: test-output/screenshots/gift-{1-offered,2-friend,3-plain,4-figures}-{390,1440}.png
"""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils.html import strip_tags
from playwright.sync_api import expect

from manchette.articles.models import ArticlePage

from .conftest import (
    VIEWPORTS,
    LiveDemo,
    _session_cookie_of,
    assert_no_horizontal_overflow,
    assert_no_serious_axe_violations,
    check_page_quality,
    screenshot,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Whether a table wider than the screen scrolls in a box of its own: the nearest ancestor that
# scrolls sideways holds the table only, not the page's title with it (Wagtail's main area
# scrolls as a whole, so the page never overflows and that check alone does not tell).
SCROLLS_IN_ITS_OWN_BOX = """table => {
    let box = table.parentElement;
    while (box && box.scrollWidth <= box.clientWidth) box = box.parentElement;
    return !box || !box.contains(document.querySelector('h1'));
}"""


def _premium_with_a_wall() -> tuple[ArticlePage, str]:
    """A premium demo article and words of its last paragraph, which only full readers see."""
    for article in ArticlePage.objects.live().filter(premium=True).order_by("pk"):
        paragraphs = [
            strip_tags(block.value.source) for block in article.body if block.block_type == "paragraph"
        ]
        if article.paywall_cut(3) is not None and paragraphs:
            return article, " ".join(paragraphs[-1].split()[-6:])
    raise AssertionError("the demo has no premium article with a paywall")


@pytest.mark.parametrize("width", VIEWPORTS.keys())
def test_a_subscriber_offers_an_article_and_a_stranger_reads_it(
    live_demo: LiveDemo, new_context, width: str
) -> None:
    article, ending = _premium_with_a_wall()
    viewport = VIEWPORTS[width]
    opened = live_demo.open_page(article.url, viewport, subscriber=True)
    page = opened.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_demo.url)

    offer = page.get_by_role("button", name="Offrir l'article")
    assert "Il vous reste 10 articles à offrir ce mois-ci." in page.locator(".gift").inner_text()
    offer.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**#offrir")
    link = page.get_by_label("Lien à partager (lecture complète, sans compte) :")
    gift_url = link.input_value()
    assert "?cadeau=" in gift_url
    assert "Il vous reste 9 articles à offrir ce mois-ci." in page.locator(".gift").inner_text()
    page.get_by_role("button", name="Copier le lien").focus()
    page.keyboard.press("Enter")
    # The copy is a promise (navigator.clipboard): the status is written when it resolves.
    expect(page.locator(".gift__status")).to_have_text("Lien copié.")
    assert page.evaluate("navigator.clipboard.readText()") == gift_url
    page.locator("#offrir").scroll_into_view_if_needed()
    screenshot(page, f"gift-1-offered-{width}")
    assert_no_serious_axe_violations(page, f"gift panel at {width} px")

    parts = urlsplit(gift_url)
    friend = live_demo.open_page(f"{parts.path}?{parts.query}", viewport)
    text = friend.page.locator("main").inner_text()
    assert "Cet article vous est offert par un abonné de Manchette." in text
    assert ending in " ".join(text.split())
    assert friend.page.locator(".paywall").count() == 0
    screenshot(friend.page, f"gift-2-friend-{width}")
    check_page_quality(friend, live_demo, f"gifted article at {width} px")

    stranger = live_demo.open_page(article.url, viewport)
    plain = " ".join(stranger.page.locator("main").inner_text().split())
    assert ending not in plain and "offert par un abonné" not in plain
    assert stranger.page.locator(".paywall").is_visible()
    screenshot(stranger.page, f"gift-3-plain-{width}")

    # The newsroom's figures: the offered article counted, the table scrolling in its own box
    # on a phone (it overflowed the page at 390 px).
    newsroom = new_context(viewport=viewport, locale="fr-FR", timezone_id="Europe/Paris")
    newsroom.add_cookies([{**_session_cookie_of("admin@manchette.test"), "url": live_demo.url}])
    figures = newsroom.new_page()
    assert figures.goto(live_demo.url + reverse("gifts_figures"), wait_until="networkidle").status == 200
    row = figures.get_by_role("region", name="Articles offerts").locator("tbody tr").first
    assert row.inner_text().split("\t") == [article.title, "1", "1", "0"]
    assert_no_horizontal_overflow(figures, f"gift figures at {width} px")
    table = figures.get_by_role("table", name="Articles offerts")
    assert table.evaluate(SCROLLS_IN_ITS_OWN_BOX), f"the figures move the page's title sideways at {width} px"
    screenshot(figures, f"gift-4-figures-{width}")
    assert_no_serious_axe_violations(figures, f"gift figures at {width} px")
