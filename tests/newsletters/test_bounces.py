"""The newsletters' mailbox: hard bounces (RFC 3464 reports) stop all mail to the address, and a
mail to a reader's unsubscribe address (the mailto of List-Unsubscribe) unsubscribes them."""

import re
import smtplib
from email.message import EmailMessage
from io import StringIO
from pathlib import Path

from aiosmtpd.handlers import Mailbox as MaildirHandler
from django.core.management import call_command

from manchette.newsletters.models import Edition, Signup, Suppression
from tests.conftest import Mailbox

from .conftest import send_edition, serving

DSN = """From: MAILER-DAEMON@mx.exemple.fr
To: newsletters@manchette.test
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

Your message could not be delivered.

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.exemple.fr

Final-Recipient: rfc822; Parti@Exemple.fr
Action: failed
Status: 5.1.1

Final-Recipient: rfc822; plein@exemple.fr
Action: delayed
Status: 4.2.2

--B--
"""


def test_hard_bounces_are_suppressed_and_soft_ones_are_not(db, tmp_path: Path) -> None:
    (tmp_path / "1.eml").write_text(DSN)
    (tmp_path / "2.eml").write_text("Subject: pas un rapport\n\nbonjour\n")
    call_command("read_bounces", str(tmp_path))
    call_command("read_bounces", str(tmp_path))  # read again: nothing changes
    assert list(Suppression.objects.values_list("email", "reason")) == [("parti@exemple.fr", "DSN 5.1.1")]


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
