"""The signed parts of newsletter links and addresses: confirmation, preferences and
unsubscribe tokens, the one-click unsubscribe address and the bounce return path (VERP).
Reading a token names the signup, delivery or address it was made for, or raises BadToken."""

import re
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from .models import Delivery, Signup

CONFIRM_SALT = "newsletters.confirm"
MANAGE_SALT = "newsletters.manage"
UNSUBSCRIBE_SALT = "newsletters.unsubscribe"
SIGNED_UP_SALT = "newsletters.signed-up"
UNSUBSCRIBE_ADDRESS_SALT = "newsletters.unsubscribe-address"
BOUNCE_ADDRESS_SALT = "newsletters.bounce-address"
# A confirmation link works this many days.
CONFIRMATION_DAYS = 7


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


def load(token: str, salt: str, max_age: timedelta | None = None) -> Any:
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
    email = str(load(token, MANAGE_SALT))  # BadToken when altered
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

def address_from_signed_up_token(token: str) -> str:
    return str(load(token, SIGNED_UP_SALT, max_age=timedelta(hours=1)))


def signup_from_unsubscribe_token(token: str) -> Signup:
    pk, email = load(token, UNSUBSCRIBE_SALT)
    signup = Signup.objects.select_related("newsletter").filter(pk=pk, email=email).first()
    if signup is None:
        raise BadToken(_("Cette inscription n'existe plus."))
    return signup
