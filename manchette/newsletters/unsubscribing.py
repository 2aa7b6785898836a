"""Stopping mail: a reader's unsubscription, and an address suppressed after a hard bounce."""

from django.utils import timezone

from .models import Delivery, Signup, Suppression


def unsubscribe(signup: Signup) -> bool:
    """True when the address was still subscribed (or pending)."""
    return bool(
        Signup.objects.filter(pk=signup.pk)
        .exclude(status=Signup.Status.UNSUBSCRIBED)
        .update(status=Signup.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now())
    )

def suppress(email: str, reason: str) -> bool:
    """Stops all mail to an address that bounced for good. True when it was not suppressed yet."""
    _, created = Suppression.objects.get_or_create(email=email.lower(), defaults={"reason": reason[:300]})
    return created


def record_bounce(delivery: Delivery, status: str) -> bool:
    """A sent delivery that bounced for good (its DSN came back to its own return path):
    its address gets no more mail. True when the address was not suppressed yet."""
    bounced = Delivery.Status.BOUNCED
    Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.SENT).update(status=bounced)
    return suppress(delivery.signup.email, f"DSN {status}")
