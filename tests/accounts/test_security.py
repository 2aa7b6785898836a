"""Security settings: CSRF on every form, Argon2, and the production settings' deploy check."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.test import Client

from manchette.accounts.models import Profile

from .conftest import PASSWORD, new_reader

ROOT = Path(__file__).resolve().parents[2]


# --------------------------------------------------------------------------- CSRF


@pytest.fixture
def csrf_client() -> Client:
    return Client(enforce_csrf_checks=True)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/compte/login/", {"login": "zoe@example.test", "password": PASSWORD}),
        (
            "/compte/signup/",
            {"email": "n@example.test", "password1": "Cormoran-2031", "password2": "Cormoran-2031"},
        ),
        ("/compte/password/reset/", {"email": "zoe@example.test"}),
    ],
    ids=["login", "signup", "reset"],
)
def test_anonymous_forms_refuse_a_post_without_csrf_token(csrf_client: Client, path: str, data: dict) -> None:
    new_reader(email="zoe@example.test")
    response = csrf_client.post(path, data)
    assert response.status_code == 403
    assert "_auth_user_id" not in csrf_client.session


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/mon-compte/", {"pseudonym": "Zoé"}),
        ("/mon-compte/supprimer/", {"password": PASSWORD}),
        ("/compte/logout/", {}),
        (
            "/compte/password/change/",
            {"oldpassword": PASSWORD, "password1": "Cormoran-2031", "password2": "Cormoran-2031"},
        ),
        ("/compte/email/", {"email": "autre@example.test", "action_add": ""}),
    ],
    ids=["pseudonym", "delete", "logout", "password-change", "email-add"],
)
def test_account_forms_refuse_a_post_without_csrf_token(csrf_client: Client, path: str, data: dict) -> None:
    reader = new_reader(email="zoe@example.test")
    csrf_client.force_login(reader)

    response = csrf_client.post(path, data)

    assert response.status_code == 403
    reader.refresh_from_db()
    assert reader.is_active
    assert reader.check_password(PASSWORD)
    assert not Profile.objects.filter(user=reader, pseudonym__isnull=False).exists()
    assert csrf_client.get("/mon-compte/").status_code == 200  # still logged in


@pytest.mark.django_db
def test_a_post_with_the_pages_token_goes_through(csrf_client: Client) -> None:
    """The 403s above come from the missing token, not from a form that always refuses."""
    reader = new_reader(email="zoe@example.test")
    csrf_client.get("/compte/login/")
    token = csrf_client.cookies["csrftoken"].value
    response = csrf_client.post(
        "/compte/login/", {"login": reader.email, "password": PASSWORD, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302


# --------------------------------------------------------------------------- passwords


def test_argon2_is_the_password_hasher() -> None:
    assert settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


@pytest.mark.django_db
def test_new_passwords_are_hashed_with_argon2(reader: AbstractBaseUser) -> None:
    reader.set_password("Cormoran-Violet-2031")
    assert reader.password.startswith("argon2$argon2id$")


# --------------------------------------------------------------------------- production settings


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "MANCHETTE_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}",
        "EMAIL_URL": "smtp://127.0.0.1:25",
        "MANCHETTE_VAR_DIR": str(tmp_path / "var"),
    }
    env.update(extra)
    return {name: value for name, value in env.items() if value}


def manage(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=production_env(tmp_path, **env),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_for_the_production_settings(tmp_path: Path) -> None:
    result = manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output


_SHOW_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({name: getattr(settings, name, None) for name in [
    "DEBUG", "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE", "CSRF_COOKIE_SAMESITE", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS",
    "SECURE_CONTENT_TYPE_NOSNIFF", "X_FRAME_OPTIONS", "PASSWORD_HASHERS", "ACCOUNT_RATE_LIMITS",
]}))
"""


def test_production_cookies_are_secure_httponly_and_samesite(tmp_path: Path) -> None:
    result = manage(tmp_path, "shell", "--no-imports", "-c", _SHOW_SETTINGS)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["SESSION_COOKIE_SAMESITE"] in {"Lax", "Strict"}
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SAMESITE"] in {"Lax", "Strict"}
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["PASSWORD_HASHERS"][0].endswith("Argon2PasswordHasher")
    for action in ["login", "login_failed", "signup", "reset_password"]:
        assert values["ACCOUNT_RATE_LIMITS"].get(action), action


@pytest.mark.parametrize("missing", ["SECRET_KEY", "EMAIL_URL"])
def test_production_refuses_to_start_without_its_secrets(tmp_path: Path, missing: str) -> None:
    result = manage(tmp_path, "check", **{missing: ""})
    assert result.returncode != 0
    assert f"{missing} must be set when MANCHETTE_ENV=production" in result.stderr
