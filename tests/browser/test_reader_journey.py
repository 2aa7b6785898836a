"""A reader's whole journey, in Chromium, with mail going through a real SMTP server.

Sign up, read the confirmation mail, confirm, log in, hit the paywall, get a
subscription from staff (manual provider, in the admin), read the whole article,
log out and meet the teaser again.
"""

import email
import re

import pytest

from tests.conftest import Mailbox

from .conftest import DESKTOP, PHONE, LiveDemo, assert_no_serious_axe_violations, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

READER_EMAIL = "zoe.martin@exemple.fr"
READER_PASSWORD = "Une phrase de passe 2026 !"


def _confirmation_link(message: email.message.EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain",)).get_content()
    match = re.search(r"https?://\S+/compte/confirm-email/\S+/", body)
    assert match, f"no confirmation link in:\n{body}"
    return match.group(0)


def _premium_sentence(article) -> str:
    """A sentence from the part of the article only subscribers may read."""
    from manchette.subscriptions.entitlements import free_paragraphs

    _free, premium = article.split_body(free_paragraphs())
    text = next(block.value.source for block in premium if block.block_type == "paragraph")
    plain = re.sub(r"<[^>]+>", "", text)
    return plain.split(". ")[0][:80]


def test_sign_up_confirm_subscribe_read_and_log_out(live_demo: LiveDemo, smtp_server: Mailbox, new_context):
    reader = new_context(viewport=DESKTOP, locale="fr-FR", timezone_id="Europe/Paris").new_page()
    article_url = live_demo.url + live_demo.lead.url
    premium_sentence = _premium_sentence(live_demo.lead)

    # Sign up: the site says a confirmation mail is on its way, and the real SMTP server gets it.
    reader.goto(live_demo.url + "/compte/signup/")
    reader.fill("input[name=email]", READER_EMAIL)
    reader.fill("input[name=password1]", READER_PASSWORD)
    reader.fill("input[name=password2]", READER_PASSWORD)
    reader.click("main button[type=submit]")
    reader.wait_for_load_state("load")
    assert "confirm" in reader.url
    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    assert message["To"] == READER_EMAIL

    # Confirm the address from the mail: that logs the reader in.
    reader.goto(_confirmation_link(message))
    reader.click("main button[type=submit]")
    reader.wait_for_load_state("load")
    assert reader.get_by_role("link", name="Mon compte").is_visible()

    # The paywall: teaser, offer, and none of the premium text.
    reader.goto(article_url)
    paywall = reader.locator(".paywall")
    assert paywall.is_visible()
    assert premium_sentence not in reader.content()
    paywall.scroll_into_view_if_needed()
    screenshot(reader, "journey-paywall-1440")

    # Staff grant a subscription in the admin (the manual provider).
    from django.contrib.auth import get_user_model

    reader_account = get_user_model().objects.get(email=READER_EMAIL)
    staff = new_context(viewport=DESKTOP, locale="fr-FR").new_page()
    staff.goto(live_demo.url + "/admin/abonnements/new/")
    staff.fill("input[name=username]", "admin")
    staff.fill("input[name=password]", "manchette-demo")
    staff.click("button[type=submit]")
    staff.fill("input[name=email]", reader_account.email)
    staff.select_option("select[name=plan]", label="Essentiel")
    staff.fill("input[name=until]", "2099-12-31T12:00")
    staff.get_by_role("button", name="Offrir l'abonnement").click()
    staff.wait_for_url("**/admin/abonnements/")
    assert reader_account.subscriptions.get().provider == "manual"

    # The subscriber reads everything.
    reader.goto(article_url)
    assert reader.locator(".paywall").count() == 0
    assert reader.get_by_text(premium_sentence).first.is_visible()

    reader.goto(live_demo.url + "/mon-compte/abonnement/")
    assert reader.get_by_text("Essentiel").first.is_visible()
    assert_no_serious_axe_violations(reader, "Mon compte")
    screenshot(reader, "journey-mon-compte-1440")

    # Log out: the teaser again.
    reader.click("form.logout-form button[type=submit]")
    reader.wait_for_load_state("load")
    if "logout" in reader.url:  # allauth asks for confirmation when logging out by GET
        reader.click("main button[type=submit]")
    reader.goto(article_url)
    assert reader.locator(".paywall").is_visible()
    assert premium_sentence not in reader.content()


def test_paywall_reads_well_on_a_phone(live_demo: LiveDemo):
    opened = live_demo.open_page(live_demo.lead.url, PHONE)
    paywall = opened.page.locator(".paywall")
    assert paywall.is_visible()
    assert paywall.get_by_role("link", name="S'abonner").is_visible()
    assert paywall.get_by_role("link", name="S'identifier").is_visible()
    assert_no_serious_axe_violations(opened.page, "paywalled article (phone)")
    paywall.scroll_into_view_if_needed()
    screenshot(opened.page, "paywall-390")
