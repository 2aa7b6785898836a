"""The mails: the confirmation, and an edition built once as bytes then personalised per reader.

An edition is rendered from its templates and encoded as a MIME message once per batch
(EditionMail); each reader's copy only splices their own address, Message-ID and links into
those bytes, so a send to many readers neither renders templates nor runs the email package
per mail. No article body is ever in a mail: every article, free or premium, appears as its
title, standfirst and a link, so premium text never reaches a reader who may not read it.
"""

import dataclasses
import email.policy
import re
import secrets
import smtplib
from dataclasses import dataclass
from email import message_from_bytes, quoprimime
from email.message import EmailMessage as StdlibMessage
from email.utils import formataddr, formatdate
from typing import cast

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage, EmailMultiAlternatives, mailers
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from . import edition_links, editions, tokens
from .models import Edition, Newsletter, Signup

MANAGE = "%%manage-url%%"
UNSUBSCRIBE = "%%unsubscribe-url%%"
_PLACEHOLDER = re.compile(f"({re.escape(MANAGE)}|{re.escape(UNSUBSCRIBE)})")
# Stands where the reader's own token goes in a link reversed once per batch.
_HOLE = "HOLE"
CRLF = b"\r\n"
SOFT_BREAK = b"=\r\n"
# Quoted-printable lines carry at most 76 characters, the soft break's "=" included.
QP_LINE = 75
_PLAIN_LINK = re.compile(r"[!-<>-~]+")  # printable ASCII but "="


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def sender(newsletter: Newsletter) -> str:
    return formataddr((newsletter.sender_name, newsletter.sender_email))


def confirmation(signup: Signup) -> EmailMultiAlternatives:
    newsletter = signup.newsletter
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "newsletter": newsletter,
            "confirm_url": absolute(
                reverse("newsletters:confirm", args=[tokens.confirmation_token(signup)])
            ),
            "days": tokens.CONFIRMATION_DAYS,
        }
        subject = _("Confirmez votre inscription à « %(name)s »") % {"name": newsletter.name}
        text = render_to_string("newsletters/mail/confirmation.txt", context)
    return EmailMultiAlternatives(subject, text, sender(newsletter), [signup.email])


def manage_link(email: str) -> EmailMultiAlternatives:
    """A fresh preferences link, for a reader whose link had expired."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "manage_url": absolute(reverse("newsletters:manage", args=[tokens.manage_token(email)])),
            "days": settings.NEWSLETTER_MANAGE_LINK_DAYS,
        }
        subject = _("Votre lien pour gérer vos newsletters")
        text = render_to_string("newsletters/mail/manage_link.txt", context)
    return EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [email])


@dataclass(frozen=True)
class RenderedEdition:
    subject: str
    text: str
    html: str
    sender: str
    sender_email: str
    host: str
    list_id: str
    # The preferences and unsubscribe links around a reader's token.
    manage_link: tuple[str, str]
    unsubscribe_link: tuple[str, str]


def render_edition(edition: Edition) -> RenderedEdition:
    newsletter = edition.newsletter
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "edition": edition,
            "newsletter": newsletter,
            "articles": [
                # Through the redirect that counts the link's clicks and marks the article's
                # address as coming from a newsletter (edition_links.py).
                {"article": article, "url": absolute(edition_links.link_path(edition, article))}
                for article in editions.ordered_articles(edition)
            ],
            "manage_url": MANAGE,
            "unsubscribe_url": UNSUBSCRIBE,
            "site_url": settings.SITE_URL,
        }
        text = render_to_string("newsletters/mail/edition.txt", context)
        html = render_to_string("newsletters/mail/edition.html", context)
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return RenderedEdition(
        subject=edition.subject,
        text=text,
        html=html,
        sender=sender(newsletter),
        sender_email=newsletter.sender_email,
        host=host,
        list_id=f"<{newsletter.slug}.{host}>",
        manage_link=_link_parts("newsletters:manage"),
        unsubscribe_link=_link_parts("newsletters:unsubscribe"),
    )


def rendering_for_sending(edition: Edition) -> RenderedEdition:
    """The edition rendered once for all the batches of its sending, kept in the shared cache.

    Every batch is a job, and the workers that take them may run on several machines: the
    first batch renders the edition (URLs reversed, templates compiled), the others find it
    in the cache.
    """
    started = edition.started_at.isoformat() if edition.started_at else ""
    key = f"newsletters:rendered:{edition.pk}:{started}"
    # With a default that is never None, get_or_set returns what it found or rendered.
    return cast(RenderedEdition, cache.get_or_set(key, lambda: render_edition(edition), timeout=24 * 3600))


def _qp(text: str) -> bytes:
    """Quoted-printable UTF-8, CRLF line ends, the last line short enough to take a soft break."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return quoprimime.body_encode(text.encode("utf-8").decode("latin-1"), QP_LINE, "\r\n").encode("ascii")


def _qp_link(link: str) -> bytes:
    """A link on quoted-printable lines of its own.

    Links are made of URL characters only (ASCII, no "=", no spaces): quoted-printable leaves
    them as they are, so soft breaks around and inside them are their whole encoding, and the
    encoded text around them never changes whoever the reader is.
    """
    if not _PLAIN_LINK.fullmatch(link):
        raise ValueError(f"not a plain link: {link!r}")
    data = link.encode("ascii")
    return (
        SOFT_BREAK + SOFT_BREAK.join(data[i : i + QP_LINE] for i in range(0, len(data), QP_LINE)) + SOFT_BREAK
    )


def _link_parts(name: str) -> tuple[str, str]:
    """The link of URL `name` around a reader's token: reversed once, not once per mail."""
    before, after = absolute(reverse(name, args=[_HOLE])).split(_HOLE)
    return before, after


class EditionMail:
    """One edition as a MIME message in bytes, with holes for each reader's own parts.

    The headers common to every copy (From, Subject, Date, List-Id, List-Unsubscribe-Post,
    the MIME structure) come from the email package once; both parts are quoted-printable
    UTF-8, encoded once around the reader's links (see _qp_link). A copy only adds To,
    Message-ID and List-Unsubscribe, and the reader's two links, at most 998 bytes a line.
    """

    def __init__(self, rendered: RenderedEdition) -> None:
        self.rendered = rendered
        self.sender_email = rendered.sender_email
        self._batch = secrets.token_hex(6)
        self._tokens = tokens.LinkTokens()
        # "=_" never occurs in quoted-printable text, so no part can contain the boundary.
        boundary = f"=_{secrets.token_hex(12)}"
        common = StdlibMessage(policy=email.policy.SMTP)
        common["From"] = rendered.sender
        common["Subject"] = rendered.subject
        common["Date"] = formatdate(localtime=True)
        common["List-Id"] = rendered.list_id
        common["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        common["MIME-Version"] = "1.0"
        common["Content-Type"] = f'multipart/alternative; boundary="{boundary}"'
        self._headers = common.as_bytes().split(CRLF + CRLF, 1)[0] + CRLF
        delimiter = f"\r\n--{boundary}\r\n".encode("ascii")
        pieces: list[bytes | str] = [f"--{boundary}\r\n".encode("ascii")]
        for subtype, content in (("plain", rendered.text), ("html", rendered.html)):
            if subtype == "html":
                pieces.append(delimiter)
            pieces.append(
                f'Content-Type: text/{subtype}; charset="utf-8"\r\n'
                "Content-Transfer-Encoding: quoted-printable\r\n\r\n".encode("ascii")
            )
            for number, piece in enumerate(_PLACEHOLDER.split(content)):
                # Odd pieces are the placeholders the split kept: filled per reader.
                pieces.append(piece if number % 2 else _qp(piece))
        pieces.append(f"\r\n--{boundary}--\r\n".encode("ascii"))
        self._body = pieces

    def return_path(self, delivery_id: int, address: str) -> str:
        """The envelope sender of one reader's copy: its own bounce address when there is one."""
        return tokens.return_path(delivery_id, address) or self.sender_email

    def for_reader(self, delivery_id: int, signup_id: int, address: str) -> bytes:
        """The message for one reader, ready for SMTP (CRLF line ends)."""
        if not address.isascii() or not address.isprintable() or any(c in address for c in " <>"):
            # Stored addresses went through addresses.clean_address: this is never reached by
            # a reader's input, but a header must not be built from anything else.
            raise smtplib.SMTPRecipientsRefused({address: (553, b"5.1.3 Bad recipient address syntax")})
        manage = self._tokens.manage(address).join(self.rendered.manage_link)
        unsubscribe = self._tokens.unsubscribe(signup_id, address).join(self.rendered.unsubscribe_link)
        mailto = tokens.unsubscribe_address(signup_id, address)
        links = {MANAGE: _qp_link(manage), UNSUBSCRIBE: _qp_link(unsubscribe)}
        list_unsubscribe = f"<{unsubscribe}>" + (f",\r\n <mailto:{mailto}>" if mailto else "")
        personal = (
            f"To: {address}\r\n"
            f"Message-ID: <{self._batch}.{delivery_id}@{self.rendered.host}>\r\n"
            f"List-Unsubscribe: {list_unsubscribe}\r\n\r\n"
        ).encode("ascii")
        return b"".join(
            [
                self._headers,
                personal,
                *(links[piece] if isinstance(piece, str) else piece for piece in self._body),
            ]
        )


class PreparedMessage(EmailMessage):
    """A message whose bytes are already made, for Django's mailers (files, console, tests)."""

    def __init__(self, raw: bytes, from_email: str, to: str) -> None:
        super().__init__(from_email=from_email, to=[to])
        self.raw = raw

    def message(self, *, policy: email.policy.Policy | None = email.policy.default) -> StdlibMessage:
        # typeshed ties the parsed message's class to the policy's type parameter, which the plain
        # Policy of Django's signature does not carry; email.policy.default makes EmailMessages.
        return message_from_bytes(self.raw, policy=policy)  # type: ignore[arg-type]


class Outbox:
    """The site's mailer, fed with finished messages: straight into its SMTP session if it has one.

    Django's SMTP mailer would parse and re-encode each message; the session it opened (TLS and
    login included) takes the bytes as they are, one session for a whole batch. When the server
    offers PIPELINING (RFC 2920), a message's envelope (MAIL, RCPT, DATA) goes in one write and
    its content in another: two round trips a message instead of four.
    """

    def __init__(self) -> None:
        self.mailer = mailers.default
        self.session: smtplib.SMTP | None = None

    def __enter__(self) -> "Outbox":
        self._open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.mailer.close()

    def _open(self) -> None:
        self.mailer.open()
        session = getattr(self.mailer, "connection", None)
        self.session = session if isinstance(session, smtplib.SMTP) else None
        if self.session is not None:
            self.session.ehlo_or_helo_if_needed()

    def send(self, envelope_from: str, to: str, raw: bytes) -> None:
        """Sends one message, or raises the smtplib error the server's answer means."""
        if self.session is None:
            self.mailer.send_messages([PreparedMessage(raw, envelope_from, to)])
        elif self.session.does_esmtp and self.session.has_extn("pipelining"):
            _pipelined(self.session, envelope_from, to, raw)
        else:
            self.session.sendmail(envelope_from, [to], raw)

    def reconnect(self) -> None:
        # A refused recipient leaves the session usable; a dropped one needs a new session.
        try:
            self.mailer.close()
        finally:
            self._open()


def _pipelined(session: smtplib.SMTP, envelope_from: str, to: str, raw: bytes) -> None:
    session.send(f"MAIL FROM:<{envelope_from}>\r\nRCPT TO:<{to}>\r\nDATA\r\n".encode("ascii"))
    sender, recipient, data = session.getreply(), session.getreply(), session.getreply()
    if data[0] == 354 and (sender[0] != 250 or recipient[0] not in (250, 251)):
        # A server that opened the content anyway: close it empty so the session stays usable.
        session.send(b".\r\n")
        session.getreply()
    if sender[0] != 250:
        raise smtplib.SMTPSenderRefused(*sender, envelope_from)
    if recipient[0] not in (250, 251):
        raise smtplib.SMTPRecipientsRefused({to: recipient})
    if data[0] != 354:
        raise smtplib.SMTPDataError(*data)
    if raw.startswith(b".") or b"\n." in raw:
        raw = re.sub(rb"(?m)^\.", b"..", raw)  # dot-stuffing (RFC 5321 4.5.2)
    session.send(raw + (b"" if raw.endswith(CRLF) else CRLF) + b".\r\n")
    stored = session.getreply()
    if stored[0] != 250:
        raise smtplib.SMTPDataError(*stored)


def test_message(edition: Edition, address: str) -> PreparedMessage:
    """The edition as a reader will get it, to the editor's own address, before approval."""
    rendered = render_edition(edition)
    subject = _("[Test] %(subject)s") % {"subject": rendered.subject}
    built = EditionMail(dataclasses.replace(rendered, subject=subject))
    return PreparedMessage(built.for_reader(0, 0, address), rendered.sender_email, address)
