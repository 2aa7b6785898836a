"""A worker killed mid-send (SIGKILL): another takes over, every reader gets the edition once,
except at most the messages the dead worker had handed to the SMTP server without recording.

Real processes throughout: two `manage.py db_worker` processes in turn, on a copy of the
migrated test database in a file (the embedded default: SQLite and the database queue),
sending to a real SMTP server (aiosmtpd) in this process.
"""

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection

from manchette.newsletters import sending
from tests.conftest import Mailbox

READERS = 1000
MANAGE = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]

SEED = f"""
from manchette.newsletters import tasks
from manchette.newsletters.models import Edition, Newsletter, Signup
newsletter = Newsletter.objects.create(
    name="La Matinale", slug="matinale", pitch="Chaque matin.", send_time="07:00", weekdays="01234",
    sender_name="Manchette", sender_email="matinale@manchette.test",
)
Signup.objects.bulk_create(
    Signup(newsletter=newsletter, email=f"lecteur{{n}}@exemple.fr", status="confirmed")
    for n in range({READERS})
)
edition = Edition.objects.create(newsletter=newsletter, subject="La Matinale du jour", status="approved")
tasks.start_edition.enqueue(edition.pk)
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)  # polling a real process, not waiting for a date


@pytest.fixture
def migrated_copy(db, tmp_path: Path) -> Path:
    """The migrated test database (in memory), written to a file the worker processes open."""
    database = tmp_path / "manchette.sqlite3"
    connection.ensure_connection()
    database.write_bytes(connection.connection.serialize())
    return database


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="copies the migrated SQLite test database for the worker processes",
)
def test_a_killed_worker_loses_nothing_and_doubles_only_its_messages_in_flight(
    migrated_copy: Path, tmp_path: Path
) -> None:
    database = migrated_copy
    mailbox, port = Mailbox(), _free_port()
    smtp = Controller(mailbox, hostname="127.0.0.1", port=port)
    smtp.start()
    env = {
        **os.environ,
        "MANCHETTE_VAR_DIR": str(tmp_path),
        "EMAIL_URL": f"smtp://127.0.0.1:{port}",
        "NEWSLETTER_LEASE_SECONDS": "2",
    }
    # The workers run on the site's settings (the database queue), not the tests' own.
    for name in ("DJANGO_SETTINGS_MODULE", "MANCHETTE_IMMEDIATE_TASKS", "DATABASE_URL", "REDIS_URL"):
        env.pop(name, None)
    workers: list[subprocess.Popen] = []

    def worker() -> subprocess.Popen:
        process = subprocess.Popen(  # noqa: S603 - our own manage.py
            [*MANAGE, "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        workers.append(process)
        return process

    def recorded() -> tuple[int, str]:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db_file:
            sent = db_file.execute(
                "select count(*) from newsletters_delivery where status='sent'"
            ).fetchone()[0]
            status = db_file.execute("select status from newsletters_edition").fetchone()[0]
        return sent, status

    try:
        seeded = subprocess.run(  # noqa: S603
            [*MANAGE, "shell", "-c", SEED], env=env, capture_output=True, text=True, timeout=300
        )
        assert seeded.returncode == 0, seeded.stderr
        first = worker()
        _wait(lambda: len(mailbox.messages) >= READERS // 3, 120, "the first third of the mails")
        first.send_signal(signal.SIGKILL)
        first.wait()
        received_at_kill = len(mailbox.messages)
        in_flight = received_at_kill - recorded()[0]
        worker()
        _wait(lambda: recorded()[1] == "sent", 120, "the edition to finish")
    finally:
        for process in workers:
            if process.poll() is None:
                process.terminate()
                process.wait(10)
        smtp.stop()

    recipients = Counter(message["To"] for message in mailbox.messages)
    doubled = sum(recipients.values()) - len(recipients)
    print(f"\nkilled after {received_at_kill} mails, {in_flight} in flight; {doubled} received twice")
    assert set(recipients) == {f"lecteur{n}@exemple.fr" for n in range(READERS)}
    assert 0 <= in_flight <= sending.RECORD_EVERY
    assert doubled <= in_flight
    assert max(recipients.values()) <= 2
    assert recorded()[0] == READERS
