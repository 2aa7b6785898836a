"""The newsroom's editors add notices; journalists do not (an editor answers for the correction)."""

from typing import Any

from django.apps import AppConfig
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

from manchette.newsroom.services import EDITORS


def let_editors_correct(app_config: AppConfig, using: str = "default", **kwargs: Any) -> None:
    # This app's post_migrate may run before auth's, which creates the app's permissions.
    create_permissions(app_config, verbosity=0, using=using)
    # get_or_create, as the newsroom's own set-up does: either may run first.
    group, _created = Group.objects.using(using).get_or_create(name=EDITORS)
    group.permissions.add(
        *Permission.objects.using(using).filter(
            content_type__app_label="corrections", codename__in=["add_correction", "view_correction"]
        )
    )
