"""What the newsletters hold about a reader, for the data export and the account deletion.

A reader's signups are those made with any address their account proved (as the signup
forms store it: services.clean_address) and those linked to the account.

On deletion, nothing more is sent to those addresses:
- the editions not yet sent to them are withdrawn (their deliveries deleted: a sending
  worker claims only the deliveries that exist), and a confirmation still to send finds
  no pending signup;
- a signup that never received an edition is deleted;
- a signup that did is kept, unsubscribed, with neither address nor account: the deliveries
  of past editions hang on it, so an edition's count of mails sent stays true. It keeps the
  consent's dates, page and wording version, which now name nobody;
- the address's suppression (it bounced for good) goes too. No hash of the address is kept
  to refuse it later: the reader may sign up again, and a signup by anyone else needs the
  owner's confirmation (double opt-in), so a forgotten address gets at most one
  confirmation mail, and only if someone types it in again.
"""

from django.core.exceptions import ValidationError
from django.db.models import CharField, Q, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from manchette.accounts.personal_data import Reader, iso
from manchette.addresses import clean_address

from .models import Delivery, Signup, Suppression

# Where a kept signup's address was: unique per signup (one signup per newsletter and
# address), in the .invalid domain that can never receive mail (RFC 2606).
FORGOTTEN_DOMAIN = "adresse.invalid"
UNSENT = [Delivery.Status.QUEUED, Delivery.Status.SENDING]


def _stored_addresses(reader: Reader) -> set[str]:
    stored = set()
    for address in reader.addresses:
        stored.update({address, address.strip().lower()})
        try:
            stored.add(clean_address(address))
        except ValidationError:
            continue  # an account address the signup forms would refuse has no signup
    return stored


def _signups(reader: Reader) -> QuerySet[Signup]:
    return Signup.objects.filter(Q(user=reader.user) | Q(email__in=_stored_addresses(reader)))


def export(reader: Reader) -> dict[str, list[dict]]:
    signups = list(_signups(reader).select_related("newsletter").order_by("created_at", "pk"))
    received: dict[int, list[dict]] = {signup.pk: [] for signup in signups}
    for signup_id, subject, sent_at in (
        Delivery.objects.filter(signup__in=signups, status=Delivery.Status.SENT)
        .order_by("sent_at", "pk")
        .values_list("signup_id", "edition__subject", "sent_at")
    ):
        received[signup_id].append({"subject": subject, "sent_at": iso(sent_at)})
    return {
        "newsletter_signups": [
            {
                "newsletter": signup.newsletter.name,
                "email": signup.email,
                "status": signup.status,
                "requested_at": iso(signup.created_at),
                "confirmed_at": iso(signup.confirmed_at),
                "unsubscribed_at": iso(signup.unsubscribed_at),
                "consent_page": signup.consent_source,
                "consent_wording": signup.consent_wording,
                "editions_received": received[signup.pk],
            }
            for signup in signups
        ],
        "newsletter_suppressions": [
            {"email": email, "reason": reason, "since": iso(created_at)}
            for email, reason, created_at in Suppression.objects.filter(
                email__in=_stored_addresses(reader)
            ).values_list("email", "reason", "created_at")
        ],
    }


def forget(reader: Reader) -> None:
    signups = _signups(reader)
    ids = list(signups.select_for_update().values_list("pk", flat=True))
    deliveries = Delivery.objects.filter(signup_id__in=ids)
    deliveries.filter(status__in=UNSENT).delete()
    deliveries.exclude(error="").update(error="")  # a server's refusal may quote the address
    with_history = set(deliveries.values_list("signup_id", flat=True).distinct())
    Signup.objects.filter(pk__in=ids).exclude(pk__in=with_history).delete()
    kept = Signup.objects.filter(pk__in=with_history)
    kept.exclude(status=Signup.Status.UNSUBSCRIBED).update(
        status=Signup.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now()
    )
    kept.update(
        user=None,
        email=Concat(
            Value("signup-"), Cast("pk", CharField()), Value(f"@{FORGOTTEN_DOMAIN}"), output_field=CharField()
        ),
    )
    Suppression.objects.filter(email__in=_stored_addresses(reader)).delete()
