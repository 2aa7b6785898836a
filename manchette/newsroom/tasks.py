from django.tasks import task

from . import services


@task()
def publish_due_pages() -> None:
    services.publish_due_pages()
