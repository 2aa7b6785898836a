"""Lists of articles: pages of results, and the bylines of a whole list fetched at once."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator

from .articles import ArticleAuthor, ArticlePage
from .snippets import Agency, Author


def paginate(queryset, request, per_page: int):
    """The requested page, or the first one when the number is absurd (never an error)."""
    paginator = Paginator(queryset, per_page)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        page = paginator.page(1)
        page.invalid_request = True  # type: ignore[attr-defined]  # a flag for the template; Django has none
    page.object_list = list(page.object_list)
    with_bylines(page.object_list)
    return page


def with_bylines(*lists: list[ArticlePage]) -> None:
    """Sets what each card's byline needs, the authors and the agency, for all the lists at once.

    One query for the authors, and one for the agencies unless the lists came with them
    (for_cards).
    """
    everything = [article for articles in lists for article in articles]
    if not everything:
        return
    authors: dict[int, list[Author]] = {article.pk: [] for article in everything}
    links = ArticleAuthor.objects.filter(article__in=everything).select_related("author")
    for link in links.order_by("sort_order"):
        authors[link.article_id].append(link.author)
    missing = {a.agency_id for a in everything if a.agency_id and not ArticlePage.agency.is_cached(a)}
    agencies = Agency.objects.in_bulk(missing) if missing else {}
    for article in everything:
        article.authors = authors[article.pk]
        if article.agency_id in agencies:
            article.agency = agencies[article.agency_id]
