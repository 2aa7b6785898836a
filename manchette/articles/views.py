"""HTTP views of the public site that are not Wagtail pages."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_GET
from taggit.models import Tag

from . import services, sitemaps
from .models import paginate

RESULTS_PER_PAGE = 10


def _public(response: HttpResponse) -> HttpResponse:
    patch_cache_control(
        response, public=True, max_age=settings.PUBLIC_PAGE_MAX_AGE, s_maxage=settings.PUBLIC_PAGE_MAX_AGE
    )
    return response


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    query = services.clean_search_query(request.GET.get("q", ""))
    results = paginate(services.search_articles(query), request, RESULTS_PER_PAGE)
    return _public(
        render(
            request,
            "articles/search.html",
            {"query": query, "articles_page": results, "extra_query": urlencode({"q": query.text}) + "&"},
        )
    )


@require_GET
def tag(request: HttpRequest, slug: str) -> HttpResponse:
    tag = get_object_or_404(Tag, slug=slug)
    articles = paginate(services.articles_tagged(tag), request, RESULTS_PER_PAGE)
    return _public(render(request, "articles/tag.html", {"tag": tag, "articles_page": articles}))


@require_GET
def switch_language(request: HttpRequest, language: str) -> HttpResponse:
    """Remembers the reader's language in a cookie and goes back to where they were."""
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language in dict(settings.LANGUAGES):
        translation.activate(language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, language, max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax", secure=request.is_secure(),
        )
    return response


@require_GET
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
    return _public(HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8"))


@require_GET
def news_sitemap(request: HttpRequest) -> HttpResponse:
    context = {"articles": sitemaps.recent_news(), "publication_name": sitemaps.publication_name()}
    return _public(
        TemplateResponse(request, "articles/sitemap_news.xml", context, content_type="application/xml")
    )


def server_error(request: HttpRequest) -> HttpResponse:
    # The error page avoids the database: it may be the reason we are here.
    try:
        return render(request, "500.html", {"nav_sections": []}, status=500)
    except Exception:
        return HttpResponseServerError(
            '<!DOCTYPE html><html lang="fr"><title>Erreur</title>'
            "<h1>Un incident technique est survenu</h1><p>Veuillez réessayer dans quelques instants.</p>"
        )
