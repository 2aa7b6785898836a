from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WordPressConfig(AppConfig):
    """`manage.py import_wordpress`: a WordPress site's archive, pictures, comments and old addresses."""

    name = "manchette.wordpress"
    label = "wordpress"
    verbose_name = _("Import WordPress")
    default_auto_field = "django.db.models.BigAutoField"
