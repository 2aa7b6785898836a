from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubscriptionsConfig(AppConfig):
    name = "manchette.subscriptions"
    label = "subscriptions"
    verbose_name = _("Abonnements")

    def ready(self) -> None:
        from wagtail.models.reference_index import ReferenceIndex

        from .models import Subscription

        # Wagtail's reference index knows this app's admin-edited models from the start, not only once
        # the admin's viewsets load in this process (tests/test_reference_index.py).
        ReferenceIndex.register_model(Subscription)
