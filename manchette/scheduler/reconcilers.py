"""The reconcilers the scheduler runs: one per app that keeps a loop in the task queue.

Each is named in `SCHEDULER_RECONCILERS` (dotted paths, run in that order) and returns what
it did as counts by label. None may assume it runs alone: several schedulers may run at once.
"""

import logging
from collections.abc import Callable, Mapping

from django.conf import settings
from django.db import close_old_connections
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

Reconciler = Callable[[], Mapping[str, int]]


def registered() -> list[tuple[str, Reconciler]]:
    return [(path, import_string(path)) for path in settings.SCHEDULER_RECONCILERS]


def reconcile_all() -> dict[str, Mapping[str, int] | None]:
    """Runs every reconciler; one that fails is logged (None in the answer) and the others run."""
    outcomes: dict[str, Mapping[str, int] | None] = {}
    for path, reconciler in registered():
        # A connection PostgreSQL dropped since the last pass is replaced, as between two requests.
        close_old_connections()
        try:
            outcomes[path] = reconciler()
        except Exception:
            logger.exception("Reconciler %s failed; it runs again at the next pass", path)
            outcomes[path] = None
    close_old_connections()
    return outcomes
