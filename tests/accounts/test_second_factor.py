"""Two-factor authentication for the newsroom: allauth's TOTP and recovery codes, through HTTP.

An account with an authenticator app gives its code after the password, at the newsroom's
door as at the readers'; with NEWSROOM_MFA_REQUIRED, editors and administrators set one
up before they reach the admin, journalists and readers are not asked to.
"""

import re
import time
from datetime import datetime, timedelta
from urllib.parse import quote

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.contrib.auth.base_user import AbstractBaseUser
from django.test import Client

from .conftest import PASSWORD, form_errors, page_text

pytestmark = pytest.mark.django_db

NEWSROOM_LOGIN = "/admin/login/"
AUTHENTICATE = "/compte/2fa/authenticate/"
ACTIVATE = "/compte/2fa/totp/activate/"


@pytest.fixture(autouse=True)
def _start_of_a_totp_period(clock) -> None:
    """Codes change every 30 s: each test starts a period, so its code stays valid throughout."""
    now = datetime.now().astimezone()
    clock.move_to(now.replace(second=0, microsecond=0) + timedelta(minutes=1))


def code_for(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def editor(make_user) -> AbstractBaseUser:
    return make_user(group="Éditeurs", password=PASSWORD)


@pytest.fixture
def secret(editor: AbstractBaseUser) -> str:
    """The editor's authenticator app, set up, with recovery codes."""
    secret = generate_totp_secret()
    TOTP.activate(editor, secret)
    RecoveryCodes.activate(editor)
    return secret


def newsroom_password_step(client: Client, user: AbstractBaseUser):
    return client.post(NEWSROOM_LOGIN, {"username": user.username, "password": PASSWORD})


def test_the_newsroom_login_asks_for_the_code_after_the_password(editor, secret: str) -> None:
    client = Client()
    response = newsroom_password_step(client, editor)
    assert response.status_code == 302
    assert response["Location"] == AUTHENTICATE
    assert not logged_in(client)

    wrong = client.post(AUTHENTICATE, {"code": "000000" if code_for(secret) != "000000" else "111111"})
    assert wrong.status_code == 200
    assert form_errors(wrong), page_text(wrong)
    assert not logged_in(client)

    right = client.post(AUTHENTICATE, {"code": code_for(secret)})
    assert right.status_code == 302
    assert right["Location"] == "/admin/"
    assert logged_in(client)


def test_a_recovery_code_stands_in_for_the_app(editor, secret: str) -> None:
    [recovery_code, *_rest] = RecoveryCodes(
        Authenticator.objects.get(user=editor, type="recovery_codes")
    ).get_unused_codes()
    client = Client()
    newsroom_password_step(client, editor)
    assert client.post(AUTHENTICATE, {"code": recovery_code}).status_code == 302
    assert logged_in(client)
    # Used once, it is spent.
    again = Client()
    newsroom_password_step(again, editor)
    assert again.post(AUTHENTICATE, {"code": recovery_code}).status_code == 200
    assert not logged_in(again)


def test_the_readers_door_asks_for_the_code_too(editor, secret: str) -> None:
    client = Client()
    response = client.post("/compte/login/", {"login": editor.email, "password": PASSWORD})
    # The editor's address is not on record as confirmed: the readers' door asks for that
    # first, or for the code; it never logs in on the password alone.
    assert response.status_code == 302
    assert response["Location"] in {AUTHENTICATE, "/compte/confirm-email/"}
    assert not logged_in(client)


# --------------------------------------------------------------------------- required for editors


def test_without_the_setting_nobody_is_sent_to_set_a_second_factor_up(editor) -> None:
    client = Client()
    newsroom_password_step(client, editor)
    assert client.get("/admin/account/").status_code == 200


@pytest.mark.parametrize("who", ["editor", "superuser"])
def test_editors_and_administrators_set_a_second_factor_up_before_the_admin(
    settings, make_user, who: str
) -> None:
    settings.NEWSROOM_MFA_REQUIRED = True
    user = (
        make_user(group="Éditeurs", password=PASSWORD)
        if who == "editor"
        else make_user(password=PASSWORD, is_superuser=True, is_staff=True)
    )
    client = Client()
    assert newsroom_password_step(client, user).status_code == 302
    for path in ["/admin/", "/admin/pages/", "/django-admin/"]:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"] == f"{ACTIVATE}?next={quote(path, safe='')}"


def test_journalists_are_not_required_a_second_factor(settings, make_user) -> None:
    settings.NEWSROOM_MFA_REQUIRED = True
    journalist = make_user(group="Journalistes", password=PASSWORD)
    client = Client()
    newsroom_password_step(client, journalist)
    assert client.get("/admin/account/").status_code == 200


def test_an_editor_sets_up_the_app_and_then_reaches_the_admin(settings, editor) -> None:
    settings.NEWSROOM_MFA_REQUIRED = True
    client = Client()
    newsroom_password_step(client, editor)
    # allauth asks for the password again before a second factor is set up.
    asked = client.get(ACTIVATE + "?next=/admin/")
    assert asked.status_code == 302
    assert asked["Location"].startswith("/compte/reauthenticate/")
    confirmed = client.post(asked["Location"], {"password": PASSWORD})
    assert confirmed.status_code == 302
    page = client.get(ACTIVATE + "?next=/admin/")
    assert page.status_code == 200
    found = re.search(r'value="([A-Z2-7]{32})"', page.content.decode())
    assert found, page_text(page)[:1000]

    done = client.post(ACTIVATE + "?next=/admin/", {"code": code_for(found.group(1))})
    assert done.status_code == 302
    assert Authenticator.objects.filter(user=editor, type=Authenticator.Type.TOTP).exists()
    assert Authenticator.objects.filter(user=editor, type=Authenticator.Type.RECOVERY_CODES).exists()
    assert client.get("/admin/account/").status_code == 200


def test_the_newsroom_account_page_links_to_the_second_factor(editor) -> None:
    client = Client()
    newsroom_password_step(client, editor)
    page = client.get("/admin/account/")
    assert page.status_code == 200
    assert 'href="/compte/2fa/"' in page.content.decode()
    assert "Authentification à deux facteurs" in page_text(page)
