"""`manage.py run_scheduler`: re-books the background loops whose queued jobs were lost."""

import signal
import threading

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from manchette.scheduler.reconcilers import reconcile_all


class Command(BaseCommand):
    help = (
        "Reconciles the loops that live in the task queue (newsletter slots, feed polls, scheduled "
        "publishing, editions being sent) with the database, at start and then every --interval "
        "seconds: a loop whose job was lost is run and booked again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="One pass, then exit.")
        parser.add_argument(
            "--interval", type=float, default=60.0, help="Seconds between two passes (default 60)."
        )

    def handle(self, *args, once: bool, interval: float, **options) -> None:
        stopping = threading.Event()
        if not once:
            for signum in (signal.SIGTERM, signal.SIGINT):
                signal.signal(signum, lambda *_: stopping.set())
        while not stopping.is_set():
            self._pass(options["verbosity"])
            if once:
                return
            stopping.wait(interval)

    def _pass(self, verbosity: int) -> None:
        outcomes = reconcile_all()
        done = {
            path: {label: count for label, count in (counts or {}).items() if count}
            for path, counts in outcomes.items()
        }
        for path, counts in done.items():
            failed = outcomes[path] is None
            if verbosity >= 2 or failed or any(label not in {"alive", "idle"} for label in counts):
                what = "failed" if failed else ", ".join(f"{label}: {n}" for label, n in counts.items())
                self.stdout.write(f"{timezone.now().isoformat()} {path}: {what or 'nothing to do'}")
