"""`manage.py run_scheduler`: re-books the background loops whose queued jobs were lost."""

import signal
from typing import Any

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

    def handle(self, *args: Any, once: bool, interval: float, **options: Any) -> None:
        if once:
            self._pass(options["verbosity"])
            return
        # The pause between passes is a relative timeout the kernel counts, ended at once by a
        # stop signal. A wait on an absolute deadline (threading.Event.wait) computes it on the
        # process's clock: on a clock moved forward (libfaketime, as in the simulated week) the
        # deadline never came and the scheduler made one pass, then none.
        stop_signals = {signal.SIGTERM, signal.SIGINT}
        signal.pthread_sigmask(signal.SIG_BLOCK, stop_signals)
        while True:
            self._pass(options["verbosity"])
            if signal.sigtimedwait(stop_signals, interval) is not None:
                return

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
