from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    """Site-wide concerns: language, navigation, cache headers, the content generation, error pages."""

    name = "manchette.website"
    label = "website"
    verbose_name = _("Site")

    def ready(self) -> None:
        from . import converters, generation, purging

        converters.register()  # before any URL pattern is read

        # The purge first: Wagtail sends page_published outside any transaction, so each
        # receiver's on_commit work is queued as it runs. Connected ahead of the content apps'
        # receivers (renditions, audio), the purge is queued before their slower jobs and a
        # lone worker takes it first: readers see a publication without waiting for them.
        purging.connect()
        generation.connect_signals()
