from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GiftsConfig(AppConfig):
    name = "manchette.gifts"
    label = "gifts"
    verbose_name = _("Articles offerts")
