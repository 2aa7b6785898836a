"""The week's SMTP server: every mail it accepts, one row per recipient, in a SQLite file.

    python -m simulation.mailbox PORT DATABASE

Run on the shared clock, so `received_at` is the stack's time; `Mailbox` reads the rows.
"""

from __future__ import annotations

import email
import email.policy
import sqlite3
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from aiosmtpd.controller import Controller

SCHEMA = """CREATE TABLE IF NOT EXISTS mail (
    id INTEGER PRIMARY KEY, received_at REAL, recipient TEXT, subject TEXT, body TEXT,
    list_id TEXT, message_id TEXT)"""


def plain_body(message: email.message.EmailMessage) -> str:
    """Every text part of the mail, decoded (the plain text and the HTML)."""
    parts = [part.get_content() for part in message.walk() if part.get_content_maintype() == "text"]
    return "\n".join(parts)


class Recorder:
    def __init__(self, database: Path) -> None:
        # Opened here, used from the SMTP controller's own thread (only that one).
        self.connection = sqlite3.connect(database, isolation_level=None, check_same_thread=False)
        self.connection.execute("PRAGMA journal_mode=WAL")
        self.connection.execute(SCHEMA)

    async def handle_DATA(self, server, session, envelope) -> str:
        message = email.message_from_bytes(
            envelope.original_content or envelope.content, policy=email.policy.default
        )
        body = plain_body(message)
        for recipient in envelope.rcpt_tos:
            self.connection.execute(
                "INSERT INTO mail (received_at, recipient, subject, body, list_id, message_id)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    time.time(),
                    recipient.lower(),
                    str(message.get("Subject", "")),
                    body,
                    str(message.get("List-Id", "")),
                    str(message.get("Message-ID", "")),
                ),
            )
        return "250 OK"


@dataclass(frozen=True)
class Mail:
    received_at: float
    recipient: str
    subject: str
    body: str
    list_id: str


class Mailbox:
    """What the SMTP server kept, read from the driver."""

    def __init__(self, database: Path) -> None:
        self.database = database

    def all(self, since: float = 0.0) -> list[Mail]:
        if not self.database.exists():
            return []
        with sqlite3.connect(self.database) as connection:
            rows = connection.execute(
                "SELECT received_at, recipient, subject, body, list_id FROM mail WHERE received_at >= ?"
                " ORDER BY id",
                (since,),
            ).fetchall()
        return [Mail(*row) for row in rows]

    def to(self, recipient: str) -> list[Mail]:
        return [mail for mail in self.all() if mail.recipient == recipient.lower()]


def main() -> None:
    port, database = int(sys.argv[1]), Path(sys.argv[2])
    controller = Controller(Recorder(database), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        threading.Event().wait()  # the controller serves from its own thread until killed
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
