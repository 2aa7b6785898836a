from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WireConfig(AppConfig):
    name = "manchette.wire"
    label = "wire"
    verbose_name = _("Fil d'agences")

    def ready(self) -> None:
        from django.db.models.signals import post_save, pre_save
        from wagtail.models import Revision
        from wagtail.models.reference_index import ReferenceIndex

        from manchette.articles.models import ArticlePage

        from . import signals
        from .models import Feed

        pre_save.connect(signals.embargo_revision, sender=Revision, dispatch_uid="wire.embargo_revision")
        pre_save.connect(signals.keep_held_article_offline, sender=ArticlePage, dispatch_uid="wire.hold")
        post_save.connect(signals.start_polling, sender=Feed, dispatch_uid="wire.start_polling")
        # Wagtail's reference index knows this app's admin-edited models from the start, not only once
        # the admin's viewsets load in this process (tests/test_reference_index.py).
        ReferenceIndex.register_model(Feed)
