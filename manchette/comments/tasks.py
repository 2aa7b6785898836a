"""Background work of comments: purging the shared cache's copy of an article's comments,
and the mails telling readers that a comment answers or mentions them."""

from django.tasks import task

from . import services


@task()
def purge_public_copy(article_id: int) -> None:
    services.purge_public_copy(article_id)


@task()
def notify_readers(comment_id: int) -> None:
    """Mails the readers a published comment answers or mentions; run again, it sends what is left."""
    for notification_id in services.record_notifications(comment_id):
        services.send_notification(notification_id)
