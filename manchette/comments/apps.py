from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "manchette.comments"
    label = "comments"
    verbose_name = _("Commentaires")

    def ready(self) -> None:
        from . import signals

        post_migrate.connect(signals.set_up_moderators, sender=self)
        signals.connect()
