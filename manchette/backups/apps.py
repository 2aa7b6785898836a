from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackupsConfig(AppConfig):
    """`manage.py backup` and `manage.py restore`: a site-wide concern with no models of its own."""

    name = "manchette.backups"
    label = "backups"
    verbose_name = _("Sauvegardes")
