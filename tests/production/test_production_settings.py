"""Production settings: what they refuse, and the plain-HTTP mode `make production` uses on loopback."""

import json
from pathlib import Path

from tests.accounts.test_security import manage

_SHOW = (
    "import json; from django.conf import settings; print(json.dumps({name: getattr(settings, name, None) "
    "for name in ['ALLOWED_HOSTS', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_SSL_REDIRECT', "
    "'SECURE_HSTS_SECONDS']}))"
)


def show_settings(tmp_path: Path, **env: str) -> dict:
    result = manage(tmp_path, "shell", "--no-imports", "-c", _SHOW, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_refuses_to_start_without_allowed_hosts(tmp_path: Path) -> None:
    result = manage(tmp_path, "check", ALLOWED_HOSTS="")
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set when MANCHETTE_ENV=production" in result.stderr


def test_production_refuses_allowed_hosts_that_name_no_host(tmp_path: Path) -> None:
    result = manage(tmp_path, "check", ALLOWED_HOSTS=" , ")
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must name at least one host" in result.stderr


def test_production_starts_with_allowed_hosts(tmp_path: Path) -> None:
    values = show_settings(tmp_path, ALLOWED_HOSTS="journal.example.org, www.journal.example.org")
    assert values["ALLOWED_HOSTS"] == ["journal.example.org", "www.journal.example.org"]
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["SECURE_SSL_REDIRECT"] is True


def test_plain_http_is_allowed_on_loopback_only(tmp_path: Path) -> None:
    values = show_settings(tmp_path, ALLOWED_HOSTS="127.0.0.1,localhost", MANCHETTE_PLAIN_HTTP_LOOPBACK="1")
    assert values["SESSION_COOKIE_SECURE"] is False
    assert values["CSRF_COOKIE_SECURE"] is False
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SECURE_HSTS_SECONDS"] == 0

    public = manage(tmp_path, "check", ALLOWED_HOSTS="127.0.0.1,journal.example.org",
                    MANCHETTE_PLAIN_HTTP_LOOPBACK="1")
    assert public.returncode != 0
    assert "MANCHETTE_PLAIN_HTTP_LOOPBACK is for loopback only" in public.stderr
