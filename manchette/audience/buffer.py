"""The web process's tally (the embedded default's way of counting), folded every
AUDIENCE_BUFFER_SECONDS by a thread of the process, and once more when the process exits.

A worker that is killed (SIGKILL, a crash) loses what it had not folded: at most the last
AUDIENCE_BUFFER_SECONDS of its views. A fold that fails keeps its counts for the next one;
what a fold drops (views of pages that are not live) is logged, never a reader.
With AUDIENCE_BUFFER_SECONDS = 0 (the test run's immediate mode), each view is folded by its
own request.
"""

import atexit
import logging
import multiprocessing.util
import os
import threading
import time

from django.conf import settings
from django.db import connection

from . import folding
from .tally import Tally

logger = logging.getLogger(__name__)


class ProcessBuffer:
    def __init__(self) -> None:
        self.tally = Tally()
        self._folder_pid = 0
        self._lock = threading.Lock()

    def added(self) -> None:
        """Called after each hit added to the tally: folds now, or makes sure the thread runs."""
        if settings.AUDIENCE_BUFFER_SECONDS <= 0:
            folding.fold(self.tally)
        elif self._folder_pid != os.getpid():
            self._start_folder()

    def _start_folder(self) -> None:
        with self._lock:
            if self._folder_pid == os.getpid():
                return
            # A forked worker inherits the parent's tally, never folded by it: it starts from nothing.
            self.tally = Tally() if self._folder_pid else self.tally
            self._folder_pid = os.getpid()
            threading.Thread(target=self._fold_forever, name="audience-folder", daemon=True).start()
            # A normal exit folds what is left: atexit for gunicorn's workers, multiprocessing's
            # finalizers for granian's (its worker processes end with os._exit, skipping atexit).
            atexit.register(self.fold_now)
            multiprocessing.util.Finalize(None, self.fold_now, exitpriority=10)

    def _fold_forever(self) -> None:
        while True:
            time.sleep(settings.AUDIENCE_BUFFER_SECONDS)
            self.fold_now()

    def fold_now(self) -> None:
        folding.refresh_connection()
        folded = folding.fold(self.tally)
        if folded is None:
            connection.close()  # a broken connection is opened again by the next fold
        elif folded.unknown_pages:
            logger.info("audience: %d views of pages that are not live dropped", folded.unknown_pages)


BUFFER = ProcessBuffer()
