"""`manage.py collect_audience [--varnish-workdir DIR]`: counts the beacons Varnish answers.

Runs beside varnishd on its machine (deploy/systemd/manchette-audience.service), as a user
allowed to read Varnish's log (the `varnish` group). SIGTERM or SIGINT: the views read so
far are folded, the totals logged, then it exits.
"""

import logging
import signal
import sys
import threading
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from manchette.audience import collector


class Command(BaseCommand):
    help = "Counts the audience beacons Varnish answers, from its log."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--varnish-workdir", default=None,
                            help="varnishd's working directory (-n), when not the default one")

    def handle(self, *args: Any, **options: Any) -> None:
        # Its reports are the point of its log, whatever LOG_LEVEL says for the rest.
        logging.getLogger(collector.__name__).setLevel(logging.INFO)
        stop = threading.Event()

        def stop_now(signum: int, frame: FrameType | None) -> None:
            stop.set()

        signal.signal(signal.SIGTERM, stop_now)
        signal.signal(signal.SIGINT, stop_now)
        command = collector.varnishncsa_command(options["varnish_workdir"])
        status = collector.run(collector.Collector(), command, stop)
        if status and not stop.is_set():
            sys.exit(status)
