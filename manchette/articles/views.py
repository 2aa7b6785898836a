"""HTTP views of the articles that are not Wagtail pages: search, tags, authors, the news sitemap."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from django.views.decorators.http import require_safe
from taggit.models import Tag

from manchette.website.caching import public_when_anonymous

from . import services, sitemaps
from .models import Author, paginate

RESULTS_PER_PAGE = 10


@require_safe
@public_when_anonymous
def search(request: HttpRequest) -> HttpResponse:
    query = services.clean_search_query(request.GET.get("q", ""))
    results = paginate(services.search_articles(query), request, RESULTS_PER_PAGE)
    context = {"query": query, "articles_page": results, "extra_query": urlencode({"q": query.text}) + "&"}
    return render(request, "articles/search.html", context)


@require_safe
@public_when_anonymous
def tag(request: HttpRequest, slug: str) -> HttpResponse:
    tag = get_object_or_404(Tag, slug=slug)
    articles = paginate(services.articles_tagged(tag), request, RESULTS_PER_PAGE)
    context = {"tag": tag, "articles_page": articles}
    return render(request, "articles/tag.html", context)


@require_safe
@public_when_anonymous
def author(request: HttpRequest, slug: str) -> HttpResponse:
    author = get_object_or_404(Author, slug=slug)
    articles = paginate(services.articles_by(author), request, RESULTS_PER_PAGE)
    return render(request, "articles/author.html", {"author": author, "articles_page": articles})


@require_safe
@public_when_anonymous
def news_sitemap(request: HttpRequest) -> HttpResponse:
    context = {"articles": sitemaps.recent_news(), "publication_name": sitemaps.publication_name()}
    return TemplateResponse(request, "articles/sitemap_news.xml", context, content_type="application/xml")
