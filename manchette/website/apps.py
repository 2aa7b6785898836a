from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    """Site-wide concerns: language, navigation, cache headers, the content generation, error pages."""

    name = "manchette.website"
    label = "website"
    verbose_name = _("Site")

    def ready(self) -> None:
        from . import generation

        generation.connect_signals()
