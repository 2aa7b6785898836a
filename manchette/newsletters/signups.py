"""Signing up (double opt-in), confirming, and choosing one's newsletters.

Mail to the reader (the confirmation, a fresh preferences link) is queued once the
transaction that decided it has committed.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Case, Q, When
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from . import tasks, tokens, unsubscribing
from .models import Newsletter, Signup, Suppression

# The consent wording the signup block shows; a new wording gets a new version.
CONSENT_WORDING = "2026-12"
# A pending address gets one confirmation mail an hour, however often it is typed in.
RESEND_AFTER = timedelta(hours=1)


def send_manage_link(linked: str, typed: str) -> None:
    """Mails a fresh preferences link to the address of an expired one, if `typed` (from
    addresses.clean_address) is that address. Whoever holds the old link is told the same
    either way, so it does not tell them the address."""
    if constant_time_compare(linked, typed):
        transaction.on_commit(lambda: tasks.send_manage_link.enqueue(linked))

def newsletter_for_section(section_id: int) -> Newsletter | None:
    """The section's own newsletter, else the one the newsroom made the default for the others."""
    own_first = Case(When(section_id=section_id, then=0), default=1)
    return (
        Newsletter.objects.filter(active=True)
        .filter(Q(section_id=section_id) | Q(default_for_sections=True))
        .order_by(own_first, "pk")
        .first()
    )


def request_signup(newsletter: Newsletter, email: str, *, source: str = "") -> Signup | None:
    """Records a signup request and queues the confirmation mail when one is due.

    Returns the signup; what the reader is told does not depend on it, so the answer never
    reveals whether an address was already registered. `email` must come from addresses.clean_address.
    """
    now = timezone.now()
    with transaction.atomic():
        signup, created = Signup.objects.select_for_update().get_or_create(
            newsletter=newsletter,
            email=email,
            defaults={"consent_source": source[:300], "consent_wording": CONSENT_WORDING},
        )
        if signup.status == Signup.Status.CONFIRMED:
            return signup
        if signup.status == Signup.Status.UNSUBSCRIBED:
            signup.status = Signup.Status.PENDING
            signup.confirmation_sent_at = None
        if not created:
            signup.consent_source = source[:300]
            signup.consent_wording = CONSENT_WORDING
        due = signup.confirmation_sent_at is None or now - signup.confirmation_sent_at >= RESEND_AFTER
        if due and not Suppression.objects.filter(email=email).exists():
            signup.confirmation_sent_at = now
            transaction.on_commit(lambda: tasks.send_confirmation.enqueue(signup.pk))
        signup.save()
    return signup


def confirm(token: str) -> Signup:
    """Confirms the address a confirmation mail went to; a replayed link changes nothing."""
    max_age = timedelta(days=tokens.CONFIRMATION_DAYS)
    pk, email, sent = tokens.load(token, tokens.CONFIRM_SALT, max_age=max_age)
    with transaction.atomic():
        signup = (
            Signup.objects.select_for_update().select_related("newsletter").filter(pk=pk, email=email).first()
        )
        if signup is None:
            raise tokens.BadToken(_("Cette inscription n'existe plus."))
        if signup.status == Signup.Status.CONFIRMED:
            return signup
        current = signup.confirmation_sent_at.isoformat() if signup.confirmation_sent_at else ""
        if signup.status != Signup.Status.PENDING or current != sent:
            raise tokens.BadToken(
                _("Ce lien de confirmation a déjà servi ou a été remplacé par un plus récent.")
            )
        _mark_confirmed(signup)
        signup.save()
    return signup


def _mark_confirmed(signup: Signup) -> None:
    signup.status = Signup.Status.CONFIRMED
    signup.confirmed_at = timezone.now()
    signup.unsubscribed_at = None
    if signup.user_id is None:
        signup.user = get_user_model().objects.filter(email__iexact=signup.email).order_by("pk").first()


@dataclass(frozen=True)
class Choice:
    newsletter: Newsletter
    subscribed: bool
    pending: bool


def choices_for(email: str) -> list[Choice]:
    """Every active newsletter, and where this address stands with each."""
    states = dict(Signup.objects.filter(email=email).values_list("newsletter_id", "status"))
    return [
        Choice(
            newsletter,
            subscribed=states.get(newsletter.pk) == Signup.Status.CONFIRMED,
            pending=states.get(newsletter.pk) == Signup.Status.PENDING,
        )
        for newsletter in Newsletter.objects.filter(active=True).select_related("section")
    ]


def set_choices(email: str, wanted: Iterable[int], *, source: str, user: User | None = None) -> None:
    """Subscribes an address known to belong to the reader (their account's, or a mailed link's).

    The address was proven by the account's verification or by the signed link it arrived
    through, so the newsletters ticked are confirmed at once; the others are unsubscribed.
    """
    wanted = set(wanted)
    with transaction.atomic():
        for newsletter in Newsletter.objects.filter(active=True):
            signup = Signup.objects.select_for_update().filter(newsletter=newsletter, email=email).first()
            if newsletter.pk in wanted:
                if signup is None:
                    signup = Signup(newsletter=newsletter, email=email)
                if signup.status != Signup.Status.CONFIRMED:
                    signup.consent_source = source[:300]
                    signup.consent_wording = CONSENT_WORDING
                    if user is not None:
                        signup.user = user
                    _mark_confirmed(signup)
                    signup.save()
            elif signup is not None and signup.status != Signup.Status.UNSUBSCRIBED:
                unsubscribing.unsubscribe(signup)
