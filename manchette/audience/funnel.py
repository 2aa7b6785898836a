"""The way from an article to subscribing, counted where each step happens.

The paywall's "S'abonner" link names the article in the offers page's address (`?depuis=`),
the offers page carries it to the checkout, the article's newsletter block sends its own
address with the signup. Each step adds one to the article's count for the day
(services.count_action) and keeps nothing else: not the reader, their account, their
subscription or their address. Robots and prefetches are not readers here either, and the
beacon's rate limit bounds what one address can add.
"""

from django.http import HttpRequest
from wagtail.models import Site

from . import limits, robots, services
from .models import Action

FROM_ARTICLE = "depuis"
# Beside it, the friend's way from an offered article (the gift banner's link): "offert=1".
FROM_GIFT = "offert"


def article_from(raw: object) -> int | None:
    """The live article an offers page or checkout names, None for anything else."""
    if not isinstance(raw, str) or not raw.isdigit() or len(raw) > 18:
        return None
    article_id = int(raw)
    return article_id if services.article_exists(article_id) else None


def _from_a_reader(request: HttpRequest) -> bool:
    return not robots.request_not_a_reader(request) and limits.allowed(request)


def count(request: HttpRequest, action: Action, article_id: int | None) -> None:
    if article_id is not None and _from_a_reader(request):
        services.count_action(article_id, action)


def count_signup(request: HttpRequest, source_path: str) -> None:
    """A newsletter signup sent from an article's block: its page is the signup's source."""
    count(request, Action.NEWSLETTER, services.article_at(Site.find_for_request(request), source_path))


def count_checkout(request: HttpRequest) -> None:
    """A checkout started: for the article the offers page came from, and as one started after
    a gift when it came from an offered article's banner."""
    article_id = article_from(request.POST.get(FROM_ARTICLE))
    if article_id is None or not _from_a_reader(request):
        return
    services.count_action(article_id, Action.CHECKOUT)
    if request.POST.get(FROM_GIFT) == "1":
        services.count_action(article_id, Action.GIFT_CHECKOUT)


def count_link_click(request: HttpRequest, edition_id: int, article_id: int) -> None:
    """A link of a newsletter edition followed (newsletters/edition_links.py): the way from an
    edition to its article, counted for the edition and the article only."""
    if _from_a_reader(request):
        services.count_link_click(edition_id, article_id)
