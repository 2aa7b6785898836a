from django.db import transaction
from django.tasks import task

from . import services


@task()
def make_renditions(article_id: int) -> None:
    services.make_renditions(article_id)


@task()
def make_renditions_of(article_ids: list[int]) -> None:
    """The renditions of many articles published at once (an import), in one job."""
    for article_id in article_ids:
        services.make_renditions(article_id)


@task()
def index_references_of(article_ids: list[int]) -> None:
    """What many articles added at once (an import) refer to (their authors, tags, pictures), for
    Wagtail's usage views: one job where each save queues Wagtail's own."""
    from wagtail.models import ReferenceIndex

    from .models import ArticlePage

    for article in ArticlePage.objects.filter(pk__in=article_ids):
        with transaction.atomic():
            ReferenceIndex.create_or_update_for_object(article)
