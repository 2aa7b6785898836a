from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from wagtail import hooks
from wagtail.contrib.redirects.middleware import get_redirect
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from .addresses import QUERY_KEYS


@hooks.register("before_serve_page")
def old_query_addresses(
    page: Page, request: HttpRequest, serve_args: tuple, serve_kwargs: dict
) -> HttpResponse | None:
    """WordPress's /?p=ID, /?page_id=ID… reach the home page, which exists: the redirect
    middleware, which only looks at addresses not found, never sees them."""
    if request.path != "/" or not any(key in request.GET for key in QUERY_KEYS):
        return None
    redirect = get_redirect(request, Redirect.normalise_path(request.get_full_path(), decode_unicode=False))
    if redirect is None or redirect.link is None:
        return None
    return HttpResponsePermanentRedirect(redirect.link)
