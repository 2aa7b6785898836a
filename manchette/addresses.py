"""Readers' email addresses: what the site accepts, checked once here for every form.

The newsletter signup, the accounts' sign-up and address change (through the allauth
adapter) and so every mail that goes to an account (comment replies, resets) take an
address only after `clean_address`. It accepts the addresses a reader of a news site has
(`prenom.nom+tag@exemple.fr`, an internationalised domain) and refuses, each with its
own French message:

- control and invisible characters anywhere (a vertical tab pasted from a word processor,
  DEL, a bidirectional override): they broke the mail headers built from the address;
- quoted local parts (`"a b"@exemple.fr`): legal in RFC 5321, never a reader's real
  mailbox, and the way control characters and spaces got through Django's validator;
- address literals (`lit@[127.0.0.1]`), `localhost` and hosts without a dot: the site
  would mail its own machine or a name on the local network;
- more than 64 characters before the "@" or 254 in all (RFC 5321's limits).

`mailbox_key` is what rate limits count: the mailbox that all the spellings of one
address reach.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

MAX_LENGTH = 254
MAX_LOCAL_LENGTH = 64
# Domains whose mail server ignores the dots of the local part (Gmail's documented rule).
DOTLESS_DOMAINS = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}


def clean_address(raw: str) -> str:
    """The address as stored (domain in ASCII, all lower case), or a ValidationError in French."""
    address = (raw or "").strip()
    if not address:
        raise ValidationError(_("Saisissez votre adresse e-mail."), code="required")
    if len(address) > MAX_LENGTH:
        raise _too_long()
    if any(unicodedata.category(char) in {"Cc", "Cf"} for char in address):
        raise ValidationError(
            _(
                "Cette adresse e-mail contient un caractère invisible (tabulation, saut de ligne…) : "
                "retapez-la."
            ),
            code="control_character",
        )
    if '"' in address or "\\" in address:
        raise ValidationError(
            _("Les guillemets et les barres obliques inverses ne sont pas acceptés dans une adresse e-mail."),
            code="quoted",
        )
    if any(char.isspace() for char in address):
        raise ValidationError(_("Une adresse e-mail ne contient pas d'espace."), code="space")
    malformed = _malformed()
    if address.count("@") != 1:
        raise ValidationError(malformed, code="invalid")
    local, domain = address.split("@")
    if not local.isascii():
        raise ValidationError(
            _("Les accents ne sont pas acceptés avant le « @ » : utilisez une autre adresse."),
            code="unicode_local",
        )
    if len(local) > MAX_LOCAL_LENGTH:
        raise _too_long()
    domain = domain.rstrip(".").lower()
    if domain.startswith("[") or domain == "localhost" or domain.endswith(".localhost"):
        raise ValidationError(
            _("Après le « @ », indiquez le domaine de votre messagerie (par exemple exemple.fr)."),
            code="not_public",
        )
    try:
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        raise ValidationError(malformed, code="invalid") from None
    if "." not in domain:
        raise ValidationError(malformed, code="invalid")
    address = f"{local}@{domain}".lower()
    try:
        validate_email(address)
    except ValidationError:
        raise ValidationError(malformed, code="invalid") from None
    if len(address) > MAX_LENGTH:
        raise _too_long()
    return address


def _malformed() -> str:
    return _("Cette adresse e-mail n'est pas valide (exemple : prenom.nom@exemple.fr).")


def _too_long() -> ValidationError:
    return ValidationError(_("Cette adresse e-mail est trop longue."), code="max_length")


def mailbox_key(address: str) -> str:
    """The mailbox an address (from clean_address) delivers to, for counting requests per inbox.

    Case and "+tag" (sub-addressing, RFC 5233, which Gmail, Outlook, Fastmail, Proton and
    Postfix's usual setting deliver to the same inbox) are dropped. Dots stay, since most
    servers treat `jean.dupont` and `jeandupont` as two people; at Gmail, which documents
    that it ignores them, they are dropped too, so that its dotted spellings of one address
    cannot each get their own count. The key only counts: mail still goes to the address typed.
    """
    local, domain = address.lower().rsplit("@", 1)
    local = local.split("+", 1)[0]
    if domain in DOTLESS_DOMAINS:
        local, domain = local.replace(".", ""), DOTLESS_DOMAINS[domain]
    return f"{local}@{domain}"
