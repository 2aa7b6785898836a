"""Background work of subscriptions: the mail that confirms a cancellation."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import Subscription


@task()
def send_cancellation_email(subscription_id: int) -> bool:
    """Confirms a cancellation with the date access ends. Sends nothing if it was undone since."""
    subscription = (
        Subscription.objects.select_related("user", "plan")
        .filter(pk=subscription_id, status=Subscription.Status.CANCELLED)
        .first()
    )
    if not subscription or not subscription.user.email:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "subscription": subscription,
            "site_name": settings.WAGTAIL_SITE_NAME,
            "account_url": settings.SITE_URL + reverse("accounts:subscription"),
        }
        subject = render_to_string("subscriptions/email/cancellation_subject.txt", context)
        body = render_to_string("subscriptions/email/cancellation_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [subscription.user.email])
    return True
