"""The "Modérateurs" group, the content generation when the comment rules change, and the
comment lists of an article that is unpublished."""

from typing import TYPE_CHECKING, Any

from django.apps import AppConfig
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_save
from wagtail.models import Page

from manchette.website import generation

if TYPE_CHECKING:  # connect() imports it when it runs, as before
    from .models import CommentSettings

MODERATORS = "Modérateurs"


def set_up_moderators(app_config: AppConfig, using: str = "default", **kwargs: Any) -> None:
    # This app's post_migrate may run before auth's, which creates the app's permissions.
    create_permissions(app_config, verbosity=0, using=using)
    group, _created = Group.objects.using(using).get_or_create(name=MODERATORS)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=["wagtailadmin", "comments"],
            codename__in=["access_admin", "moderate_comment"],
        )
    )


def _rules_changed(sender: type["CommentSettings"], created: bool = False, **kwargs: Any) -> None:
    # The rules (page size, closing delay, charter) are read once per content generation. The
    # row the first page view creates holds the defaults that view already used: nothing to redo.
    if not created:
        generation.bump()


def _article_unpublished(sender: type[Page], instance: Page, **kwargs: Any) -> None:
    from manchette.articles.models import ArticlePage

    from . import list_versions

    if isinstance(instance, ArticlePage):
        list_versions.article_withdrawn(instance.pk)


def connect() -> None:
    from wagtail.signals import page_unpublished

    from .models import CommentSettings

    post_save.connect(_rules_changed, sender=CommentSettings, dispatch_uid="comments.rules_changed")
    page_unpublished.connect(_article_unpublished, dispatch_uid="comments.article_unpublished")
