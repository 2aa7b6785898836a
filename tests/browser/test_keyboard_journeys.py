"""A reader's journeys by keyboard alone (Tab, Shift+Tab, Enter and typing), at 390 and 1440 px.

Skip link to the article, the header in the order it is drawn, search, language switch,
log in, "Mon compte", paywall to offers to checkout, and sign-up with the confirmation
mail (a real SMTP server). Each focused element must show its focus (an outline or a
shadow) inside the viewport, and each journey must end where the reader wanted to go.
"""

import re
from itertools import pairwise
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import Mailbox

from .conftest import VIEWPORTS, LiveDemo, assert_no_serious_axe_violations, screenshot, wait_for_autofocus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

READER_EMAIL = "lecteur@manchette.test"  # the demo's free reader (demo/loader.py)
DEMO_PASSWORD = "manchette-demo"
NEW_PASSWORD = "Une phrase de passe 2026 !"

# What the focused element is, and whether a sighted keyboard user can see it.
_FOCUS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return {name: 'body', visible: false};
    const style = getComputedStyle(el);
    const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
        || (style.boxShadow && style.boxShadow !== 'none');
    const box = el.getBoundingClientRect();
    const inView = box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
        && box.top < innerHeight && box.left < innerWidth;
    const label = el.getAttribute('aria-label') || (el.labels && el.labels[0] && el.labels[0].innerText)
        || el.innerText || el.value || el.id || '';
    return {
        name: label.replace(/\\s+/g, ' ').trim(), tag: el.tagName.toLowerCase(), id: el.id,
        field: el.name || '', paywall: !!el.closest('.paywall'), visible: ring && inView, ring, inView,
        box: [Math.round(box.left), Math.round(box.top), Math.round(box.right), Math.round(box.bottom)],
    };
}"""


def focused(page: Page) -> dict:
    focus = page.evaluate(_FOCUS)
    assert focus["visible"], f"focus not visible on {page.url}: {focus}"
    return focus


def tab_to(page: Page, wanted, limit: int = 120, backwards: bool = False) -> list[dict]:
    """Presses Tab until `wanted(focus)` holds; every stop on the way must show its focus.

    An element the page focused itself (autofocus) counts as the first stop.
    """
    if page.evaluate("() => document.activeElement !== document.body") and wanted(current := focused(page)):
        return [current]
    stops = []
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        stops.append(focused(page))
        if wanted(stops[-1]):
            return stops
    raise AssertionError(f"never reached the element on {page.url}; stops: {[s['name'] for s in stops]}")


def named(text: str):
    return lambda focus: focus["name"] == text


def field(name: str):
    return lambda focus: focus["field"] == name and focus["tag"] in {"input", "textarea"}


def enter(page: Page) -> None:
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")


def path_of(page: Page) -> str:
    parts = urlsplit(page.url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def drawn_in_reading_order(stops: list[dict]) -> bool:
    """Each stop right of the previous on its row, or on a lower row."""
    for before, after in pairwise(stops):
        same_row = after["box"][1] < before["box"][3] and before["box"][1] < after["box"][3]
        if same_row and after["box"][0] < before["box"][2] - 1:
            return False
        if not same_row and after["box"][1] < before["box"][1]:
            return False
    return True


def _skip_link_header_search_and_language(page: Page, site: LiveDemo, width: str) -> None:
    page.goto(site.url + site.lead.url)
    [skip] = tab_to(page, named("Aller au contenu"), limit=1)
    assert skip["tag"] == "a"
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "contenu"
    first_in_main = tab_to(page, lambda focus: True, limit=1)[0]
    assert page.evaluate("() => document.getElementById('contenu').contains(document.activeElement)")
    assert first_in_main["name"]

    # The header: reached in the order it is drawn (issue 15, point 2).
    page.goto(site.url + "/")
    screenshot(page, f"keyboard-home-{width}")
    header = tab_to(page, named("OK"))
    names = [stop["name"] for stop in header]
    expected = ["Aller au contenu", "Manchette", "S'identifier", "S'abonner", "Rechercher un article", "OK"]
    assert names[:6] == expected, names
    assert drawn_in_reading_order(header[1:]), [(s["name"], s["box"]) for s in header]

    # Search from the header, then switch to English: the results stay (point 6).
    page.keyboard.press("Shift+Tab")
    assert focused(page)["field"] == "q"
    page.keyboard.type("eau")
    enter(page)
    assert path_of(page) == "/recherche/?q=eau"
    expect(page.locator("main .article-list a").first).to_be_visible()
    tab_to(page, named("English"), limit=200)
    enter(page)
    assert path_of(page) == "/recherche/?q=eau"
    expect(page.locator("html")).to_have_attribute("lang", "en")
    screenshot(page, f"keyboard-search-english-{width}")
    tab_to(page, named("Français"), limit=200)
    enter(page)
    expect(page.locator("html")).to_have_attribute("lang", "fr")


def _log_in_mon_compte_paywall_offers_checkout(page: Page, site: LiveDemo, width: str) -> None:
    page.goto(site.url + site.lead.url)
    tab_to(page, named("S'identifier"))
    enter(page)
    assert page.url.startswith(site.url + "/compte/login/")
    tab_to(page, field("login"))
    page.keyboard.type(READER_EMAIL)
    tab_to(page, field("password"), limit=3)
    page.keyboard.type(DEMO_PASSWORD)
    enter(page)
    tab_to(page, named("Mon compte"))
    enter(page)
    assert path_of(page) == "/mon-compte/"
    # The address tab is allauth's page, inside "Mon compte" with its tabs (point 1).
    tab_to(page, named("Adresse e-mail"))
    enter(page)
    assert path_of(page) == "/compte/email/"
    expect(page.locator("nav.tabs a[aria-current=page]")).to_have_text("Adresse e-mail")
    radio = tab_to(page, lambda focus: focus["tag"] == "input" and focus["field"] == "email")[-1]
    label = page.locator("label[for=email_radio_0]").bounding_box()
    assert abs(label["y"] - radio["box"][1]) < 20, (label, radio)  # on the radio's line
    screenshot(page, f"keyboard-mon-compte-email-{width}")
    assert_no_serious_axe_violations(page, f"/compte/email/ at {width}px")
    tab_to(page, named("Se déconnecter"))

    # Paywall, offers, checkout: without online payment, the desk's address (point 7).
    page.goto(site.url + site.lead.url)
    expect(page.locator(".paywall")).to_be_visible()
    tab_to(page, lambda focus: focus["name"] == "S'abonner" and focus["paywall"])
    enter(page)
    assert path_of(page) == f"/abonnement/?depuis={site.lead.pk}"  # the article, for the audience's funnel
    tab_to(page, named("Choisir cette formule (Annuel)"))
    enter(page)
    message = page.locator(".messages")
    expect(message).to_contain_text("contactez notre service abonnements")
    expect(message.locator("a[href^='mailto:']")).to_be_visible()

    tab_to(page, named("Mon compte"))
    enter(page)
    tab_to(page, named("Se déconnecter"))
    enter(page)


def _sign_up_for_a_plan(page: Page, site: LiveDemo, smtp: Mailbox, width: str) -> None:
    new_reader = f"ines.clavier.{width}@exemple.fr"
    page.goto(site.url + "/abonnement/")
    tab_to(page, named("Créer un compte pour m'abonner (formule Annuel)"))
    enter(page)
    assert parse_qs(urlsplit(page.url).query)["next"] == ["/abonnement/?formule=annuel"]
    tab_to(page, field("email"))
    page.keyboard.type(new_reader)
    page.keyboard.press("Tab")
    page.keyboard.type(NEW_PASSWORD)
    tab_to(page, field("password2"), limit=3)
    page.keyboard.type("pas la même phrase")
    enter(page)
    # The failed sign-up opens on its error summary, focused (point 3).
    wait_for_autofocus(page, f"keyboard-signup-unfocused-{width}")
    summary = focused(page)
    assert summary["id"] == "error-summary", summary
    screenshot(page, f"keyboard-signup-errors-{width}")
    tab_to(page, lambda focus: focus["tag"] == "a", limit=1)
    page.keyboard.press("Enter")
    assert focused(page)["field"] == "password2"
    page.keyboard.press("Control+a")
    page.keyboard.type(NEW_PASSWORD)
    tab_to(page, field("password1"), backwards=True, limit=3)
    page.keyboard.type(NEW_PASSWORD)
    enter(page)
    assert "/compte/confirm-email/" in page.url
    [message] = [m for m in smtp.messages if m["To"] == new_reader]
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert body.startswith("Bonjour,"), body
    assert "127.0.0.1" not in body.split("/compte/confirm-email/")[0]
    link = re.search(r"https?://\S+/compte/confirm-email/\S+/", body).group(0)

    # The link from the mail, then the confirmation by keyboard: back to the plan chosen (point 5).
    page.goto(link)
    tab_to(page, named("Confirmer"))
    enter(page)
    assert path_of(page) == "/abonnement/?formule=annuel"
    wait_for_autofocus(page, f"keyboard-offers-unfocused-{width}")
    chosen = focused(page)
    assert chosen["name"] == "Choisir cette formule (Annuel)", chosen
    screenshot(page, f"keyboard-offers-chosen-{width}")
    enter(page)
    expect(page.locator(".messages a[href^='mailto:']")).to_be_visible()


def test_every_reader_journey_by_keyboard(live_demo: LiveDemo, smtp_server: Mailbox, new_context):
    # Both widths in one test: the demo newsroom is loaded once for the two.
    for width, viewport in VIEWPORTS.items():
        page = new_context(viewport=viewport, locale="fr-FR", timezone_id="Europe/Paris").new_page()
        _skip_link_header_search_and_language(page, live_demo, width)
        _log_in_mon_compte_paywall_offers_checkout(page, live_demo, width)
        _sign_up_for_a_plan(page, live_demo, smtp_server, width)
