from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewslettersConfig(AppConfig):
    name = "manchette.newsletters"
    label = "newsletters"
    verbose_name = _("Newsletters")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save
        from wagtail.models.reference_index import ReferenceIndex

        from manchette.website import generation

        from .models import Edition, Newsletter, Signup

        # Wagtail's reference index knows this app's admin-edited models from the start, not only once
        # the admin's viewsets load in this process (tests/test_reference_index.py).
        for model in (Newsletter, Edition, Signup):
            ReferenceIndex.register_model(model)

        # The signup block sits in the cached article fragments: a changed newsletter
        # (name, schedule, pitch, section) makes them stale like any content change.
        def bump(**kwargs: Any) -> None:
            generation.bump()

        post_save.connect(bump, sender=Newsletter, dispatch_uid="newsletters.generation.save", weak=False)

        # A newsletter created, re-activated or re-scheduled books its next slot, whichever
        # path saved it (the newsroom's form, load_demo, a script).
        def book(instance: Newsletter, raw: bool = False, **kwargs: Any) -> None:
            from . import booking, tasks

            if raw:  # a fixture being loaded: the database is not the site's yet
                return
            tasks.carry_out(booking.keep_booked(instance.pk, catch_up=False))
            # Saved again, this instance must not put back the booking it was read with.
            instance.refresh_from_db(fields=["booked_slot"])

        post_save.connect(book, sender=Newsletter, dispatch_uid="newsletters.booking.save", weak=False)
        post_delete.connect(bump, sender=Newsletter, dispatch_uid="newsletters.generation.delete", weak=False)
