"""Who is knocking: the client's address and the account a login attempt aims at.

Rate limits are counted by allauth's limiter in Django's cache (Redis in production,
so every app server shares one count) under two keys: the client's address and the
account. Both are computed here, the same way for the readers' door (/compte/) and the
newsroom's (/admin/login/), so an attempt at one spends the budget of the other.
"""

import ipaddress

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The address of the client, as seen through the TRUSTED_PROXY_COUNT proxies in front.

    Each trusted proxy appends the address it received the request from to
    X-Forwarded-For, so the client is the entry that many places from the end;
    anything before it was written by the client and proves nothing. A request that
    did not come through every proxy (too short a header) is counted under the
    address that reached us, never under one it could choose.
    """
    remote = _clean(request.META.get("REMOTE_ADDR", "")) or "unknown"
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.headers.get("x-forwarded-for", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote
    return _clean(forwarded[-proxies]) or remote


def _clean(address: str) -> str:
    try:
        return str(ipaddress.ip_address(address.strip().strip("[]")))
    except ValueError:
        return ""


def account_key(login: str) -> str:
    """One key per account, whichever of its names (username, any address) was typed.

    The key never depends on the Host header, and a login that names no account is
    still limited, under the text that was typed.
    """
    typed = login.strip().casefold()
    User = get_user_model()
    match = (
        User.objects.filter(
            Q(username__iexact=typed) | Q(email__iexact=typed) | Q(emailaddress__email__iexact=typed)
        )
        .values_list("pk", flat=True)
        .order_by("pk")
        .first()
    )
    return f"account:{match}" if match is not None else f"login:{typed}"
