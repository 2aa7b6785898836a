"""What subscriptions keep of a deleted account: the accounting record, nothing that names the
reader, and no Checkout page left open to bill an account that no longer exists.

Against the Stripe stand-in of conftest.py, reached over HTTP by the real `stripe` library.
"""

import pytest
from django.contrib.auth.base_user import AbstractBaseUser
from django.test import Client

from manchette.accounts.services import delete_account
from manchette.subscriptions import lifecycle
from manchette.subscriptions.models import CheckoutPage, Subscription

from .conftest import PASSWORD, SUB_ID, Plans, StripeApi, new_reader

pytestmark = pytest.mark.django_db


def test_deletion_keeps_the_accounting_record_without_the_customer_or_notes(
    subscribed: Subscription, stripe_api: StripeApi, reader: AbstractBaseUser, plans: Plans
) -> None:
    assert subscribed.provider_customer_id
    offered = lifecycle.grant(reader, plans.yearly, note="Offert à Zoé Müller, lauréate du concours")

    delete_account(reader)

    subscribed.refresh_from_db()
    assert subscribed.provider_subscription_id == SUB_ID  # finds the invoices at Stripe
    assert subscribed.provider_customer_id == ""
    assert subscribed.user_id == reader.pk and subscribed.events.exists()
    assert not Subscription.objects.filter(events__detail__contains="Zoé").exists()
    assert offered.events.values_list("kind", flat=True).first() == "started"


def test_deletion_closes_an_open_checkout_page_at_stripe(
    plans: Plans, stripe_configured, stripe_api: StripeApi
) -> None:
    """Paid after the deletion, the page would start billing a deleted account."""
    plans.monthly.stripe_price_id = "price_test_essentiel"
    plans.monthly.save()
    reader = new_reader()
    client = Client()
    client.force_login(reader)
    checkout = client.post(f"/abonnement/{plans.monthly.slug}/payer/")["Location"]
    assert list(stripe_api.checkout_status.values()) == ["open"]

    response = client.post("/mon-compte/supprimer/", {"password": PASSWORD})

    assert response.status_code == 302
    assert list(stripe_api.checkout_status.values()) == ["expired"]
    with pytest.raises(AssertionError, match="is expired"):
        stripe_api.pay(checkout)
    assert not CheckoutPage.objects.filter(user=reader).exists()


def test_a_checkout_paid_meanwhile_stops_the_deletion_until_its_subscription_arrives(
    plans: Plans, stripe_configured, stripe_api: StripeApi
) -> None:
    plans.monthly.stripe_price_id = "price_test_essentiel"
    plans.monthly.save()
    reader = new_reader()
    client = Client()
    client.force_login(reader)
    stripe_api.pay(client.post(f"/abonnement/{plans.monthly.slug}/payer/")["Location"])

    response = client.post("/mon-compte/supprimer/", {"password": PASSWORD})

    assert response.status_code == 200
    assert "votre compte n&#x27;a pas été supprimé" in response.content.decode()
    reader.refresh_from_db()
    assert reader.is_active and reader.email
