from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CorrectionsConfig(AppConfig):
    name = "manchette.corrections"
    label = "corrections"
    verbose_name = _("Rectificatifs")

    def ready(self) -> None:
        from . import signals

        post_migrate.connect(signals.let_editors_correct, sender=self)
