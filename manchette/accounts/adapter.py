"""allauth, told how Manchette counts attempts (see limits.py)."""

from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest

from manchette import addresses

from . import limits


def user_display(user: User) -> str:
    """How allauth names a reader in messages and mail: by their address."""
    return user.email


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request: HttpRequest) -> str:
        return limits.client_ip(request)

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        # allauth's own key starts with the Host header's domain: each host name or port
        # was a fresh budget for the same account.
        return limits.account_key(credentials.get("email") or credentials.get("username") or "")

    def clean_email(self, email: str) -> str:
        # Sign-up, adding or changing an address: the same rules as every other form of the site.
        return addresses.clean_address(email)

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        # allauth names the site after the request's host ("127.0.0.1:8000"): mail speaks
        # for the publication, with its public address.
        site = SimpleNamespace(name=settings.WAGTAIL_SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc)
        super().send_mail(template_prefix, email, {**context, "current_site": site})
