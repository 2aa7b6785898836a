from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "manchette.articles"
    label = "articles"
    verbose_name = _("Articles")

    def ready(self) -> None:
        from wagtail.signals import page_published

        from . import signals

        page_published.connect(signals.queue_renditions, dispatch_uid="articles.queue_renditions")
