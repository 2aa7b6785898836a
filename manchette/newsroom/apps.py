from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "manchette.newsroom"
    label = "newsroom"
    verbose_name = _("Rédaction")

    def ready(self) -> None:
        from wagtail.models import Revision

        from . import purging, signals

        post_migrate.connect(signals.set_up_newsroom, sender=self)
        post_save.connect(signals.schedule_publication, sender=Revision)
        purging.connect()
