"""The mail telling a reader that a comment answers or mentions them, in their language.

It quotes the comment only when the reader could read it on the site: under a premium
article, a reader without a subscription gets the link alone.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from manchette.subscriptions import entitlements

from .models import Commenter, Notification


def notification(notification: Notification) -> EmailMessage:
    from manchette.articles.models import ArticlePage

    comment, recipient = notification.comment, notification.recipient
    article = ArticlePage.objects.get(pk=comment.article_id)
    language = Commenter.objects.filter(pk=recipient.pk).values_list("language", flat=True).first()
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    context = {
        "reply": notification.kind == Notification.Kind.REPLY,
        "pseudonym": comment.pseudonym,
        "title": article.title,
        "text": comment.text if not article.premium or entitlements.is_subscriber(recipient) else "",
        "link": f"{article.get_full_url()}#commentaire-{comment.pk}",
        "account_url": settings.SITE_URL + reverse("accounts:overview"),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    with translation.override(language):
        subject = render_to_string("comments/email/notification_subject.txt", context)
        body = render_to_string("comments/email/notification_body.txt", context)
    return EmailMessage(" ".join(subject.split()), body, None, [recipient.email])
