from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CorrectionsConfig(AppConfig):
    name = "manchette.corrections"
    label = "corrections"
    verbose_name = _("Rectificatifs")

    def ready(self) -> None:
        from wagtail.models.reference_index import ReferenceIndex

        from . import signals
        from .models import Correction

        post_migrate.connect(signals.let_editors_correct, sender=self)
        # Wagtail's reference index knows this app's admin-edited models from the start, not only once
        # the admin's viewsets load in this process (tests/test_reference_index.py).
        ReferenceIndex.register_model(Correction)
