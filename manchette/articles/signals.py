from django.db import transaction

from . import tasks
from .models import ArticlePage


def queue_renditions(sender, instance, **kwargs) -> None:
    """On publication, the pictures are resized by the worker, not inside a reader's request."""
    if isinstance(instance, ArticlePage):
        transaction.on_commit(lambda: tasks.make_renditions.enqueue(instance.pk))
