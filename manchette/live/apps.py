from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "manchette.live"
    label = "live"
    verbose_name = _("Directs")

    def ready(self) -> None:
        from . import publishing

        publishing.connect()
