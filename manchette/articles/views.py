"""HTTP views of the public site that are not Wagtail pages."""

from django.conf import settings
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    HttpResponseServerError,
)
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_GET
from taggit.models import Tag

from . import services, sitemaps
from .caching import public_when_anonymous
from .models import paginate

RESULTS_PER_PAGE = 10


@require_GET
@public_when_anonymous
def search(request: HttpRequest) -> HttpResponse:
    query = services.clean_search_query(request.GET.get("q", ""))
    results = paginate(services.search_articles(query), request, RESULTS_PER_PAGE)
    context = {"query": query, "articles_page": results, "extra_query": urlencode({"q": query.text}) + "&"}
    return render(request, "articles/search.html", context)


@require_GET
@public_when_anonymous
def tag(request: HttpRequest, slug: str) -> HttpResponse:
    tag = get_object_or_404(Tag, slug=slug)
    articles = paginate(services.articles_tagged(tag), request, RESULTS_PER_PAGE)
    context = {"tag": tag, "articles_page": articles}
    return render(request, "articles/tag.html", context)


@require_GET
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


@require_GET
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


@require_GET
@public_when_anonymous
def news_sitemap(request: HttpRequest) -> HttpResponse:
    context = {"articles": sitemaps.recent_news(), "publication_name": sitemaps.publication_name()}
    return TemplateResponse(request, "articles/sitemap_news.xml", context, content_type="application/xml")


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    # Browsers ask for /favicon.ico whatever the page says; the hashed file name is known only at run time.
    return HttpResponsePermanentRedirect(static("manchette/favicon.png"))


def server_error(request: HttpRequest) -> HttpResponse:
    # The error page avoids the database: it may be the reason we are here.
    try:
        return render(request, "500.html", {"nav_sections": []}, status=500)
    except Exception:
        return HttpResponseServerError(
            '<!DOCTYPE html><html lang="fr"><title>Erreur</title>'
            "<h1>Un incident technique est survenu</h1><p>Veuillez réessayer dans quelques instants.</p>"
        )
