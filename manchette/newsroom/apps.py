from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "manchette.newsroom"
    label = "newsroom"
    verbose_name = _("Rédaction")

    def ready(self) -> None:
        from django.core.validators import validate_slug
        from wagtail.models import Page, Revision
        from wagtail.signals import workflow_approved

        from . import signals

        post_migrate.connect(signals.set_up_newsroom, sender=self)
        post_save.connect(signals.schedule_publication, sender=Revision)
        workflow_approved.connect(signals.note_approval)
        # Page addresses are ASCII whatever path saves them (the editor's form, a hand-made
        # POST, the API): Wagtail's slug field accepts any letter, its widget only cleans them.
        # Its default validators, not its own: those would be part of Wagtail's migrations.
        slug = Page._meta.get_field("slug")
        slug.default_validators = [validate_slug]
        slug.__dict__.pop("validators", None)  # the cached list, rebuilt with ours
