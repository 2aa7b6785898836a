""" "Résilier mon abonnement" in Chromium, at phone and desktop widths: three clicks from the
home page, the date access ends shown before confirming, the confirmation page, the email
as received by a real SMTP server, and the undo.

Screenshots: test-output/screenshots/cancel-{1-account,2-confirm,3-done}-{390,1440}.png
"""

import pytest
from django.utils import timezone

from manchette.subscriptions import entitlements
from manchette.subscriptions.models import Subscription
from tests.conftest import Mailbox

from .conftest import SUBSCRIBER_EMAIL, VIEWPORTS, LiveDemo, assert_no_serious_axe_violations, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", VIEWPORTS.keys())
def test_cancel_in_three_clicks_then_undo(live_demo: LiveDemo, smtp_server: Mailbox, width: str) -> None:
    page = live_demo.open_page("/", VIEWPORTS[width], subscriber=True).page
    subscription = Subscription.objects.get(user__email=SUBSCRIBER_EMAIL)

    page.get_by_role("link", name="Mon compte").click()  # click 1, from the masthead
    screenshot(page, f"cancel-1-account-{width}")
    page.get_by_role("link", name="Résilier mon abonnement").click()  # click 2
    date_line = page.locator(".cancel__date")
    assert "prendra fin le" in date_line.inner_text()
    ends = timezone.localtime(subscription.current_period_end).isoformat()
    assert date_line.locator("time").get_attribute("datetime") == ends
    screenshot(page, f"cancel-2-confirm-{width}")
    assert_no_serious_axe_violations(page, f"cancellation page at {width} px")
    page.get_by_role("button", name="Confirmer la résiliation").click()  # click 3

    page.wait_for_url("**/abonnement/resiliation-confirmee/")
    assert page.get_by_role("heading", name="Résiliation confirmée").is_visible()
    screenshot(page, f"cancel-3-done-{width}")
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.CANCELLED
    [mail] = smtp_server.messages
    assert mail["To"] == SUBSCRIBER_EMAIL
    assert "jusqu'au" in mail.get_content()

    page.get_by_role("button", name="Reprendre mon abonnement").click()
    page.wait_for_url("**/mon-compte/abonnement/")
    assert page.get_by_text("Votre abonnement continue").is_visible()
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.ACTIVE
    assert entitlements.is_subscriber(subscription.user)
