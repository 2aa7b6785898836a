from typing import Any

from django.db import transaction
from wagtail.models import Page

from . import imports, tasks
from .models import NewsPage


def queue_renditions(sender: type[Page], instance: Page, **kwargs: Any) -> None:
    """On publication, the pictures are resized by the worker, not inside a reader's request
    (during an import, by the import's one job)."""
    if isinstance(instance, NewsPage) and not imports.collected_for_renditions(instance.pk):
        transaction.on_commit(lambda: tasks.make_renditions.enqueue(instance.pk))
