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
