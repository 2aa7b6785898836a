"""Mon compte: profile, subscription and its history, newsletters tab, data export, deletion."""

import json
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone

from manchette.accounts.models import Profile
from manchette.accounts.services import set_pseudonym
from manchette.articles.models import ArticlePage
from manchette.subscriptions import entitlements, lifecycle
from manchette.subscriptions.models import MeteredRead, PaywallSettings, Subscription, SubscriptionEvent
from tests.conftest import Newsroom, paragraph, words

from .conftest import PASSWORD, Plans, form_errors, new_reader, page_text

pytestmark = pytest.mark.django_db

PAGES = [
    "/mon-compte/",
    "/mon-compte/abonnement/",
    "/mon-compte/newsletters/",
    "/mon-compte/mes-donnees.json",
    "/mon-compte/supprimer/",
]


def assert_private(response: HttpResponse) -> None:
    cache_control = response.get("Cache-Control", "")
    assert "private" in cache_control, cache_control
    assert "no-cache" in cache_control or "no-store" in cache_control, cache_control
    assert "public" not in cache_control
    assert "s-maxage" not in cache_control


@pytest.mark.parametrize("path", PAGES)
def test_pages_need_a_login(path: str) -> None:
    response = Client().get(path)
    assert response.status_code == 302
    assert response["Location"] == f"/compte/login/?next={path}"
    assert_private(response)


@pytest.mark.parametrize("path", PAGES)
def test_pages_are_private_and_never_cached(reader_client: Client, path: str) -> None:
    response = reader_client.get(path)
    assert response.status_code == 200
    assert_private(response)


def test_posts_are_private_too(reader_client: Client) -> None:
    assert_private(reader_client.post("/mon-compte/", {"pseudonym": "Zoé"}))
    assert_private(reader_client.post("/mon-compte/", {"pseudonym": "x"}))
    assert_private(reader_client.post("/mon-compte/supprimer/", {"password": "pas-le-bon"}))
    assert_private(reader_client.post("/mon-compte/supprimer/", {"password": PASSWORD}))


def test_overview_of_a_free_reader(reader_client: Client, reader: AbstractBaseUser) -> None:
    text = page_text(reader_client.get("/mon-compte/"))
    assert "Mon compte" in text
    assert f"Adresse e-mail : {reader.email}" in text
    assert "Vous n'êtes pas abonné·e." in text
    assert "Pseudonyme public" in text
    assert "Se déconnecter" in text


def test_overview_of_a_subscriber(reader_client: Client, reader, plans: Plans) -> None:
    lifecycle.grant(reader, plans.yearly)
    assert "Abonné·e : formule Annuel." in page_text(reader_client.get("/mon-compte/"))


def test_subscription_tab_shows_status_and_history(reader_client: Client, reader, plans: Plans) -> None:
    old = lifecycle.grant(reader, plans.monthly, timezone.now() + timedelta(days=2), note="Essai offert")
    lifecycle.revoke(old)
    current = lifecycle.grant(reader, plans.yearly, note="Abonnement de Noël")
    lifecycle.extend(current)

    text = page_text(reader_client.get("/mon-compte/abonnement/"))

    assert "Formule Annuel — statut :" in text
    assert "Période en cours jusqu'au" in text
    assert "Historique" in text
    for line in [
        "Essentiel Début de l'abonnement — Essai offert",
        "Essentiel Abonnement retiré",
        "Annuel Début de l'abonnement — Abonnement de Noël",
        "Annuel Renouvellement",
    ]:
        assert line in text, line


def test_subscription_tab_of_a_past_due_reader_asks_to_update_the_payment(
    reader_client: Client, reader, plans: Plans
) -> None:
    Subscription.objects.create(
        user=reader,
        plan=plans.monthly,
        status=Subscription.Status.PAST_DUE,
        current_period_end=timezone.now() + timedelta(days=3),
        provider=Subscription.Provider.STRIPE,
    )
    text = page_text(reader_client.get("/mon-compte/abonnement/"))
    assert "statut : paiement en retard" in text
    assert "Votre dernier paiement n'a pas abouti." in text


def test_subscription_tab_of_a_cancelled_reader_shows_the_access_end(
    reader_client: Client, reader, plans: Plans
) -> None:
    Subscription.objects.create(
        user=reader,
        plan=plans.monthly,
        status=Subscription.Status.CANCELLED,
        current_period_end=timezone.now() + timedelta(days=3),
        provider=Subscription.Provider.STRIPE,
    )
    text = page_text(reader_client.get("/mon-compte/abonnement/"))
    assert "statut : résiliée" in text
    assert "Accès jusqu'au" in text


def test_subscription_tab_without_a_subscription(reader_client: Client) -> None:
    text = page_text(reader_client.get("/mon-compte/abonnement/"))
    assert "Vous n'avez pas d'abonnement en cours." in text
    assert "Aucun abonnement pour l'instant." in text


def test_newsletters_tab(reader_client: Client) -> None:
    response = reader_client.get("/mon-compte/newsletters/")
    assert response.status_code == 200
    assert "Mes newsletters" in page_text(response)


# --------------------------------------------------------------------------- export


def test_export_is_a_json_attachment_with_everything_we_hold(
    reader_client: Client, reader: AbstractBaseUser, plans: Plans
) -> None:
    set_pseudonym(reader, "Zoé Müller")
    lifecycle.grant(reader, plans.yearly, note="Offert")
    someone_else = new_reader(email="autre@example.test")
    set_pseudonym(someone_else, "Quelqu'un d'autre")
    lifecycle.grant(someone_else, plans.monthly)

    response = reader_client.get("/mon-compte/mes-donnees.json")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".json" in response["Content-Disposition"]
    assert_private(response)
    data = json.loads(response.content)
    assert data["account"]["email"] == reader.email
    assert data["email_addresses"] == [{"email": reader.email, "verified": True, "primary": True}]
    assert data["profile"]["pseudonym"] == "Zoé Müller"
    [subscription] = data["subscriptions"]
    assert subscription["plan"] == "Annuel"
    assert subscription["status"] == "active"
    assert subscription["provider"] == "manual"
    assert [event["kind"] for event in subscription["events"]] == ["started"]
    assert "autre@example.test" not in response.content.decode()
    assert "Quelqu" not in response.content.decode()


@pytest.fixture
def metered_reads(reader_client: Client, reader: AbstractBaseUser, newsroom: Newsroom) -> list[ArticlePage]:
    """In metered mode, the reader opened two premium articles for free; another reader a third."""
    paywall = PaywallSettings.load()
    paywall.metered, paywall.metered_monthly_quota = True, 3
    paywall.save()
    section = newsroom.section("Économie")
    body = [paragraph(words(20, start)) for start in range(0, 100, 20)]  # more than the free paragraphs
    read = [
        newsroom.article(section, title="Les comptes de la SNCF", premium=True, body=body),
        newsroom.article(section, title="Le prix du blé", premium=True, body=body),
    ]
    for article in read:
        assert reader_client.get(article.url).status_code == 200
    someone_else = Client()
    someone_else.force_login(new_reader(email="autre@example.test"))
    unread = newsroom.article(section, title="Un article que Zoé n’a pas lu", premium=True, body=body)
    assert someone_else.get(unread.url).status_code == 200
    assert MeteredRead.objects.filter(user=reader).count() == 2
    assert MeteredRead.objects.exclude(user=reader).count() == 1
    return read


def test_export_includes_the_reading_history(
    reader_client: Client, reader: AbstractBaseUser, metered_reads: list[ArticlePage]
) -> None:
    """The premium articles read with the monthly quota are personal data too."""
    last_month = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
    MeteredRead.objects.create(user=reader, article_id=999_999, month=last_month)  # since deleted

    response = reader_client.get("/mon-compte/mes-donnees.json")

    data = json.loads(response.content)
    this_month = timezone.localdate().strftime("%Y-%m")
    assert data["metered_reads"] == [
        {"article_id": 999_999, "title": None, "url": None, "month": last_month.strftime("%Y-%m")},
        *(
            {"article_id": article.pk, "title": article.title, "url": article.url, "month": this_month}
            for article in metered_reads
        ),
    ]
    assert "Un article que Zoé n’a pas lu" not in response.content.decode()


def test_export_without_reading_history(reader_client: Client) -> None:
    data = json.loads(reader_client.get("/mon-compte/mes-donnees.json").content)
    assert data["metered_reads"] == []


def test_export_is_get_only(reader_client: Client) -> None:
    assert reader_client.post("/mon-compte/mes-donnees.json").status_code == 405


# --------------------------------------------------------------------------- deletion


def test_delete_page_explains_what_is_kept(reader_client: Client) -> None:
    text = page_text(reader_client.get("/mon-compte/supprimer/"))
    assert "Supprimer mon compte" in text
    assert "Code de commerce, article L123-22" in text
    assert "Télécharger mes données" in text


@pytest.mark.parametrize("password", ["pas-le-bon", ""])
def test_delete_with_a_wrong_password_changes_nothing(reader_client: Client, reader, password: str) -> None:
    response = reader_client.post("/mon-compte/supprimer/", {"password": password})

    assert response.status_code == 200
    assert form_errors(response) == ["Mot de passe incorrect." if password else "Champ requis."]
    reader.refresh_from_db()
    assert reader.is_active
    assert reader.email == "zoe@example.test"
    assert reader_client.get("/mon-compte/").status_code == 200


@pytest.fixture
def deleted(reader_client: Client, reader: AbstractBaseUser, plans: Plans) -> dict:
    set_pseudonym(reader, "Zoé Müller")
    subscription = lifecycle.grant(reader, plans.yearly)
    reader.first_name, reader.last_name = "Zoé", "Müller"
    reader.save()

    response = reader_client.post("/mon-compte/supprimer/", {"password": PASSWORD})
    reader.refresh_from_db()
    return {"response": response, "subscription": subscription}


def test_delete_logs_out_with_a_french_goodbye(deleted: dict, reader_client: Client) -> None:
    response = deleted["response"]
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "_auth_user_id" not in reader_client.session
    assert reader_client.get("/mon-compte/").status_code == 302
    goodbye = reader_client.get("/abonnement/")  # any page of the site shows the message
    assert "Votre compte a été supprimé." in page_text(goodbye)


def test_delete_erases_personal_data(deleted: dict, reader: AbstractBaseUser) -> None:
    assert not reader.is_active
    assert reader.email == ""
    assert reader.first_name == reader.last_name == ""
    assert reader.username == f"supprime-{reader.pk}"
    assert not reader.has_usable_password()
    assert not reader.is_staff and not reader.is_superuser
    assert not EmailAddress.objects.filter(user=reader).exists()
    assert not EmailAddress.objects.filter(email__iexact="zoe@example.test").exists()
    assert not Profile.objects.filter(user=reader).exists()
    assert not Profile.objects.filter(pseudonym="Zoé Müller").exists()


def test_delete_erases_the_reading_history(
    reader_client: Client, reader: AbstractBaseUser, metered_reads: list[ArticlePage]
) -> None:
    """What the reader read is personal data, not an accounting record: it goes with the account."""
    response = reader_client.post("/mon-compte/supprimer/", {"password": PASSWORD})

    assert response.status_code == 302
    assert not MeteredRead.objects.filter(user=reader).exists()
    assert MeteredRead.objects.exclude(user=reader).count() == 1, "another reader's history stays"


def test_delete_keeps_billing_records(deleted: dict, reader: AbstractBaseUser) -> None:
    subscription = deleted["subscription"]
    assert Subscription.objects.filter(pk=subscription.pk, user=reader).exists()
    assert SubscriptionEvent.objects.filter(subscription=subscription).exists()


def test_deleted_account_cannot_log_in(deleted: dict) -> None:
    client = Client()
    response = client.post("/compte/login/", {"login": "zoe@example.test", "password": PASSWORD})
    assert response.status_code == 200
    assert form_errors(response) == ["L’adresse e-mail ou le mot de passe sont incorrects."]
    assert "_auth_user_id" not in client.session


def test_deleted_address_and_pseudonym_are_free_again(deleted: dict) -> None:
    newcomer = new_reader(email="zoe@example.test")
    assert set_pseudonym(newcomer, "Zoé Müller").pseudonym == "Zoé Müller"
    assert not entitlements.is_subscriber(newcomer)


def test_delete_stops_the_current_subscription(deleted: dict, reader: AbstractBaseUser) -> None:
    """The page promises it: "Un abonnement en cours est arrêté, prélèvements compris, sans remboursement"."""
    subscription = Subscription.objects.get(pk=deleted["subscription"].pk)
    assert subscription.status == Subscription.Status.EXPIRED
    assert entitlements.current_subscription(reader) is None


def test_delete_needs_a_login() -> None:
    response = Client().post("/mon-compte/supprimer/", {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith("/compte/login/")
