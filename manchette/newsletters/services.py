"""Newsletter operations: signing up (double opt-in), managing, editions and their sending.

The only module that changes newsletter state. Mail goes out from tasks (tasks.py),
after the transaction that decided it has committed.
"""

import logging
import re
import secrets
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.db.models import Case, Count, Max, Min, Q, When
from django.tasks import default_task_backend
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from manchette.articles.models import ArticlePage
from manchette.subscriptions.services import newsletter_recipients

from . import schedule
from .models import Delivery, Edition, Newsletter, Signup, Suppression

logger = logging.getLogger(__name__)

# The consent wording the signup block shows; a new wording gets a new version.
CONSENT_WORDING = "2026-12"
# A pending address gets one confirmation mail an hour, however often it is typed in.
RESEND_AFTER = timedelta(hours=1)
CONFIRMATION_DAYS = 7
# Each batch is a task: in an RQ worker, a process forked and connected anew. Big enough that
# this costs little beside the sending (bench/newsletter_send.py), small enough to share the
# work between the workers of a 100,000-reader list.
BATCH_SIZE = 2000
# Sent mails are recorded this many at a time: a worker killed mid-batch may have handed
# at most this many to the SMTP server without recording them (they are sent again).
RECORD_EVERY = 20
MAX_ATTEMPTS = 5
LATEST_ARTICLES = 10


def lease() -> timedelta:
    """How long a claimed batch may go without news before another worker takes it over."""
    return timedelta(seconds=settings.NEWSLETTER_LEASE_SECONDS)


# ------------------------------------------------------------------------------- tokens

CONFIRM_SALT = "newsletters.confirm"
MANAGE_SALT = "newsletters.manage"
UNSUBSCRIBE_SALT = "newsletters.unsubscribe"
SIGNED_UP_SALT = "newsletters.signed-up"
UNSUBSCRIBE_ADDRESS_SALT = "newsletters.unsubscribe-address"
BOUNCE_ADDRESS_SALT = "newsletters.bounce-address"


class BadToken(Exception):
    """A link that was altered, has expired or was already used: the view says which in French."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ManageLinkExpired(BadToken):
    """A genuine preferences link past its lifetime. The address it was made for is kept to
    send a fresh link to, never to be shown: an old mail may have been forwarded or leaked."""

    def __init__(self, email: str) -> None:
        super().__init__(_("Ce lien vers vos préférences a expiré."))
        self.email = email


def confirmation_token(signup: Signup) -> str:
    # Tied to the latest confirmation mail: an older link cannot confirm again after an unsubscription.
    sent = signup.confirmation_sent_at.isoformat() if signup.confirmation_sent_at else ""
    return signing.dumps([signup.pk, signup.email, sent], salt=CONFIRM_SALT, compress=True)


class LinkTokens:
    """Signs the tokens of readers' links; made once for a batch of mails, it signs each with
    the same signers (signing.dumps makes new ones for every token)."""

    def __init__(self) -> None:
        self._manage = signing.TimestampSigner(salt=MANAGE_SALT)
        self._unsubscribe = signing.TimestampSigner(salt=UNSUBSCRIBE_SALT)

    def manage(self, email: str) -> str:
        return self._manage.sign_object(email)

    def unsubscribe(self, signup_id: int, email: str) -> str:
        return self._unsubscribe.sign_object([signup_id, email])


def manage_token(email: str) -> str:
    return LinkTokens().manage(email)


def manage_link_lifetime() -> timedelta:
    """How long the preferences link of a mail shows and changes the reader's choices."""
    return timedelta(days=settings.NEWSLETTER_MANAGE_LINK_DAYS)


def unsubscribe_token(signup_id: int, email: str) -> str:
    return LinkTokens().unsubscribe(signup_id, email)


def unsubscribe_address(signup_id: int, email: str) -> str:
    """One reader's address for the mailto one-click unsubscription (RFC 8058), or "" without one.

    `NEWSLETTER_UNSUBSCRIBE_ADDRESS` with "+<signup>-<code>" after its local part (_tagged).
    """
    return _tagged(settings.NEWSLETTER_UNSUBSCRIBE_ADDRESS, UNSUBSCRIBE_ADDRESS_SALT, signup_id, email)


def signup_from_unsubscribe_address(address: str) -> Signup | None:
    """The signup a mail to this address unsubscribes, or None if it is not a valid one."""
    found = _untagged(settings.NEWSLETTER_UNSUBSCRIBE_ADDRESS, address)
    if found is None:
        return None
    signup = Signup.objects.select_related("newsletter").filter(pk=found[0]).first()
    if signup is None or not constant_time_compare(
        _address_code(UNSUBSCRIBE_ADDRESS_SALT, signup.pk, signup.email), found[1]
    ):
        return None
    return signup


def return_path(delivery_id: int, email: str) -> str:
    """The envelope sender of one delivery (VERP), or "" without `NEWSLETTER_BOUNCE_ADDRESS`.

    A bounce goes back to the envelope sender: "rebond+<delivery>-<code>@domain" names the
    delivery it is about, and its code, an HMAC of the delivery and its address under the
    SECRET_KEY, cannot be made for another reader. read_bounces suppresses an address only on
    a bounce sent to such an address: the delivery status notification itself proves nothing,
    anyone can write one naming any reader.
    """
    return _tagged(settings.NEWSLETTER_BOUNCE_ADDRESS, BOUNCE_ADDRESS_SALT, delivery_id, email)


def delivery_from_return_path(address: str) -> Delivery | None:
    """The sent delivery whose bounce was sent to this address, or None if it is not a valid one."""
    found = _untagged(settings.NEWSLETTER_BOUNCE_ADDRESS, address)
    if found is None:
        return None
    delivery = Delivery.objects.select_related("signup").filter(pk=found[0]).first()
    if delivery is None or not constant_time_compare(
        _address_code(BOUNCE_ADDRESS_SALT, delivery.pk, delivery.signup.email), found[1]
    ):
        return None
    return delivery


def _tagged(base: str, salt: str, number: int, email: str) -> str:
    """`base` with "+<number>-<code>" after its local part, or "" when `base` is not set.

    An address's local part holds at most 64 characters (RFC 5321), and some servers change
    its case: the code is a short lower-case HMAC, not a signed token.
    """
    if not base:
        return ""
    local, domain = base.rsplit("@", 1)
    return f"{local}+{number}-{_address_code(salt, number, email)}@{domain}"


def _untagged(base: str, address: str) -> tuple[int, str] | None:
    """(number, code) of an address that _tagged could have made from `base`, else None."""
    if not base:
        return None
    local, domain = base.lower().rsplit("@", 1)
    found = re.fullmatch(
        rf"{re.escape(local)}\+(\d{{1,18}})-([0-9a-f]{{20}})@{re.escape(domain)}", address.strip().lower()
    )
    return None if found is None else (int(found[1]), found[2])


def _address_code(salt: str, number: int, email: str) -> str:
    return salted_hmac(salt, f"{number}:{email}", algorithm="sha256").hexdigest()[:20]


def signed_up_token(email: str) -> str:
    """Carries the address to the page that says it was registered, so no one else can choose it."""
    return signing.dumps(email, salt=SIGNED_UP_SALT)


def _load(token: str, salt: str, max_age: timedelta | None = None) -> Any:
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise BadToken(_("Ce lien a expiré. Inscrivez-vous de nouveau pour en recevoir un autre.")) from None
    except signing.BadSignature:
        raise BadToken(_("Ce lien n'est pas valide : il a peut-être été mal copié.")) from None


def address_from_manage_token(token: str) -> str:
    """The address a preferences link shows and manages, while the link is young enough.

    Unsubscribe links work for ever (RFC 8058: an old mail must still let its reader leave);
    this one shows the address and changes every choice, so it lasts manage_link_lifetime().
    """
    email = str(_load(token, MANAGE_SALT))  # BadToken when altered
    try:
        signing.loads(token, salt=MANAGE_SALT, max_age=manage_link_lifetime())
    except signing.SignatureExpired:
        raise ManageLinkExpired(email) from None
    return email


def unsubscribe_link_is_recent(token: str) -> bool:
    """Whether an unsubscribe link is young enough to lead on to the preferences page."""
    try:
        signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=manage_link_lifetime())
    except signing.BadSignature:
        return False
    return True


def send_manage_link(linked: str, typed: str) -> None:
    """Mails a fresh preferences link to the address of an expired one, if `typed` (from
    addresses.clean_address) is that address. Whoever holds the old link is told the same
    either way, so it does not tell them the address."""
    from . import tasks

    if constant_time_compare(linked, typed):
        transaction.on_commit(lambda: tasks.send_manage_link.enqueue(linked))


def address_from_signed_up_token(token: str) -> str:
    return str(_load(token, SIGNED_UP_SALT, max_age=timedelta(hours=1)))


def signup_from_unsubscribe_token(token: str) -> Signup:
    pk, email = _load(token, UNSUBSCRIBE_SALT)
    signup = Signup.objects.select_related("newsletter").filter(pk=pk, email=email).first()
    if signup is None:
        raise BadToken(_("Cette inscription n'existe plus."))
    return signup


# ------------------------------------------------------------------------------- signing up


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
    from . import tasks

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
    pk, email, sent = _load(token, CONFIRM_SALT, max_age=timedelta(days=CONFIRMATION_DAYS))
    with transaction.atomic():
        signup = (
            Signup.objects.select_for_update().select_related("newsletter").filter(pk=pk, email=email).first()
        )
        if signup is None:
            raise BadToken(_("Cette inscription n'existe plus."))
        if signup.status == Signup.Status.CONFIRMED:
            return signup
        current = signup.confirmation_sent_at.isoformat() if signup.confirmation_sent_at else ""
        if signup.status != Signup.Status.PENDING or current != sent:
            raise BadToken(_("Ce lien de confirmation a déjà servi ou a été remplacé par un plus récent."))
        _mark_confirmed(signup)
        signup.save()
    return signup


def _mark_confirmed(signup: Signup) -> None:
    signup.status = Signup.Status.CONFIRMED
    signup.confirmed_at = timezone.now()
    signup.unsubscribed_at = None
    if signup.user_id is None:
        signup.user = get_user_model().objects.filter(email__iexact=signup.email).order_by("pk").first()


def unsubscribe(signup: Signup) -> bool:
    """True when the address was still subscribed (or pending)."""
    return bool(
        Signup.objects.filter(pk=signup.pk)
        .exclude(status=Signup.Status.UNSUBSCRIBED)
        .update(status=Signup.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now())
    )


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


def set_choices(email: str, wanted: Iterable[int], *, source: str, user=None) -> None:
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
                unsubscribe(signup)


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


# ------------------------------------------------------------------------------- editions


def prepare_edition(newsletter: Newsletter, slot: datetime) -> Edition | None:
    """The automatic edition for a scheduled slot: the section's articles since the last one.

    Automatic editions go out at their time without waiting for an editor (a newsletter
    that should not is made inactive, or editions are written by hand): a morning letter
    that waits for approval misses its morning. None when the section published nothing
    new. Running it twice for a slot makes one edition.
    """
    existing = Edition.objects.filter(newsletter=newsletter, slot=slot).first()
    if existing:
        return existing
    previous = (
        Edition.objects.filter(newsletter=newsletter, slot__lt=slot)
        .order_by("-slot")
        .values_list("slot", flat=True)
        .first()
    )
    since = previous or slot - timedelta(days=7)
    if newsletter.section_id is None:
        return None
    articles = list(
        ArticlePage.objects.published()
        .descendant_of(newsletter.section)
        .filter(first_published_at__gt=since, first_published_at__lte=slot)[:LATEST_ARTICLES]
    )
    if not articles:
        return None
    local = slot.astimezone(schedule.zone())
    with transaction.atomic():
        edition, created = Edition.objects.get_or_create(
            newsletter=newsletter,
            slot=slot,
            defaults={
                "subject": _("%(name)s du %(date)s")
                % {"name": newsletter.name, "date": local.strftime("%d/%m/%Y")},
                "status": Edition.Status.APPROVED,
            },
        )
        if created:
            edition.articles.set(articles)
    return edition


def approve(edition: Edition) -> None:
    Edition.objects.filter(pk=edition.pk, status=Edition.Status.DRAFT).update(status=Edition.Status.APPROVED)


def ordered_articles(edition: Edition) -> list[ArticlePage]:
    return list(edition.articles.order_by("-first_published_at"))


# ------------------------------------------------------------------------------- sending


def start_sending(edition: Edition) -> int:
    """Makes one delivery per reader who may receive the edition, then queues its batches.

    Idempotent: run again (a retried task), it adds nobody twice (unique per edition and
    reader) and queues batches that find nothing left to claim. Returns the delivery count.
    """
    from . import tasks

    with transaction.atomic():
        edition = Edition.objects.select_for_update().select_related("newsletter").get(pk=edition.pk)
        if edition.status not in {Edition.Status.APPROVED, Edition.Status.SENDING}:
            return edition.deliveries.count()
        if edition.status == Edition.Status.APPROVED:
            _make_deliveries(edition)
            edition.status = Edition.Status.SENDING
            edition.started_at = timezone.now()
            edition.save(update_fields=["status", "started_at"])
    ids = list(
        edition.deliveries.filter(status=Delivery.Status.QUEUED).order_by("pk").values_list("pk", flat=True)
    )
    for start in range(0, len(ids), BATCH_SIZE):
        chunk = ids[start : start + BATCH_SIZE]
        transaction.on_commit(partial(tasks.send_batch.enqueue, edition.pk, chunk[0], chunk[-1]))
    defer(tasks.watch_edition, lease(), edition.pk)
    return edition.deliveries.count()


def _make_deliveries(edition: Edition) -> None:
    newsletter = edition.newsletter
    rows = list(
        Signup.objects.filter(newsletter=newsletter, status=Signup.Status.CONFIRMED)
        .exclude(email__in=Suppression.objects.values("email"))
        .values_list("pk", "user_id")
    )
    subscribers_only = newsletter.audience == Newsletter.Audience.SUBSCRIBERS
    allowed: set[int] = set()
    if subscribers_only:
        user_ids = [user_id for _, user_id in rows if user_id is not None]
        for start in range(0, len(user_ids), 5000):
            allowed |= newsletter_recipients(set(user_ids[start : start + 5000]), subscribers_only=True)
    Delivery.objects.bulk_create(
        [
            Delivery(edition=edition, signup_id=pk)
            for pk, user_id in rows
            if not subscribers_only or user_id in allowed
        ],
        batch_size=2000,
        ignore_conflicts=True,
    )


def defer(task, delay: timedelta, *args) -> None:
    """Queues `task` to run after `delay`, on backends that can wait (not the immediate one of tests)."""
    if default_task_backend.supports_defer:
        transaction.on_commit(lambda: task.using(run_after=timezone.now() + delay).enqueue(*args))


def claim(edition_id: int, first: int, last: int) -> str:
    """Takes the batch's deliveries still to send, and those of a worker that went silent."""
    token = secrets.token_hex(8)
    now = timezone.now()
    Delivery.objects.filter(edition_id=edition_id, pk__gte=first, pk__lte=last).filter(
        Q(status=Delivery.Status.QUEUED) | Q(status=Delivery.Status.SENDING, claimed_at__lt=now - lease())
    ).update(status=Delivery.Status.SENDING, claim=token, claimed_at=now)
    claimed = Delivery.objects.filter(edition_id=edition_id, claim=token, status=Delivery.Status.SENDING)
    claimed.filter(
        ~Q(signup__status=Signup.Status.CONFIRMED) | Q(signup__email__in=Suppression.objects.values("email"))
    ).update(status=Delivery.Status.SKIPPED)
    return token


def record_sent(ids: list[int], token: str) -> None:
    Delivery.objects.filter(pk__in=ids, claim=token).update(
        status=Delivery.Status.SENT, sent_at=timezone.now()
    )


def renew_claim(edition_id: int, token: str) -> datetime:
    """Tells the other workers that this batch's worker is alive: its lease starts again."""
    now = timezone.now()
    Delivery.objects.filter(edition_id=edition_id, status=Delivery.Status.SENDING, claim=token).update(
        claimed_at=now
    )
    return now


def record_failure(delivery_id: int, token: str, error: smtplib.SMTPException | OSError) -> bool:
    """A refused or lost message. True when it will be tried again (temporary failure)."""
    code = getattr(error, "smtp_code", None)
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code = next(iter(error.recipients.values()))[0]
    permanent = code is not None and 500 <= code < 600
    delivery = Delivery.objects.get(pk=delivery_id)
    delivery.attempts += 1
    retry = not permanent and delivery.attempts < MAX_ATTEMPTS
    delivery.status = Delivery.Status.QUEUED if retry else Delivery.Status.FAILED
    delivery.error = str(error)[:300]
    Delivery.objects.filter(pk=delivery_id, claim=token).update(
        status=delivery.status, attempts=delivery.attempts, error=delivery.error, claim=""
    )
    return retry


def retry_delay(edition_id: int, first: int, last: int) -> timedelta:
    """Backoff for temporary failures: 30 s, then 1, 2, 4 minutes…"""
    attempts = (
        Delivery.objects.filter(
            edition_id=edition_id, pk__gte=first, pk__lte=last, status=Delivery.Status.QUEUED
        ).aggregate(most=Max("attempts"))["most"]
        or 1
    )
    return timedelta(seconds=30 * 2 ** (attempts - 1))


def finish_if_done(edition_id: int) -> bool:
    """Marks the edition sent once no delivery is waiting. True when it is finished."""
    left = Delivery.objects.filter(
        edition_id=edition_id, status__in=[Delivery.Status.QUEUED, Delivery.Status.SENDING]
    ).exists()
    if left:
        return False
    Edition.objects.filter(pk=edition_id, status=Edition.Status.SENDING).update(
        status=Edition.Status.SENT, finished_at=timezone.now()
    )
    return True


def stalled_range(edition_id: int) -> tuple[int, int] | None:
    """The ids of the deliveries left behind: queued ones, and claims nobody renewed in time."""
    stale = timezone.now() - lease()
    left = Delivery.objects.filter(edition_id=edition_id).filter(
        Q(status=Delivery.Status.QUEUED) | Q(status=Delivery.Status.SENDING, claimed_at__lt=stale)
    )
    bounds = left.aggregate(first=Min("pk"), last=Max("pk"))
    if bounds["first"] is None:
        return None
    return bounds["first"], bounds["last"]


def counts(edition: Edition) -> dict[str, int]:
    found = dict(edition.deliveries.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    return {status: found.get(status, 0) for status in Delivery.Status.values}
