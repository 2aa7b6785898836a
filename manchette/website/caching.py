"""Cache headers of public pages.

An anonymous reader with nothing pending gets the same bytes as every other,
which a shared cache may keep for a short time. Anything personal — a logged-in
reader, a flash message waiting to be shown — makes the response private.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.cache import patch_cache_control, patch_vary_headers


def cache_directives(response: HttpResponseBase) -> set[str]:
    """The names in the response's Cache-Control, lower case: {"public", "max-age", …}."""
    parts = response.get("Cache-Control", "").split(",")
    return {part.split("=")[0].strip().lower() for part in parts if part.strip()}


def is_personal(request: HttpRequest) -> bool:
    return request.user.is_authenticated or len(get_messages(request)) > 0


def cache_for_visitor(request: HttpRequest, response: HttpResponse, personal: bool) -> HttpResponse:
    patch_vary_headers(response, ["Cookie"])
    if personal:
        patch_cache_control(response, private=True, no_cache=True)
    else:
        max_age = settings.PUBLIC_PAGE_MAX_AGE
        patch_cache_control(response, public=True, max_age=max_age, s_maxage=max_age)
    return response


def public_when_anonymous(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """View decorator: shared-cacheable for anonymous readers, private otherwise."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        personal = is_personal(request)  # before rendering, which consumes flash messages
        return cache_for_visitor(request, view(request, *args, **kwargs), personal)

    return wrapped
