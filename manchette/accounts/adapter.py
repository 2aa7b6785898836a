"""allauth, told how Manchette counts attempts (see limits.py)."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from . import limits


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request: HttpRequest) -> str:
        return limits.client_ip(request)

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        # allauth's own key starts with the Host header's domain: each host name or port
        # was a fresh budget for the same account.
        return limits.account_key(credentials.get("email") or credentials.get("username") or "")
