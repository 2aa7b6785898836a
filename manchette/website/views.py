"""Site-wide views: language switch, robots.txt, favicon, media files, the 500 page."""

from typing import Any, cast

from django.conf import settings
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    HttpResponseServerError,
)
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_safe
from django.views.static import serve as serve_file
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from . import generation
from .caching import public_when_anonymous

# Wagtail never reuses a rendition's file name (it holds the filter and a hash), so a
# browser or a CDN may keep one for a year; other media files may be replaced in place.
RENDITION_MAX_AGE = 365 * 24 * 60 * 60
MEDIA_MAX_AGE = 60 * 60


@require_safe
def switch_language(request: HttpRequest, language: str) -> HttpResponse:
    """Remembers the reader's language in a cookie and goes back to where they were."""
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


@require_safe
@public_when_anonymous
def robots_txt(request: HttpRequest) -> HttpResponse:
    base = settings.SITE_URL
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /recherche/",
        "Disallow: /langue/",
        f"Sitemap: {base}/sitemap.xml",
        f"Sitemap: {base}/sitemap-news.xml",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    # Browsers ask for /favicon.ico whatever the page says; the hashed file name is known only at run time.
    return HttpResponsePermanentRedirect(static("manchette/favicon.png"))


@require_safe
def media(request: HttpRequest, path: str) -> HttpResponseBase:
    """Media files of the embedded site (production serves them from Varnish or storage)."""
    response = serve_file(request, path, document_root=str(settings.MEDIA_ROOT))
    max_age = RENDITION_MAX_AGE if path.startswith("images/") else MEDIA_MAX_AGE
    patch_cache_control(response, public=True, max_age=max_age, immutable=path.startswith("images/"))
    return response


def serve_page(request: HttpRequest, path: str) -> HttpResponse:
    """Wagtail's page view, with the route found once per content generation.

    Wagtail finds the site, then walks the tree one query per level; both are remembered
    on the request, where this puts them from the cache. Wagtail's own view does the rest
    (view restrictions, themselves remembered by the page, and every other serve hook).
    Unknown paths are not remembered.
    """
    if request.method in ("GET", "HEAD") and not hasattr(request, "_wagtail_route_for_request"):
        key = f"route:{request.get_host()}:{path}"
        token = generation.current(request)
        found = generation.recall(token, key)
        if found is None:
            route = Page.route_for_request(request, path)
            if route is not None:
                generation.keep(token, key, (Site.find_for_request(request), route))
        else:
            # keep() above stored this (site, route) pair under the key. The attributes are
            # Wagtail's, which Django's stubs do not declare on the request.
            site, route = cast(tuple[Site, Any], found)
            request._wagtail_site = site  # type: ignore[attr-defined]
            request._wagtail_route_for_request = route  # type: ignore[attr-defined]
        route = getattr(request, "_wagtail_route_for_request", None)
        if route is not None:
            # The page's own per-generation lookups (its view restrictions) need not ask again.
            route.page.content_generation = token
    return wagtail_views.serve(request, path)


def server_error(request: HttpRequest) -> HttpResponse:
    # The error page avoids the database: it may be the reason we are here.
    try:
        context = {"nav_sections": [], "content_generation": "error-page"}
        return render(request, "500.html", context, status=500)
    except Exception:
        return HttpResponseServerError(
            '<!DOCTYPE html><html lang="fr"><title>Erreur</title>'
            "<h1>Un incident technique est survenu</h1><p>Veuillez réessayer dans quelques instants.</p>"
        )
