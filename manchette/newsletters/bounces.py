"""Delivery status notifications (RFC 3464): hard bounces stop all mail to their address."""

from email import message_from_bytes
from email import policy as email_policy
from email.message import EmailMessage
from pathlib import Path

from . import services
from .models import Delivery


def hard_bounces(message: EmailMessage) -> list[tuple[str, str]]:
    """(address, status) of each recipient a DSN reports as failed for good (status 5.x.x)."""
    found = []
    for part in message.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        # The first block is about the message; each following one is about a recipient.
        for block in part.get_payload()[1:]:
            action = str(block.get("Action", "")).strip().lower()
            status = str(block.get("Status", "")).strip()
            recipient = str(block.get("Final-Recipient", "")).split(";", 1)[-1].strip()
            if action == "failed" and status.startswith("5") and "@" in recipient:
                found.append((recipient.lower(), status))
    return found


def read_folder(folder: Path) -> int:
    """Reads every DSN file in `folder`, suppresses hard-bounced addresses. Returns how many were new.

    Reading a folder twice changes nothing the second time.
    """
    suppressed = 0
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        message = message_from_bytes(path.read_bytes(), policy=email_policy.default)
        for address, status in hard_bounces(message):
            if services.suppress(address, f"DSN {status}"):
                suppressed += 1
            Delivery.objects.filter(signup__email=address, status=Delivery.Status.SENT).update(
                status=Delivery.Status.BOUNCED
            )
    return suppressed
