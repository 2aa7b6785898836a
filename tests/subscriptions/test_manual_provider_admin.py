"""The manual provider: staff grant, extend and revoke subscriptions in the Wagtail admin."""

from datetime import timedelta

import pytest
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone

from manchette.subscriptions import entitlements, lifecycle
from manchette.subscriptions.models import Plan, Subscription, SubscriptionEvent

from .conftest import Plans, new_reader, subscribe

pytestmark = pytest.mark.django_db

LISTING = "/admin/abonnements/"
ADD = f"{LISTING}new/"
PLANS = "/admin/formules/"


def inspect_url(subscription: Subscription) -> str:
    return f"{LISTING}inspect/{subscription.pk}/"


@pytest.fixture
def superuser(plans: Plans) -> AbstractBaseUser:
    return new_reader(username="cheffe", is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(superuser: AbstractBaseUser) -> Client:
    client = Client()
    client.force_login(superuser)
    return client


def history(subscription: Subscription) -> list[tuple[str, str]]:
    return list(subscription.events.values_list("kind", "detail"))


def test_the_admin_menu_leads_to_subscriptions_and_plans(admin_client: Client) -> None:
    page = admin_client.get("/admin/").content.decode()
    assert LISTING in page and PLANS in page


def test_staff_grants_a_subscription_through_the_add_form(admin_client: Client, plans: Plans) -> None:
    reader = new_reader()
    until = timezone.localtime() + timedelta(days=90)

    response = admin_client.post(
        ADD,
        {"email": reader.email.upper(), "plan": plans.yearly.pk, "until": until.strftime("%Y-%m-%dT%H:%M")},
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    subscription = Subscription.objects.get()
    assert response["Location"] == LISTING
    assert subscription.user == reader
    assert subscription.plan == plans.yearly
    assert subscription.provider == Subscription.Provider.MANUAL
    assert subscription.status == Subscription.Status.ACTIVE
    assert abs(subscription.current_period_end - until) < timedelta(minutes=1)
    assert history(subscription) == [(SubscriptionEvent.Kind.STARTED, "Offert par cheffe")]
    assert entitlements.is_subscriber(reader)


def test_granting_to_an_unknown_address_says_so_in_french(admin_client: Client, plans: Plans) -> None:
    response = admin_client.post(ADD, {"email": "personne@example.test", "plan": plans.yearly.pk})
    assert response.status_code == 200
    assert "Aucun lecteur n&#x27;a cette adresse e-mail." in response.content.decode()
    assert not Subscription.objects.exists()


def test_add_form_asks_only_for_reader_plan_end_and_reason(admin_client: Client) -> None:
    page = admin_client.get(ADD).content.decode()
    assert 'name="email"' in page and 'name="plan"' in page and 'name="until"' in page
    assert 'name="status"' not in page
    assert 'name="provider"' not in page


def test_listing_shows_subscriptions_and_finds_them_by_email(admin_client: Client, plans: Plans) -> None:
    found = lifecycle.grant(new_reader(email="trouvee@example.test"), plans.monthly)
    other = lifecycle.grant(new_reader(email="autre@example.test"), plans.monthly)
    assert str(other.user) in admin_client.get(LISTING).content.decode()

    page = admin_client.get(LISTING, {"q": "trouvee"}).content.decode()

    assert f"{LISTING}edit/{found.pk}/" in page
    assert f"{LISTING}edit/{other.pk}/" not in page


def test_inspect_page_shows_the_history(admin_client: Client, plans: Plans) -> None:
    subscription = lifecycle.grant(new_reader(), plans.monthly, note="Geste commercial")
    lifecycle.extend(subscription)

    page = admin_client.get(inspect_url(subscription)).content.decode().replace("&#x27;", "'")

    assert "Geste commercial" in page
    assert "Début de l'abonnement" in page and "Renouvellement" in page
    assert "Prolonger d'une période" in page and "Retirer l'abonnement maintenant" in page


def test_extend_action(admin_client: Client, plans: Plans) -> None:
    monthly = lifecycle.grant(new_reader(), plans.monthly, timezone.now() + timedelta(days=3))
    yearly = lifecycle.grant(new_reader(), plans.yearly, timezone.now() + timedelta(days=3))
    ends = {s.pk: s.current_period_end for s in (monthly, yearly)}

    for subscription in (monthly, yearly):
        response = admin_client.post(inspect_url(subscription), {"action": "extend"}, follow=True)
        assert "Abonnement prolongé d&#x27;une période." in response.content.decode()

    monthly.refresh_from_db()
    yearly.refresh_from_db()
    assert monthly.current_period_end == ends[monthly.pk] + timedelta(days=31)
    assert yearly.current_period_end == ends[yearly.pk] + timedelta(days=366)
    assert [kind for kind, _detail in history(monthly)] == ["started", "renewed"]


def test_extending_an_expired_subscription_starts_from_today(admin_client: Client, plans: Plans) -> None:
    reader = new_reader()
    old = subscribe(reader, plans.monthly, Subscription.Status.EXPIRED, ends_in=-timedelta(days=100))

    admin_client.post(inspect_url(old), {"action": "extend"})

    old.refresh_from_db()
    assert old.status == Subscription.Status.ACTIVE
    assert timezone.now() + timedelta(days=30) < old.current_period_end < timezone.now() + timedelta(days=32)
    assert entitlements.is_subscriber(reader)


def test_revoke_action(admin_client: Client, plans: Plans) -> None:
    reader = new_reader()
    subscription = lifecycle.grant(reader, plans.yearly)
    assert entitlements.is_subscriber(reader)

    response = admin_client.post(inspect_url(subscription), {"action": "revoke"}, follow=True)

    assert "Abonnement retiré." in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.EXPIRED
    assert subscription.current_period_end <= timezone.now()
    assert [kind for kind, _detail in history(subscription)] == ["started", "revoked"]
    assert not entitlements.is_subscriber(reader)


def test_there_is_no_form_to_rewrite_or_delete_a_subscription(admin_client: Client, plans: Plans) -> None:
    """Once created, a subscription changes only through the actions, which keep its history."""
    reader = new_reader()
    subscription = lifecycle.grant(reader, plans.monthly, timezone.now() + timedelta(days=3))
    later = timezone.localtime() + timedelta(days=900)

    edit = admin_client.post(
        f"{LISTING}edit/{subscription.pk}/",
        {"plan": plans.yearly.pk, "status": "active", "current_period_end": later.strftime("%Y-%m-%dT%H:%M")},
    )
    delete = admin_client.post(f"{LISTING}delete/{subscription.pk}/")

    assert edit.status_code == 302  # the inspect view's post: no action named, nothing done
    assert delete.status_code in (302, 403)
    subscription.refresh_from_db()
    assert subscription.plan == plans.monthly
    assert subscription.current_period_end < timezone.now() + timedelta(days=4)
    assert "/delete/" not in admin_client.get(inspect_url(subscription)).content.decode()


def test_staff_manage_plans(admin_client: Client, plans: Plans) -> None:
    response = admin_client.post(
        f"{PLANS}new/",
        {
            "name": "Étudiant",
            "slug": "etudiant",
            "price_cents": "499",
            "currency": "EUR",
            "period": "month",
            "active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Plan.objects.get(slug="etudiant").price_cents == 499
    assert "Étudiant" in admin_client.get(PLANS).content.decode()


def test_readers_cannot_reach_the_subscription_admin(plans: Plans) -> None:
    client = Client()
    client.force_login(new_reader())
    response = client.get(LISTING)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_staff_without_the_permission_cannot_grant_nor_revoke(plans: Plans) -> None:
    staff = new_reader(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    subscription = lifecycle.grant(new_reader(), plans.yearly)
    client = Client()
    client.force_login(staff)

    assert client.get(ADD).status_code in (302, 403)
    client.post(inspect_url(subscription), {"action": "revoke"})

    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.ACTIVE
