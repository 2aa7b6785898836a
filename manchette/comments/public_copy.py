"""The shared cache's copy of an article's comment lists: the addresses it is kept under, and
its purge (run by tasks.purge_public_copy, which services book after a change)."""

from django.urls import reverse
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task

SORTS = ("recents", "anciens", "selection")


def listing_paths(article_id: int) -> list[str]:
    base = reverse("comments:list", args=[article_id])
    return [base] + [f"{base}?tri={sort}" for sort in SORTS]


def purge_public_copy(article_id: int) -> None:
    """Purges the article page and its comment lists from the shared cache (on the worker)."""
    from manchette.articles.models import ArticlePage

    article = ArticlePage.objects.filter(pk=article_id).first()
    site = article.get_site() if article else None
    if site is None:
        return
    urls = [article.get_full_url(), *(site.root_url + path for path in listing_paths(article_id))]
    purge_urls_from_cache_task.call(urls)
