"""Sign-up, email verification, login and password reset through allauth, in French.

Bad input gets a precise French message and never a 500; no answer tells whether an
address has an account; rate limits stop guessing with a French message.
"""

import re
import time
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.test import Client

from .conftest import PASSWORD, form_errors, new_reader, page_text

pytestmark = pytest.mark.django_db

SIGNUP = "/compte/signup/"
LOGIN = "/compte/login/"
RESET = "/compte/password/reset/"
NEW_PASSWORD = "Cormoran-Violet-2031"
INVALID_EMAIL = "Cette adresse e-mail n'est pas valide (exemple : prenom.nom@exemple.fr)."
TOO_MANY_LOGINS = "Trop de tentatives de connexion échouées. Veuillez réessayer ultérieurement."


def users() -> int:
    return get_user_model().objects.count()


def signup(client: Client, email: str, password1: str = NEW_PASSWORD, password2: str | None = None):
    return client.post(
        SIGNUP,
        {"email": email, "password1": password1, "password2": password1 if password2 is None else password2},
    )


def link_in(message: mail.EmailMessage) -> str:
    match = re.search(r"https?://testserver(/\S+)", message.body)
    assert match, message.body
    return match.group(1)


# --------------------------------------------------------------------------- sign-up


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("pas-une-adresse", INVALID_EMAIL),
        ("lecteur@", INVALID_EMAIL),
        ("@example.org", INVALID_EMAIL),
        ("lecteur@exemple@example.org", INVALID_EMAIL),
        ("lec teur@example.org", "Une adresse e-mail ne contient pas d'espace."),
        ("lecteur@example..org", INVALID_EMAIL),
        ("lecteur@-example.org", INVALID_EMAIL),
        ("<script>@example.org", INVALID_EMAIL),
    ],
)
def test_signup_with_a_malformed_email_is_refused_in_french(client: Client, email: str, message: str) -> None:
    response = signup(client, email)
    assert response.status_code == 200
    assert message in form_errors(response)
    assert users() == 0
    assert mail.outbox == []


def test_signup_with_an_overlong_email_is_refused_in_french(client: Client) -> None:
    email = "a" * 310 + "@example.org"  # 322 characters: more than RFC 5321 allows
    response = signup(client, email)
    assert response.status_code == 200
    errors = form_errors(response)
    assert "Assurez-vous que cette valeur comporte au plus 320 caractères (actuellement 322)." in errors
    assert users() == 0


def test_signup_with_an_empty_form_says_what_is_missing(client: Client) -> None:
    response = client.post(SIGNUP, {})
    assert response.status_code == 200
    assert form_errors(response).count("Champ requis.") == 3
    assert users() == 0


@pytest.mark.parametrize(
    ("password1", "password2", "message"),
    [
        (NEW_PASSWORD, NEW_PASSWORD + "x", "Vous devez saisir deux fois le même mot de passe."),
        ("Court-1", "Court-1", "Ce mot de passe est trop court. Il doit contenir au minimum 10 caractères."),
        ("motdepasse", "motdepasse", "Ce mot de passe est trop courant."),
        ("2718281828459045", "2718281828459045", "Ce mot de passe est entièrement numérique."),
        (
            "nouvelle.lectrice",
            "nouvelle.lectrice",
            "Le mot de passe est trop semblable au champ « adresse électronique ».",
        ),
    ],
    ids=["mismatch", "short", "common", "numeric", "like-the-email"],
)
def test_signup_with_a_bad_password_is_refused_in_french(
    client: Client, password1: str, password2: str, message: str
) -> None:
    response = signup(client, "nouvelle.lectrice@example.org", password1, password2)
    assert response.status_code == 200
    assert message in form_errors(response), form_errors(response)
    assert users() == 0


def test_signup_with_an_overlong_password_is_not_a_500(client: Client) -> None:
    response = signup(client, "nouvelle@example.org", "x" * 5000, "y" * 5000)
    assert response.status_code == 200
    assert users() == 0


def test_signup_creates_an_unverified_account_with_an_argon2_password(client: Client) -> None:
    response = signup(client, "Nouvelle@Example.org")

    assert response.status_code == 302
    user = get_user_model().objects.get()
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password(NEW_PASSWORD)
    address = EmailAddress.objects.get(user=user)
    assert address.email.lower() == "nouvelle@example.org"
    assert not address.verified
    [message] = mail.outbox
    assert message.to == [address.email]
    assert message.subject == "Confirmez votre adresse e-mail"
    assert "/compte/confirm-email/" in message.body


def test_signup_with_a_taken_address_answers_as_with_a_new_one(client: Client) -> None:
    """No enumeration: the same redirect, and a mail to the address in both cases."""
    new_reader(email="deja@example.org")

    existing = signup(Client(), "deja@example.org")
    fresh = signup(Client(), "libre@example.org")

    assert (existing.status_code, existing["Location"]) == (fresh.status_code, fresh["Location"])
    assert existing.status_code == 302
    assert users() == 2  # the taken address got no second account
    assert sorted(m.to[0] for m in mail.outbox) == ["deja@example.org", "libre@example.org"]
    # The owner of the taken address is told, not the person signing up.
    taken_mail = next(m for m in mail.outbox if m.to == ["deja@example.org"])
    assert "/compte/password/reset/" in taken_mail.body
    # The pages shown next are the same too.
    assert page_text(Client().get(existing["Location"])) == page_text(Client().get(fresh["Location"]))


def test_taken_address_in_other_case_is_not_a_second_account(client: Client) -> None:
    new_reader(email="deja@example.org")
    response = signup(client, "DEJA@example.org")
    assert response.status_code == 302
    assert users() == 1


# --------------------------------------------------------------------------- email verification


def test_verification_link_confirms_the_address_and_logs_in(client: Client) -> None:
    signup(client, "nouvelle@example.org")
    link = link_in(mail.outbox[0])

    shown = client.get(link)
    assert shown.status_code == 200
    confirmed = client.post(link)

    assert confirmed.status_code == 302
    assert EmailAddress.objects.get(email="nouvelle@example.org").verified
    assert client.get("/mon-compte/").status_code == 200


def test_login_before_verification_asks_for_it(client: Client) -> None:
    signup(client, "nouvelle@example.org")
    client.logout()
    response = Client().post(LOGIN, {"login": "nouvelle@example.org", "password": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/compte/confirm-email/"


def _tampered(key: str) -> str:
    return key[:-2] + ("AA" if not key.endswith("AA") else "BB")


@pytest.mark.parametrize("case", ["tampered", "garbage", "other-address-signature"])
def test_tampered_verification_link_says_so_in_french(client: Client, case: str) -> None:
    signup(client, "nouvelle@example.org")
    address = EmailAddress.objects.get()
    key = EmailConfirmationHMAC(address).key
    bad = {
        "tampered": _tampered(key),
        "garbage": "n-importe-quoi",
        "other-address-signature": key.replace(key.split(":")[0], "OTk5", 1),
    }[case]

    shown = client.get(f"/compte/confirm-email/{bad}/")
    posted = client.post(f"/compte/confirm-email/{bad}/")

    assert shown.status_code == 200
    assert "Ce lien de confirmation d'adresse e-mail a expiré ou n'est pas valide." in page_text(shown)
    assert posted.status_code in {200, 404}
    if posted.status_code == 404:
        assert "Page introuvable" in page_text(posted)
    assert not EmailAddress.objects.get().verified


def test_expired_verification_link_says_so_in_french(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    signup(client, "nouvelle@example.org")
    address = EmailAddress.objects.get()
    four_days_ago = time.time() - timedelta(days=4).total_seconds()  # links last 3 days
    with monkeypatch.context() as past:
        past.setattr(time, "time", lambda: four_days_ago)
        old_key = EmailConfirmationHMAC(address).key

    shown = client.get(f"/compte/confirm-email/{old_key}/")
    posted = client.post(f"/compte/confirm-email/{old_key}/")

    assert "Ce lien de confirmation d'adresse e-mail a expiré ou n'est pas valide." in page_text(shown)
    assert posted.status_code in {200, 404}
    assert not EmailAddress.objects.get().verified


# --------------------------------------------------------------------------- password reset


def test_reset_answers_the_same_for_known_and_unknown_addresses() -> None:
    new_reader(email="connue@example.org")

    known = Client().post(RESET, {"email": "connue@example.org"})
    unknown = Client().post(RESET, {"email": "inconnue@example.org"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert page_text(Client().get(known["Location"])) == page_text(Client().get(unknown["Location"]))
    assert sorted(m.to[0] for m in mail.outbox) == ["connue@example.org", "inconnue@example.org"]


@pytest.mark.parametrize("email", ["pas-une-adresse", "a" * 400 + "@example.org", ""])
def test_reset_with_a_malformed_address_is_refused_in_french(client: Client, email: str) -> None:
    response = client.post(RESET, {"email": email})
    assert response.status_code == 200
    errors = form_errors(response)
    assert errors and all(re.match(r"(Saisissez|Assurez-vous|Champ requis)", e) for e in errors), errors
    assert mail.outbox == []


def _reset_link(email: str) -> str:
    Client().post(RESET, {"email": email})
    [message] = [m for m in mail.outbox if m.to == [email]]
    return link_in(message)


def test_reset_link_sets_a_new_password_once() -> None:
    reader = new_reader(email="connue@example.org")
    link = _reset_link("connue@example.org")
    client = Client()

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_password_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    done = client.post(set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert done.status_code == 302
    reader.refresh_from_db()
    assert reader.check_password(NEW_PASSWORD)
    assert reader.password.startswith("argon2")
    # Used once, the link is dead.
    again = Client().get(link, follow=True)
    assert "Mauvais jeton d'identification" in page_text(again)


@pytest.mark.parametrize("part", ["key", "user"])
def test_tampered_reset_link_says_so_in_french(part: str) -> None:
    reader = new_reader(email="connue@example.org")
    link = _reset_link("connue@example.org")
    match = re.fullmatch(r"(/compte/password/reset/key/)([0-9a-z]+)-(.+)/", link)
    assert match, link
    prefix, uid, key = match.groups()
    other = new_reader()
    tampered = (
        f"{prefix}{uid}-{_tampered(key)}/" if part == "key" else f"{prefix}{int_to_base36(other.pk)}-{key}/"
    )

    response = Client().get(tampered, follow=True)
    posted = Client().post(tampered, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}, follow=True)

    assert response.status_code == 200
    text = page_text(response)
    assert "Mauvais jeton d'identification" in text
    assert "Le lien de réinitialisation du mot de passe est invalide." in text
    assert posted.status_code == 200
    reader.refresh_from_db()
    other.refresh_from_db()
    assert reader.check_password(PASSWORD) and other.check_password(PASSWORD)


def int_to_base36(number: int) -> str:
    from django.utils.http import int_to_base36 as convert

    return convert(number)


# --------------------------------------------------------------------------- login


def test_login_with_a_wrong_password_says_so_in_french(reader) -> None:
    response = Client().post(LOGIN, {"login": reader.email, "password": "pas-le-bon"})
    assert response.status_code == 200
    assert "L’adresse e-mail ou le mot de passe sont incorrects." in form_errors(response)


def test_login_answers_the_same_for_unknown_and_known_addresses(reader) -> None:
    known = Client().post(LOGIN, {"login": reader.email, "password": "pas-le-bon"})
    unknown = Client().post(LOGIN, {"login": "personne@example.org", "password": "pas-le-bon"})
    assert form_errors(known) == form_errors(unknown)


@pytest.mark.parametrize("remember", [False, True])
def test_se_souvenir_de_moi(reader, remember: bool) -> None:
    client = Client()
    data = {"login": reader.email, "password": PASSWORD}
    if remember:
        data["remember"] = "on"
    assert client.post(LOGIN, data).status_code == 302
    session = client.session
    if remember:
        assert not session.get_expire_at_browser_close()
        assert session.get_expiry_age() == 60 * 60 * 24 * 30
    else:
        assert session.get_expire_at_browser_close()


def test_login_page_offers_se_souvenir_de_moi(client: Client) -> None:
    page = client.get(LOGIN).content.decode()
    assert 'name="remember"' in page
    assert "Se souvenir de moi" in page


def test_login_upgrades_an_old_password_hash_to_argon2(reader) -> None:
    reader.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    reader.save()
    assert Client().post(LOGIN, {"login": reader.email, "password": PASSWORD}).status_code == 302
    reader.refresh_from_db()
    assert reader.password.startswith("argon2")


def test_failed_logins_for_one_address_are_rate_limited_in_french(reader) -> None:
    """5 failures in 5 minutes for one address (ACCOUNT_RATE_LIMITS["login_failed"])."""
    client = Client()
    for _attempt in range(5):
        response = client.post(LOGIN, {"login": reader.email, "password": "pas-le-bon"})
        assert TOO_MANY_LOGINS not in form_errors(response)

    blocked = client.post(LOGIN, {"login": reader.email, "password": PASSWORD})

    assert blocked.status_code == 200
    assert TOO_MANY_LOGINS in form_errors(blocked)
    assert "_auth_user_id" not in client.session
    # Another reader is not locked out by it.
    other = new_reader()
    assert Client().post(LOGIN, {"login": other.email, "password": PASSWORD}).status_code == 302


def test_login_flood_from_one_address_gets_the_french_429_page(client: Client) -> None:
    """20 login posts a minute per IP (ACCOUNT_RATE_LIMITS["login"]); incomplete forms cost no hashing."""
    for _attempt in range(20):
        assert client.post(LOGIN, {"login": "x@example.org"}).status_code == 200
    response = client.post(LOGIN, {"login": "x@example.org"})
    assert response.status_code == 429
    text = page_text(response)
    assert "Trop de tentatives" in text
    assert "Patientez quelques minutes avant de réessayer." in text


def test_signup_flood_gets_the_french_429_page(client: Client) -> None:
    for _attempt in range(10):
        assert client.post(SIGNUP, {"email": "x"}).status_code == 200
    response = client.post(SIGNUP, {"email": "x"})
    assert response.status_code == 429
    assert "Trop de tentatives" in page_text(response)


def test_reset_flood_for_one_address_gets_the_french_429_page() -> None:
    new_reader(email="connue@example.org")
    for _attempt in range(3):
        assert Client().post(RESET, {"email": "connue@example.org"}).status_code == 302
    response = Client().post(RESET, {"email": "connue@example.org"})
    assert response.status_code == 429
    assert "Trop de tentatives" in page_text(response)
    assert len(mail.outbox) == 3
