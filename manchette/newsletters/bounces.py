"""The newsletters' mailbox: delivery status notifications (RFC 3464), whose hard bounces stop
all mail to their address, and mails to a reader's unsubscribe address (the mailto of
List-Unsubscribe, RFC 8058), which unsubscribe that reader.

The folder also receives the public unsubscribe address, so anyone can put a mail in it: a
DSN counts only when it came back to the return path of a delivery actually sent
(tokens.return_path, signed per delivery), and it suppresses that delivery's address,
never an address the report merely names.
"""

from email import message_from_bytes
from email import policy as email_policy
from email.message import EmailMessage
from email.utils import getaddresses
from pathlib import Path
from typing import NamedTuple

from . import tokens, unsubscribing
from .models import Delivery, Signup

# Where a delivered mail names its recipient: the sender's headers, and those Postfix adds.
RECIPIENT_HEADERS = ("To", "Cc", "Delivered-To", "X-Original-To")


class Outcome(NamedTuple):
    suppressed: int
    unsubscribed: int


def hard_bounces(message: EmailMessage) -> list[tuple[str, str]]:
    """(address, status) of each recipient a DSN reports as failed for good (status 5.x.x)."""
    found = []
    for part in message.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        # The first block is about the message; each following one is about a recipient.
        for block in list(part.iter_parts())[1:]:
            action = str(block.get("Action", "")).strip().lower()
            status = str(block.get("Status", "")).strip()
            recipient = str(block.get("Final-Recipient", "")).split(";", 1)[-1].strip()
            if action == "failed" and status.startswith("5") and "@" in recipient:
                found.append((recipient.lower(), status))
    return found


def unsubscriptions(message: EmailMessage) -> set[Signup]:
    """The signups whose unsubscribe address this mail was sent to; its content does not matter."""
    found = (tokens.signup_from_unsubscribe_address(address) for address in recipients(message))
    return {signup for signup in found if signup is not None}


def bounced_deliveries(message: EmailMessage) -> set[Delivery]:
    """The deliveries whose own return path this mail was sent to."""
    found = (tokens.delivery_from_return_path(address) for address in recipients(message))
    return {delivery for delivery in found if delivery is not None}


def recipients(message: EmailMessage) -> list[str]:
    values = [str(value) for name in RECIPIENT_HEADERS for value in message.get_all(name, [])]
    return [address for _, address in getaddresses(values)]


def mail_files(folder: Path) -> list[Path]:
    """The folder's files, and those of its Maildir subfolders (new/, cur/) when it is one."""
    folders = [folder, *(folder / sub for sub in ("new", "cur") if (folder / sub).is_dir())]
    return sorted(path for where in folders for path in where.iterdir() if path.is_file())


def read_folder(folder: Path) -> Outcome:
    """Reads every mail in `folder`: suppresses the addresses of deliveries that bounced for
    good, unsubscribes the readers who wrote to their unsubscribe address. Counts what changed:
    reading twice changes nothing."""
    suppressed = unsubscribed = 0
    for path in mail_files(folder):
        message = message_from_bytes(path.read_bytes(), policy=email_policy.default)
        failures = hard_bounces(message)
        if failures:
            for delivery in bounced_deliveries(message):
                suppressed += unsubscribing.record_bounce(delivery, failures[0][1])
        for signup in unsubscriptions(message):
            unsubscribed += unsubscribing.unsubscribe(signup)
    return Outcome(suppressed, unsubscribed)
