"""The publishing path asks the wire before an article taken from it goes live.

Every way of publishing (the editor's button, scheduled publishing, the API, a script) saves
a revision and publishes from it, and Wagtail schedules rather than publishes a revision
whose go-live time is ahead. So an embargo is written into each revision of a taken article
as its go-live time, and a hold (a kill, a withheld item, an embargo without a time) keeps
the page itself from turning live, whichever path saved it.
"""

from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from wagtail.models import Revision

from manchette.articles.models import ArticlePage

from . import desk
from .models import Feed


def embargo_revision(sender: type[Revision], instance: Revision, **kwargs: Any) -> None:
    content = instance.content
    if not isinstance(content, dict) or instance.content_type_id != _article_type_id():
        return
    restriction = desk.publication_restriction(int(instance.object_id))
    if restriction is None or restriction.until is None:
        return
    planned = content.get("go_live_at")
    planned = parse_datetime(planned) if isinstance(planned, str) else None
    if planned is None or planned < restriction.until:
        content["go_live_at"] = restriction.until.isoformat()


def keep_held_article_offline(sender: type[ArticlePage], instance: ArticlePage, **kwargs: Any) -> None:
    if not instance.live or instance.pk is None:
        return
    restriction = desk.publication_restriction(instance.pk)
    if restriction is None:
        return
    if ArticlePage.objects.filter(pk=instance.pk, live=True).exists():
        return  # already live before the hold: unpublishing is the kill's or the editor's call
    instance.live = False
    instance.has_unpublished_changes = True
    if restriction.until and restriction.until > timezone.now():
        instance.go_live_at = restriction.until


def start_polling(sender: type[Feed], instance: Feed, raw: bool = False, **kwargs: Any) -> None:
    """A feed added or changed in the admin is polled on its new schedule."""
    from . import polling

    if not raw:
        polling.start(instance)


def _article_type_id() -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(ArticlePage).pk
