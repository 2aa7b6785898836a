"""Background work of comments: purging the shared cache's copy of an article's comments
(public_copy.py), and the mails telling readers that a comment answers or mentions them
(notifications.py)."""

from django.tasks import task

from . import notifications, public_copy


@task()
def purge_public_copy(article_id: int) -> None:
    public_copy.purge_public_copy(article_id)


@task()
def notify_readers(comment_id: int) -> None:
    """Mails the readers a published comment answers or mentions; run again, it sends what is left."""
    for notification_id in notifications.record_notifications(comment_id):
        notifications.send_notification(notification_id)
