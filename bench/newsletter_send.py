"""Newsletter sending: one edition to N readers through the worker, mails per second.

    .venv/bin/python bench/newsletter_send.py [--readers 5000]

Works on a copy of the database `make setup` creates (var/manchette.sqlite3, copied with
SQLite's backup API, then migrated; the original is untouched): the embedded default,
SQLite and the database queue. Adds a newsletter with `--readers` confirmed readers and an
approved edition of the International section's articles, queues `start_edition` as the
schedule does, and times the real worker (`manage.py db_worker --batch`, in a process of its
own that reports its wall time, CPU time and peak memory) making the deliveries and sending
every batch, each mail personalised (its own unsubscribe and preference links), to an SMTP
sink (aiosmtpd) in this process on a free loopback port. The sink counts what it received
and the duplicates (must be 0).

The sink shares the 2 cores with the worker, and aiosmtpd tops out at about 1,000
messages/s here (issue 10): mails per CPU-second of the worker tells the sender's own cost
apart from the sink's. Issue 10's target (2,000 mails/s, 100,000 readers to Postfix's
smtp-sink with the production stack's workers) is a different set-up; compare with care.
"""

import argparse
import datetime
import os
import sqlite3
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import timing  # noqa: E402

from tests.stack.servers import free_port  # noqa: E402

TARGET_PER_SECOND = 2000


class Sink:
    """An SMTP server that only counts: recipients seen and bytes, no parsing (it shares the CPU)."""

    def __init__(self) -> None:
        self.recipients: Counter[str] = Counter()
        self.bytes = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope) -> str:
        with self.lock:
            self.recipients.update(envelope.rcpt_tos)
            self.bytes += len(envelope.original_content or b"")
        return "250 OK"


def seed(readers: int) -> int:
    """The newsletter, its confirmed readers and an approved edition; returns the edition's id."""
    from manchette.articles.models import ArticlePage, SectionPage
    from manchette.newsletters import tasks
    from manchette.newsletters.models import Edition, Newsletter, Signup

    section = SectionPage.objects.filter(slug="international").first()
    newsletter = Newsletter.objects.create(
        name="Le banc d'essai",
        slug="banc-d-essai",
        pitch="Une newsletter pour mesurer l'envoi.",
        section=section,
        weekdays="1",
        send_time=datetime.time(11),
        sender_name="Manchette",
        sender_email="banc@manchette.test",
    )
    Signup.objects.bulk_create(
        (
            Signup(newsletter=newsletter, email=f"lecteur{number}@exemple.fr", status=Signup.Status.CONFIRMED)
            for number in range(readers)
        ),
        batch_size=2000,
    )
    edition = Edition.objects.create(
        newsletter=newsletter, subject="Le banc d'essai du jour", status=Edition.Status.APPROVED
    )
    articles = ArticlePage.objects.live()
    if section is not None:
        articles = articles.descendant_of(section)
    edition.articles.set(articles.order_by("-first_published_at")[:5])
    tasks.start_edition.enqueue(edition.pk)
    return edition.pk


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=5000)
    args = parser.parse_args()
    source = ROOT / "var" / "manchette.sqlite3"
    if not source.exists():
        raise SystemExit("var/manchette.sqlite3 is missing: run `make setup` first")

    from aiosmtpd.controller import Controller

    with tempfile.TemporaryDirectory(prefix="manchette-newsletter-bench-") as folder:
        work = Path(folder)
        copy = work / "bench.sqlite3"
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as original, sqlite3.connect(copy) as target:
            original.backup(target)
        sink, port = Sink(), free_port()
        os.environ.update(
            {
                "DJANGO_SETTINGS_MODULE": "manchette.settings",
                "DATABASE_URL": f"sqlite:///{copy}",
                "MANCHETTE_VAR_DIR": str(work / "var"),
                "EMAIL_URL": f"smtp://127.0.0.1:{port}",
            }
        )
        for name in ("MANCHETTE_IMMEDIATE_TASKS", "REDIS_URL"):
            os.environ.pop(name, None)
        import django

        django.setup()
        from django.core.management import call_command

        from manchette.newsletters import services
        from manchette.newsletters.models import Delivery, Edition

        call_command("migrate", verbosity=0)
        edition_id = seed(args.readers)
        started = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
        print(f"Newsletter sending, {args.readers:,} readers — {started}")
        print(
            f"  SQLite copy and database queue; {os.cpu_count()} CPU(s); "
            f"load average before: {timing.load_average()}"
        )
        controller = Controller(sink, hostname="127.0.0.1", port=port)
        controller.start()
        try:
            worker = timing.run_worker_until_done(dict(os.environ))
        finally:
            controller.stop()
        cpu, elapsed = worker.cpu_seconds, worker.wall_seconds
        edition = Edition.objects.get(pk=edition_id)
        states = services.counts(edition)
        received = sum(sink.recipients.values())
        duplicates = sum(count - 1 for count in sink.recipients.values() if count > 1)
        deliveries = Delivery.objects.filter(edition_id=edition_id).count()
        size = sink.bytes / max(received, 1) / 1024
        outcome = ", ".join(f"{state} {count:,}" for state, count in states.items() if count)
        print(
            f"  worker (db_worker --batch): {elapsed:.1f} s wall, {cpu:.1f} s CPU, "
            f"peak memory {worker.peak_mb:.0f} MB resident"
        )
        print(
            f"  mails/s: {received / elapsed:,.0f} wall clock, {received / cpu:,.0f} per CPU-second of the "
            f"worker (issue 10's target, on its own set-up: >= {TARGET_PER_SECOND:,}/s)"
        )
        print(
            f"  received by the sink: {received:,} mails ({size:.1f} KB each), "
            f"{len(sink.recipients):,} addresses; duplicates: {duplicates}"
        )
        print(f"  delivery records: {deliveries:,} ({outcome}); edition {edition.status}")
        print(f"  load average after: {timing.load_average()}")
        if received != args.readers or duplicates or edition.status != Edition.Status.SENT:
            raise SystemExit("the edition did not reach every reader exactly once")


if __name__ == "__main__":
    main()
