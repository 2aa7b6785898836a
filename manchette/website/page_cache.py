"""The application's own copy of anonymous pages, for when no shared cache stands in front.

The embedded site (`make run`) and an application server reached directly answer an
anonymous reader's page from a copy kept PAGE_CACHE_SECONDS (a few seconds), instead of
rendering it again for every reader. Behind Varnish the application does not keep
copies (Varnish sends X-Varnish with each of its requests): Varnish is the page cache
there, and a page it fetches again after a purge must be fresh, never a copy from before.

Only what a shared cache may keep is copied, under the same rules (caching.py): a GET
without the session or flash-message cookies, answered 200 with `Cache-Control: public`
and no cookie. The copy's key holds the content generation, so publishing, editing or
unpublishing shows at once; what changes pages without changing content (a comment, the
clock) shows within PAGE_CACHE_SECONDS.
"""

import re
from collections.abc import Callable

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse

from . import generation
from .caching import cache_directives
from .middleware import chosen_language

# Section pages take ?page=N; any other query string (a search, a campaign tag) is not copied,
# so that made-up query strings cannot fill the cache.
_COPIED_QUERY = re.compile(r"^(page=\d{1,4})?$")
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# What the key already tells apart: the language cookie, the compression, the scheme.
_VARY_IN_KEY = {"cookie", "accept-encoding", "x-forwarded-proto"}


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = _copy_key(request) if settings.PAGE_CACHE_SECONDS and _may_use_a_copy(request) else None
        if key is None:
            return self.get_response(request)
        copy = cache.get(key)
        if copy is not None:
            return copy
        response = self.get_response(request)
        if _may_be_copied(response):
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return response


def _copy_key(request: HttpRequest) -> str | None:
    try:
        host = request.get_host()
        token = generation.current(request)
    except (DisallowedHost, DatabaseError):
        return None  # answered by the usual path: a 400, or the 503 page
    language = chosen_language(request)
    compressed = bool(_ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))
    return f"page:{token}:{request.scheme}:{host}:{request.get_full_path()}:{language}:{compressed:d}"


def _may_use_a_copy(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and "X-Varnish" not in request.headers
        and "Authorization" not in request.headers
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and _COPIED_QUERY.match(request.META.get("QUERY_STRING", "")) is not None
    )


def _may_be_copied(response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies or "Set-Cookie" in response:
        return False
    directives = cache_directives(response)
    if "public" not in directives or directives & {"private", "no-cache", "no-store"}:
        return False
    varies = {name.strip().lower() for name in response.get("Vary", "").split(",") if name.strip()}
    return varies <= _VARY_IN_KEY
