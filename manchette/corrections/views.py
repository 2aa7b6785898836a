"""The public corrections page, /rectificatifs/."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from manchette.website.caching import public_when_anonymous

from . import notices

PER_PAGE = 20


@require_safe
@public_when_anonymous
def corrections(request: HttpRequest) -> HttpResponse:
    # get_page: a page number out of range or not a number gives the nearest page, never an error.
    page = Paginator(notices.public(), PER_PAGE).get_page(request.GET.get("page"))
    entries = [
        {
            "notice": notices.notice_of(correction),
            "title": correction.article.title,
            "url": correction.article.get_url(request),
        }
        for correction in page.object_list
    ]
    return render(request, "corrections/corrections.html", {"page": page, "entries": entries})
