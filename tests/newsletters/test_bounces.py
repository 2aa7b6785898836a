"""Hard bounces read from delivery status notifications (RFC 3464) stop all mail to the address."""

from pathlib import Path

from django.core.management import call_command

from manchette.newsletters.models import Suppression

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
