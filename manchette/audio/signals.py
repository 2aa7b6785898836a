from typing import Any

from django.db import transaction
from wagtail.models import Page

from . import services, storage, tasks
from .models import ArticleAudio


def queue_on_publish(sender: type[Page], instance: Page, **kwargs: Any) -> None:
    """Publishing may change what is said: the worker checks the text's hash and speaks it if new."""
    from manchette.articles.models import ArticlePage

    if isinstance(instance, ArticlePage) and services.speaks_on_publish():
        transaction.on_commit(lambda: tasks.generate_audio.enqueue(instance.pk))


def delete_file(sender: type[ArticleAudio], instance: ArticleAudio, **kwargs: Any) -> None:
    """An article deleted takes its audio file with it, once the deletion is committed."""
    if instance.file_name:
        name = instance.file_name
        transaction.on_commit(lambda: storage.audio_storage().delete(name))
