from django.tasks import task

from . import services


@task()
def make_renditions(article_id: int) -> None:
    services.make_renditions(article_id)
