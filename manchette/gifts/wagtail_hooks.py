"""The article page answers gift links itself: `<article URL>?cadeau=<token>`."""

from wagtail import hooks

from manchette.articles.models import ArticlePage

from .reading import gift_requested, serve_gift


# After Wagtail's own hooks (its view restrictions among them), which run at order 0.
@hooks.register("before_serve_page", order=100)
def gifted_article(page, request, serve_args, serve_kwargs):
    token = gift_requested(request)
    if token is None or not isinstance(page.specific, ArticlePage):
        return None
    return serve_gift(request, page.specific, token)
