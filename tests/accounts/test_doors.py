"""Issue 13: one door in for readers, limits that hold on every door, through HTTP.

Each test is one of the issue's findings, replayed as the attacker sent it; the
look-alike pseudonyms (finding 8) are at the end, the two-process limits (finding 5)
in tests/stack/test_rate_limits_across_processes.py, and the sign-up timing
(finding 6) is measured by bench/signup_timing.py.
"""

import pytest
from django.contrib.auth.base_user import AbstractBaseUser
from django.core import mail
from django.test import Client

from manchette.accounts.models import Profile
from manchette.accounts.services import set_pseudonym

from .conftest import PASSWORD, form_errors, new_reader, page_text

pytestmark = pytest.mark.django_db

LOGIN = "/compte/login/"
SIGNUP = "/compte/signup/"
RESET = "/compte/password/reset/"
NEWSROOM_LOGIN = "/admin/login/"
NEWSROOM_RESET = "/admin/password_reset/"
TOO_MANY_LOGINS = "Trop de tentatives de connexion échouées. Veuillez réessayer ultérieurement."
NO_NEWSROOM_ACCESS = "Ce compte n'a pas accès à la rédaction."
UNVERIFIED = "Confirmez d'abord votre adresse e-mail avec le lien que vous avez reçu."


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def fail_five_times(reader: AbstractBaseUser, door: str = LOGIN, **extra: str) -> None:
    field = "login" if door == LOGIN else "username"
    for _attempt in range(5):
        Client().post(door, {field: reader.email, "password": "pas-le-bon"}, **extra)


@pytest.fixture
def editor(make_user) -> AbstractBaseUser:
    return make_user(group="Éditeurs", password=PASSWORD)


# --------------------------------------------------------------------------- 1. /admin/login/


def test_newsroom_login_lets_an_editor_in(editor: AbstractBaseUser) -> None:
    client = Client()
    response = client.post(NEWSROOM_LOGIN, {"username": editor.username, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert logged_in(client)


def test_newsroom_login_also_takes_the_editors_address(editor: AbstractBaseUser) -> None:
    client = Client()
    assert client.post(NEWSROOM_LOGIN, {"username": editor.email, "password": PASSWORD}).status_code == 302
    assert logged_in(client)


def test_newsroom_login_refuses_a_reader_with_the_right_password(reader: AbstractBaseUser) -> None:
    """It used to log the reader in (302 to "Mon compte")."""
    client = Client()
    response = client.post(NEWSROOM_LOGIN, {"username": reader.email, "password": PASSWORD})
    assert response.status_code == 200
    assert NO_NEWSROOM_ACCESS in page_text(response)
    assert not logged_in(client)


def test_newsroom_login_refuses_a_reader_who_never_confirmed(client: Client) -> None:
    unconfirmed = new_reader(verified=False)
    response = client.post(NEWSROOM_LOGIN, {"username": unconfirmed.email, "password": PASSWORD})
    assert response.status_code == 200
    assert not logged_in(client)


def test_newsroom_login_refuses_a_journalist_who_never_confirmed(make_user) -> None:
    from allauth.account.models import EmailAddress

    journalist = make_user(group="Journalistes", password=PASSWORD)
    EmailAddress.objects.create(user=journalist, email=journalist.email, verified=False, primary=True)
    client = Client()
    response = client.post(NEWSROOM_LOGIN, {"username": journalist.username, "password": PASSWORD})
    assert response.status_code == 200
    assert UNVERIFIED in page_text(response)
    assert not logged_in(client)


def test_newsroom_login_wrong_password_says_so_in_french(editor: AbstractBaseUser) -> None:
    response = Client().post(NEWSROOM_LOGIN, {"username": editor.username, "password": "pas-le-bon"})
    assert response.status_code == 200
    assert "Identifiant ou mot de passe incorrect." in page_text(response)


def test_readers_failures_lock_the_newsroom_door_too(reader: AbstractBaseUser) -> None:
    """30 wrong passwords at /admin/login/ were never limited, and the right one then logged in."""
    fail_five_times(reader, door=NEWSROOM_LOGIN)
    client = Client()
    response = client.post(NEWSROOM_LOGIN, {"username": reader.email, "password": PASSWORD})
    assert response.status_code == 200
    assert TOO_MANY_LOGINS in page_text(response)
    assert not logged_in(client)
    # And the readers' door is locked by the newsroom's failures: one budget per account.
    blocked = client.post(LOGIN, {"login": reader.email, "password": PASSWORD})
    assert TOO_MANY_LOGINS in form_errors(blocked)
    assert not logged_in(client)


def test_editor_locked_at_the_readers_door_is_locked_at_the_newsroom(editor: AbstractBaseUser) -> None:
    fail_five_times(editor)
    client = Client()
    response = client.post(NEWSROOM_LOGIN, {"username": editor.username, "password": PASSWORD})
    assert TOO_MANY_LOGINS in page_text(response)
    assert not logged_in(client)


def test_newsroom_login_flood_gets_the_french_429_page(client: Client) -> None:
    for _attempt in range(20):
        assert client.post(NEWSROOM_LOGIN, {"username": "x"}).status_code == 200
    response = client.post(NEWSROOM_LOGIN, {"username": "x"})
    assert response.status_code == 429
    assert "Trop de tentatives" in page_text(response)


def test_django_admin_login_is_the_newsroom_login(editor: AbstractBaseUser) -> None:
    response = Client().post("/django-admin/login/?next=/django-admin/", {"username": "x", "password": "y"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/django-admin/"


# --------------------------------------------------------------------------- 2. /admin/password_reset/


def test_newsroom_password_reset_sends_no_more_mail_than_the_readers(reader: AbstractBaseUser) -> None:
    """6 requests used to send 6 mails; the readers' form stops at 3 an hour."""
    for _attempt in range(6):
        Client().post(NEWSROOM_RESET, {"email": reader.email}, follow=True)
        Client().post(RESET, {"email": reader.email})
    assert len(mail.outbox) == 3


def test_newsroom_password_reset_is_the_readers_form(editor: AbstractBaseUser) -> None:
    response = Client().get(NEWSROOM_RESET)
    assert response.status_code == 302
    assert response["Location"] == RESET
    assert Client().post(RESET, {"email": editor.email}).status_code == 302
    [message] = mail.outbox
    assert message.to == [editor.email]
    assert "/compte/password/reset/key/" in message.body


# --------------------------------------------------------------------------- 3. Host header


@pytest.mark.parametrize("host", ["localhost:8000", "127.0.0.1:9999", "localhost"])
def test_account_lock_does_not_depend_on_the_host_header(reader: AbstractBaseUser, host: str) -> None:
    fail_five_times(reader)
    client = Client()
    response = client.post(LOGIN, {"login": reader.email, "password": PASSWORD}, HTTP_HOST=host)
    assert response.status_code == 200
    assert TOO_MANY_LOGINS in form_errors(response)
    assert not logged_in(client)


def test_failures_under_another_host_count_for_the_account(reader: AbstractBaseUser) -> None:
    fail_five_times(reader, HTTP_HOST="localhost:8000")
    blocked = Client().post(LOGIN, {"login": reader.email, "password": PASSWORD})
    assert TOO_MANY_LOGINS in form_errors(blocked)


def test_account_lock_covers_the_address_in_another_case(reader: AbstractBaseUser) -> None:
    fail_five_times(reader)
    blocked = Client().post(LOGIN, {"login": reader.email.upper(), "password": PASSWORD})
    assert TOO_MANY_LOGINS in form_errors(blocked)


# --------------------------------------------------------------------------- 4. HEAD and other methods


@pytest.mark.parametrize("path", [LOGIN, NEWSROOM_LOGIN])
def test_heads_do_not_spend_the_login_limit(reader: AbstractBaseUser, editor, path: str) -> None:
    """45 HEADs to /compte/login/ ended in 429 for the next real login."""
    client = Client()
    for _attempt in range(45):
        assert client.head(path).status_code == 200
    data = {"login": reader.email} if path == LOGIN else {"username": editor.username}
    response = client.post(path, {**data, "password": PASSWORD})
    assert response.status_code == 302
    assert logged_in(client)


@pytest.mark.parametrize("method", ["trace", "put", "patch", "delete", "options"])
def test_other_methods_are_refused_without_spending_the_login_limit(
    reader: AbstractBaseUser, method: str
) -> None:
    client = Client()
    for _attempt in range(25):
        assert getattr(client, method)(LOGIN).status_code == 405
    assert client.post(LOGIN, {"login": reader.email, "password": PASSWORD}).status_code == 302


def test_heads_do_not_spend_the_signup_limit(client: Client) -> None:
    for _attempt in range(15):
        assert client.head(SIGNUP).status_code == 200
    response = client.post(
        SIGNUP, {"email": "neuve@example.org", "password1": "Cormoran-2031", "password2": "Cormoran-2031"}
    )
    assert response.status_code == 302


def test_heads_do_not_spend_the_reset_limit(reader: AbstractBaseUser, client: Client) -> None:
    for _attempt in range(15):
        assert client.head(RESET).status_code == 200
    assert client.post(RESET, {"email": reader.email}).status_code == 302
    assert len(mail.outbox) == 1


# --------------------------------------------------------------------------- 7. behind the proxy


def login_flood(client: Client, client_address: str, proxy: str = "10.0.0.2") -> int:
    """20 login POSTs as seen behind one proxy; returns the status of a 21st."""
    headers = {"REMOTE_ADDR": proxy, "HTTP_X_FORWARDED_FOR": client_address}
    for _attempt in range(20):
        client.post(LOGIN, {"login": "x@example.org"}, **headers)
    return client.post(LOGIN, {"login": "x@example.org"}, **headers).status_code


def test_behind_the_proxy_each_reader_has_their_own_budget(settings, reader: AbstractBaseUser) -> None:
    """Behind Varnish every reader came from one address and shared one budget."""
    settings.TRUSTED_PROXY_COUNT = 1
    assert login_flood(Client(), "203.0.113.7") == 429
    other = Client()
    response = other.post(
        LOGIN,
        {"login": reader.email, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )
    assert response.status_code == 302
    assert logged_in(other)


def test_a_client_cannot_choose_its_address_behind_the_proxy(settings) -> None:
    """The proxy appends the real address: what the client wrote before it is ignored."""
    settings.TRUSTED_PROXY_COUNT = 1
    client = Client()
    for attempt in range(20):
        client.post(
            LOGIN,
            {"login": "x@example.org"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}, 203.0.113.7",
        )
    blocked = client.post(
        LOGIN,
        {"login": "x@example.org"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.7",
    )
    assert blocked.status_code == 429


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 0
    client = Client()
    for attempt in range(20):
        client.post(LOGIN, {"login": "x@example.org"}, HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}")
    assert (
        client.post(LOGIN, {"login": "x@example.org"}, HTTP_X_FORWARDED_FOR="192.0.2.250").status_code == 429
    )


def test_a_garbled_forwarded_header_is_not_a_500(settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 2
    for header in ["", "pas-une-adresse", "1.2.3.4", ", ,", "[::1]:80, x"]:
        response = Client().post(LOGIN, {"login": "x@example.org"}, HTTP_X_FORWARDED_FOR=header)
        assert response.status_code == 200, header


# --------------------------------------------------------------------------- 8. look-alike pseudonyms


@pytest.mark.parametrize(
    "look_alike",
    ["Lecteur cսrieսx", "Ꮮecteur curieux", "Lecteur cʋrieux", "Lecteur curieuх", "ℒecteur curieux"],
    ids=["armenian", "cherokee", "latin-v-with-hook", "cyrillic-ha", "script-capital-l"],
)
def test_look_alikes_from_any_script_are_refused(reader_client: Client, reader, look_alike: str) -> None:
    set_pseudonym(new_reader(), "Lecteur curieux")
    response = reader_client.post("/mon-compte/", {"pseudonym": look_alike})
    assert response.status_code == 200
    assert "Ce pseudonyme est déjà pris, ou ressemble trop à celui d'un autre lecteur." in form_errors(
        response
    )
    assert not Profile.objects.filter(user=reader, pseudonym__isnull=False).exists()
