"""The manual provider: staff grant, extend and revoke subscriptions in the Django admin."""

from datetime import timedelta

import pytest
from django.contrib.auth.base_user import AbstractBaseUser
from django.test import Client
from django.utils import timezone

from manchette.subscriptions import services
from manchette.subscriptions.models import Subscription, SubscriptionEvent

from .conftest import Plans, new_reader, subscribe

pytestmark = pytest.mark.django_db

CHANGELIST = "/django-admin/subscriptions/subscription/"
ADD = f"{CHANGELIST}add/"


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


def test_staff_grants_a_subscription_through_the_add_form(admin_client: Client, plans: Plans) -> None:
    reader = new_reader()
    until = timezone.localtime() + timedelta(days=90)

    response = admin_client.post(
        ADD,
        {
            "user": reader.pk,
            "plan": plans.yearly.pk,
            "current_period_end_0": until.strftime("%d/%m/%Y"),
            "current_period_end_1": until.strftime("%H:%M:%S"),
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
            "events-MIN_NUM_FORMS": "0",
            "events-MAX_NUM_FORMS": "1000",
            "_save": "Enregistrer",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    subscription = Subscription.objects.get()
    assert subscription.user == reader
    assert subscription.plan == plans.yearly
    assert subscription.provider == Subscription.Provider.MANUAL
    assert subscription.status == Subscription.Status.ACTIVE
    assert abs(subscription.current_period_end - until) < timedelta(seconds=1)
    assert history(subscription) == [(SubscriptionEvent.Kind.STARTED, "Offert par cheffe")]
    assert services.is_subscriber(reader)


def test_add_form_asks_only_for_reader_plan_and_end(admin_client: Client) -> None:
    page = admin_client.get(ADD).content.decode()
    assert 'name="user"' in page and 'name="plan"' in page and 'name="current_period_end_0"' in page
    assert 'name="status"' not in page
    assert 'name="provider"' not in page


def _action(client: Client, action: str, *subscriptions: Subscription):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [s.pk for s in subscriptions], "index": "0"},
        follow=True,
    )


def test_extend_one_period_action(admin_client: Client, plans: Plans) -> None:
    monthly = services.grant(new_reader(), plans.monthly, timezone.now() + timedelta(days=3))
    yearly = services.grant(new_reader(), plans.yearly, timezone.now() + timedelta(days=3))
    ends = {s.pk: s.current_period_end for s in (monthly, yearly)}

    response = _action(admin_client, "extend_one_period", monthly, yearly)

    assert response.status_code == 200
    assert "2 abonnements prolongés." in response.content.decode()
    monthly.refresh_from_db()
    yearly.refresh_from_db()
    assert monthly.current_period_end == ends[monthly.pk] + timedelta(days=31)
    assert yearly.current_period_end == ends[yearly.pk] + timedelta(days=366)
    assert [kind for kind, _detail in history(monthly)] == ["started", "renewed"]


def test_extending_an_expired_subscription_starts_from_today(admin_client: Client, plans: Plans) -> None:
    reader = new_reader()
    old = subscribe(reader, plans.monthly, Subscription.Status.EXPIRED, ends_in=-timedelta(days=100))

    _action(admin_client, "extend_one_period", old)

    old.refresh_from_db()
    assert old.status == Subscription.Status.ACTIVE
    assert timezone.now() + timedelta(days=30) < old.current_period_end < timezone.now() + timedelta(days=32)
    assert services.is_subscriber(reader)


def test_revoke_action(admin_client: Client, plans: Plans) -> None:
    reader = new_reader()
    subscription = services.grant(reader, plans.yearly)
    assert services.is_subscriber(reader)

    response = _action(admin_client, "revoke", subscription)

    assert "1 abonnement retiré." in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.EXPIRED
    assert subscription.current_period_end <= timezone.now()
    assert [kind for kind, _detail in history(subscription)] == ["started", "revoked"]
    assert not services.is_subscriber(reader)


def test_change_form_cannot_rewrite_a_subscription(admin_client: Client, plans: Plans) -> None:
    """Once created, a subscription changes only through the actions, which keep its history."""
    reader = new_reader()
    subscription = services.grant(reader, plans.monthly, timezone.now() + timedelta(days=3))
    later = timezone.localtime() + timedelta(days=900)

    admin_client.post(
        f"{CHANGELIST}{subscription.pk}/change/",
        {
            "user": reader.pk,
            "plan": plans.yearly.pk,
            "status": "active",
            "current_period_end_0": later.strftime("%d/%m/%Y"),
            "current_period_end_1": later.strftime("%H:%M:%S"),
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
            "_save": "Enregistrer",
        },
    )

    subscription.refresh_from_db()
    assert subscription.plan == plans.monthly
    assert subscription.current_period_end < timezone.now() + timedelta(days=4)


def test_readers_cannot_reach_the_subscription_admin(plans: Plans) -> None:
    client = Client()
    client.force_login(new_reader())
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert "/django-admin/login/" in response["Location"]


def test_staff_without_the_permission_cannot_grant(plans: Plans) -> None:
    client = Client()
    client.force_login(new_reader(is_staff=True))
    assert client.get(ADD).status_code == 403
