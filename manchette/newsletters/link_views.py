"""The redirect an edition's article links go through: one click counted, then the article."""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from manchette.audience import funnel

from . import edition_links


@require_safe
def follow(request: HttpRequest, edition_id: int, article_id: int, signature: str) -> HttpResponse:
    article = edition_links.article_linked(edition_id, article_id, signature)
    url = article.get_url(request) if article is not None else None
    response: HttpResponse
    if article is None or not url:
        message = _("Ce lien n'est pas valide : il a peut-être été mal copié.")
        response = render(request, "newsletters/refused.html", {"message": message}, status=404)
    else:
        # A HEAD (a mail scanner checking the link) is no click.
        if request.method == "GET" and edition_links.counts_clicks(edition_id):
            funnel.count_link_click(request, edition_id, article.pk)
        response = HttpResponseRedirect(url + edition_links.FROM_NEWSLETTER)
    # Never kept by a browser or Varnish: every click reaches the site and counts.
    patch_cache_control(response, private=True, no_store=True)
    return response
