"""Site-wide middleware: the interface language, and compression of public pages.

The language is French unless the reader chose English with the language switch.

Django's LocaleMiddleware would follow the browser's Accept-Language header;
a French news site answers in French by default, and every anonymous reader
gets the same bytes, which keeps pages cacheable.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.middleware.gzip import GZipMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers

from .caching import cache_directives


def chosen_language(request: HttpRequest) -> str:
    """The language the reader chose with the switch, French otherwise."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class ChosenLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            translation.deactivate()
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        return response


class PublicGZipMiddleware(GZipMiddleware):
    """Compresses only responses a shared cache may keep: the same bytes for every reader.

    BREACH recovers a secret from the size of compressed responses that also reflect what
    an attacker sends. A public response holds no secret by construction (no CSRF token,
    no session, no name: see caching.py), so compressing it is safe; private responses,
    which may hold a CSRF token, stay uncompressed.
    """

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if "public" not in cache_directives(response) or response.cookies:
            return response
        return super().process_response(request, response)
