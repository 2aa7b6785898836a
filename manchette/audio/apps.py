from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AudioConfig(AppConfig):
    name = "manchette.audio"
    label = "audio"
    verbose_name = _("Versions audio")

    def ready(self) -> None:
        from django.db.models.signals import post_delete
        from wagtail.signals import page_published

        from . import signals
        from .models import ArticleAudio

        page_published.connect(signals.queue_on_publish, dispatch_uid="audio.queue_on_publish")
        post_delete.connect(signals.delete_file, sender=ArticleAudio, dispatch_uid="audio.delete_file")
