"""The newsletters' mailbox: hard bounces (RFC 3464 reports) stop all mail to the address, and a
mail to a reader's unsubscribe address (the mailto of List-Unsubscribe) unsubscribes them."""

import re
import smtplib
from email.message import EmailMessage
from io import StringIO
from pathlib import Path

import pytest
from aiosmtpd.handlers import Mailbox as MaildirHandler
from django.core.management import call_command

from manchette.newsletters.models import Delivery, Edition, Signup, Suppression
from tests.conftest import Mailbox

from .conftest import mail_to, send_edition, serving

BOUNCE_ADDRESS = "rebond@manchette.test"


def report(to: str, recipient: str, status: str = "5.1.1", returned_headers: str = "") -> str:
    """A delivery status notification (RFC 3464) as a receiving server writes it."""
    action = "failed" if status.startswith("5") else "delayed"
    return f"""From: MAILER-DAEMON@mx.exemple.fr
To: {to}
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

Your message could not be delivered.

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.exemple.fr

Final-Recipient: rfc822; {recipient}
Action: {action}
Status: {status}

--B
Content-Type: text/rfc822-headers

{returned_headers}
--B--
"""


class Envelopes(Mailbox):
    """A mail server that also keeps each message's envelope (MAIL FROM, RCPT TO)."""

    def __init__(self) -> None:
        super().__init__()
        self.envelopes: list[tuple[str, list[str]]] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return await super().handle_DATA(server, session, envelope)


def deliver(folder: Path, mail: str, to: str) -> None:
    """Into the newsletters' mailbox (a Maildir) through a real SMTP server, as the MX would."""
    with serving(MaildirHandler(str(folder))) as port, smtplib.SMTP("127.0.0.1", port) as client:
        client.sendmail("", [to], mail.replace("\n", "\r\n").encode())


@pytest.fixture
def sent(edition: Edition, settings) -> tuple[Envelopes, dict[str, Signup]]:
    """An edition really sent to two readers, each copy with its own return path."""
    settings.NEWSLETTER_BOUNCE_ADDRESS = BOUNCE_ADDRESS
    settings.NEWSLETTER_UNSUBSCRIBE_ADDRESS = "desinscription@manchette.test"
    confirmed = Signup.Status.CONFIRMED
    readers = {
        email: Signup.objects.create(newsletter=edition.newsletter, email=email, status=confirmed)
        for email in ("parti@exemple.fr", "reste@exemple.fr")
    }
    server = Envelopes()
    with serving(server) as port:
        mail_to(settings, port)
        send_edition(edition)
    return server, readers


def read(folder: Path) -> str:
    output = StringIO()
    call_command("read_bounces", str(folder), stdout=output)
    return output.getvalue().strip()


def test_a_bounce_of_a_sent_delivery_suppresses_its_address(sent, tmp_path: Path) -> None:
    server, readers = sent
    [(return_path, [recipient])] = [e for e in server.envelopes if e[1] == ["parti@exemple.fr"]]
    assert re.fullmatch(r"rebond\+\d+-[0-9a-f]{20}@manchette\.test", return_path)
    assert len({mail_from for mail_from, _ in server.envelopes}) == 2  # one return path per delivery
    original = next(m for m in server.messages if m["To"] == recipient)
    headers = "".join(f"{name}: {value}\n" for name, value in original.items())
    folder = tmp_path / "boite"
    deliver(folder, report(return_path, recipient, returned_headers=headers), to=return_path)

    assert read(folder) == "1 address(es) suppressed, 0 reader(s) unsubscribed"
    assert read(folder) == "0 address(es) suppressed, 0 reader(s) unsubscribed"  # read again
    assert list(Suppression.objects.values_list("email", "reason")) == [("parti@exemple.fr", "DSN 5.1.1")]
    assert readers["parti@exemple.fr"].deliveries.get().status == Delivery.Status.BOUNCED
    assert readers["reste@exemple.fr"].deliveries.get().status == Delivery.Status.SENT


def test_a_soft_bounce_suppresses_nothing(sent, tmp_path: Path) -> None:
    server, _ = sent
    return_path, [recipient] = server.envelopes[0]
    deliver(tmp_path / "boite", report(return_path, recipient, status="4.2.2"), to=return_path)
    assert read(tmp_path / "boite") == "0 address(es) suppressed, 0 reader(s) unsubscribed"
    assert not Suppression.objects.exists()


def test_a_forged_bounce_suppresses_nobody(sent, tmp_path: Path) -> None:
    """Issue 21: anyone could mail a report naming a reader to the public unsubscribe address
    (delivered to the same folder) and stop their newsletters."""
    server, readers = sent
    own_path = next(mail_from for mail_from, rcpts in server.envelopes if rcpts == ["reste@exemple.fr"])
    victim = readers["parti@exemple.fr"].deliveries.get()
    forgeries = {
        "to the public address": "desinscription@manchette.test",
        "to the bare bounce address": BOUNCE_ADDRESS,
        "with a made-up code": f"rebond+{victim.pk}-{'0' * 20}@manchette.test",
        # A reader's own return path names their delivery: the code does not fit another one.
        "with another delivery's code": re.sub(r"\+\d+-", f"+{victim.pk}-", own_path),
    }
    for number, to in enumerate(forgeries.values()):
        deliver(tmp_path / f"boite{number}", report(to, "parti@exemple.fr"), to=to)
        assert read(tmp_path / f"boite{number}") == "0 address(es) suppressed, 0 reader(s) unsubscribed", to
    assert not Suppression.objects.exists()
    victim.refresh_from_db()
    assert victim.status == Delivery.Status.SENT


def test_a_mail_to_the_unsubscribe_address_unsubscribes_its_reader(
    edition: Edition, smtp_server: Mailbox, settings, tmp_path: Path
) -> None:
    settings.NEWSLETTER_UNSUBSCRIBE_ADDRESS = "desinscription@manchette.test"
    leaving, staying = (
        Signup.objects.create(newsletter=edition.newsletter, email=email, status=Signup.Status.CONFIRMED)
        for email in ("lea@exemple.fr", "paul@exemple.fr")
    )
    send_edition(edition)
    received = next(m for m in smtp_server.messages if m["To"] == leaving.email)
    mailto = re.search(r"<mailto:([^>]+)>", received["List-Unsubscribe"])[1]
    # What the reader's mail client sends for the mailto; the mail server delivers it to the
    # newsletters' mailbox, a Maildir (aiosmtpd's Mailbox handler, a real SMTP server).
    request = EmailMessage()
    request["From"], request["To"], request["Subject"] = leaving.email, mailto, "unsubscribe"
    folder = tmp_path / "boite"
    with serving(MaildirHandler(str(folder))) as port, smtplib.SMTP("127.0.0.1", port) as client:
        client.send_message(request)
    output = StringIO()
    call_command("read_bounces", str(folder), stdout=output)
    call_command("read_bounces", str(folder), stdout=output)  # read again: nothing changes
    assert output.getvalue().splitlines() == [
        "0 address(es) suppressed, 1 reader(s) unsubscribed",
        "0 address(es) suppressed, 0 reader(s) unsubscribed",
    ]
    leaving.refresh_from_db()
    staying.refresh_from_db()
    assert (leaving.status, staying.status) == (Signup.Status.UNSUBSCRIBED, Signup.Status.CONFIRMED)
