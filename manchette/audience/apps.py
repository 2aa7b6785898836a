from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AudienceConfig(AppConfig):
    name = "manchette.audience"
    label = "audience"
    verbose_name = _("Audience")

    def ready(self) -> None:
        from django.test.signals import setting_changed

        setting_changed.connect(_forget_process_state)


def _forget_process_state(**kwargs: Any) -> None:
    """Tests change settings between them (pytest-django's `settings`): each starts with an
    empty rate-limit tally and an empty buffer, as a fresh process would."""
    from . import limits
    from .buffer import BUFFER

    limits.PROCESS_LIMITER.forget()
    BUFFER.tally.take()
