"""The newsletter block of the demo lead article, in Chromium at 390 and 1440 px.

A visitor signs up by keyboard, reads the answer in place (a live region), confirms from
the mail a real SMTP server received, and the link of an edition mail unsubscribes in one
click; the edition mail itself is rendered in Chromium at phone width. Without JavaScript,
the same form posts and lands on the page that says the same thing.
"""

import re
import time

import pytest
from playwright.sync_api import Page, expect

from manchette.demo import content
from manchette.newsletters import tasks
from manchette.newsletters.models import Edition, Newsletter, Signup
from tests.conftest import Mailbox

from .conftest import (
    PHONE,
    SCREENSHOT_DIR,
    VIEWPORTS,
    LiveDemo,
    assert_no_horizontal_overflow,
    assert_no_serious_axe_violations,
    check_page_quality,
    screenshot,
)
from .test_keyboard_journeys import enter, field, focused, named, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BLOCK = ".newsletter-box"


def _mail_to(smtp: Mailbox, address: str, subject_part: str):
    # The confirmation is sent in the signup request, after its commit; allow the SMTP
    # server's thread a moment to hand the message over.
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        found = [m for m in smtp.messages if m["To"] == address and subject_part in m["Subject"]]
        if found:
            return found
        time.sleep(0.05)  # polling a real server, not waiting for a date
    raise AssertionError(f"no mail « {subject_part} » to {address}: {[m['To'] for m in smtp.messages]}")


def _block_shot(page: Page, name: str) -> None:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.locator(BLOCK).screenshot(path=str(SCREENSHOT_DIR / f"{name}.png"))


def _sign_up_by_keyboard(page: Page, site: LiveDemo, smtp: Mailbox, address: str, width: str) -> None:
    block = page.locator(BLOCK)
    expect(block.get_by_role("heading")).to_have_text("La newsletter International")
    tab_to(page, field("email"), limit=250)
    assert page.evaluate("() => !!document.activeElement.closest('.newsletter-box')")
    page.keyboard.type("pas-une-adresse")
    page.keyboard.press("Enter")
    error = block.locator(".newsletter-form__error")
    expect(error).to_have_text("Cette adresse e-mail n'est pas valide (exemple : prenom.nom@exemple.fr).")
    expect(block.locator("input[name=email]")).to_have_attribute("aria-invalid", "true")
    assert focused(page)["field"] == "email"  # back on the field to correct it
    page.keyboard.press("Control+a")
    page.keyboard.type(address)
    tab_to(page, named("S'inscrire"), limit=2)
    page.keyboard.press("Enter")  # answered in place: no navigation
    done = block.locator(".newsletter-form__done")
    expect(done).to_be_visible()
    expect(done).to_have_attribute("role", "status")  # a polite live region: read out when filled
    expect(done).to_be_focused()  # the button that had focus went with the form
    expect(done).to_contain_text(f"Votre inscription est enregistrée pour l'adresse {address}")
    expect(block.locator("form")).to_be_hidden()
    assert page.url == site.url + site.lead.url
    _block_shot(page, f"newsletter-block-done-{width}")
    screenshot(page, f"newsletter-article-done-{width}")
    assert_no_serious_axe_violations(page, f"the article with the block answered at {width}px")
    assert Signup.objects.get(email=address).status == Signup.Status.PENDING

    [mail] = _mail_to(smtp, address, "Confirmez votre inscription")
    body = mail.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"https?://\S+/newsletters/confirmer/\S+/", body).group(0)
    assert link.startswith(site.url), link
    page.goto(link)
    assert Signup.objects.get(email=address).status == Signup.Status.PENDING  # opening the link is not enough
    tab_to(page, named("Je confirme mon inscription"))
    enter(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Inscription confirmée")
    expect(page.get_by_role("status")).to_contain_text(address)
    assert Signup.objects.get(email=address).status == Signup.Status.CONFIRMED


def test_signing_up_confirming_and_the_edition_mail(
    live_demo: LiveDemo, smtp_server: Mailbox, settings, new_context
) -> None:
    settings.SITE_URL = live_demo.url  # the links in the mails lead to the live server
    addresses = {width: f"ines.lettre.{width}@exemple.fr" for width in VIEWPORTS}
    for width, viewport in VIEWPORTS.items():
        opened = live_demo.open_page(live_demo.lead.url, viewport)
        _block_shot(opened.page, f"newsletter-block-{width}")
        check_page_quality(opened, live_demo, f"the lead article at {width}px")
        _sign_up_by_keyboard(opened.page, live_demo, smtp_server, addresses[width], width)

    # Without JavaScript: a plain POST, then the page that says the same thing.
    page = new_context(viewport=PHONE, locale="fr-FR", java_script_enabled=False).new_page()
    page.goto(live_demo.url + live_demo.lead.url)
    page.locator(f"{BLOCK} input[name=email]").fill("sans.script@exemple.fr")
    with page.expect_navigation():
        page.locator(BLOCK).get_by_role("button", name="S'inscrire").click()
    assert "/newsletters/international/inscription-enregistree/" in page.url
    expect(page.get_by_role("status")).to_contain_text("sans.script@exemple.fr")
    _mail_to(smtp_server, "sans.script@exemple.fr", "Confirmez votre inscription")

    # An edition goes out to the two confirmed readers; its HTML rendered in Chromium.
    newsletter = Newsletter.objects.get(slug="international")
    edition = Edition.objects.create(
        newsletter=newsletter, subject="La newsletter International du jour", status=Edition.Status.APPROVED
    )
    edition.articles.set([live_demo.lead])
    tasks.send_edition(edition)
    [mail] = _mail_to(smtp_server, addresses["390"], "du jour")
    html = mail.get_body(preferencelist=("html",)).get_content()
    assert live_demo.lead.title in html
    last_paragraph = [text for kind, text in content.ARTICLES[0]["body"] if kind == "paragraph"][-1]
    assert last_paragraph[:60] not in html  # the premium article as teaser and link only
    page = new_context(viewport=PHONE, locale="fr-FR").new_page()
    page.set_content(html)
    expect(page.get_by_role("link", name="Lire l'article")).to_be_visible()
    assert_no_horizontal_overflow(page, "the edition mail at 390px")
    screenshot(page, "newsletter-edition-mail-390")

    # One click from the mail: the link shows a button (a GET unsubscribes nobody), the button does it.
    unsubscribe = mail["List-Unsubscribe"].strip("<>")
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    page.goto(unsubscribe)
    assert Signup.objects.get(email=addresses["390"]).status == Signup.Status.CONFIRMED
    tab_to(page, named("Me désinscrire"))
    enter(page)
    expect(page.get_by_role("status")).to_contain_text(f"L'adresse {addresses['390']} ne recevra plus")
    assert Signup.objects.get(email=addresses["390"]).status == Signup.Status.UNSUBSCRIBED
