"""The beacon's rate limit: `AUDIENCE_RATE_LIMIT` views per client address and period.

Kept in the counting process's memory (each web worker, or the collector), never written
anywhere: the key is a keyed hash of the address (HMAC with the site's secret), and every
key is forgotten when its period ends. With several processes counting (the embedded
default's web workers), each keeps its own tally, so a client may count up to that many
times the limit; the collector in production is one process, so the limit is exact there.
"""

import hashlib
import hmac
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest

from manchette.accounts import limits as account_limits

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """allauth's syntax, "120/m/key" or "120/5m": (views, seconds)."""
    parts = rate.split("/")
    count, period = int(parts[0]), parts[1] if len(parts) > 1 else "m"
    multiple = int(period[:-1]) if period[:-1] else 1
    return count, multiple * PERIODS[period[-1]]


class ClientLimiter:
    """Fixed windows: a client's count starts again at each period's start."""

    def __init__(self, rate: str | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self._clock = clock
        self._window = -1
        self._counts: dict[bytes, int] = {}
        self._lock = threading.Lock()

    def allowed(self, address: str) -> bool:
        limit, period = parse_rate(self.rate or settings.AUDIENCE_RATE_LIMIT)
        key = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).digest()[:16]
        window = int(self._clock() // period)
        with self._lock:
            if window != self._window:
                self._window, self._counts = window, {}
            count = self._counts.get(key, 0)
            if count >= limit:
                return False
            self._counts[key] = count + 1
            return True

    def forget(self) -> None:
        with self._lock:
            self._counts = {}


# The web process's limiter: the beacon's endpoint and the funnel's steps share it.
PROCESS_LIMITER = ClientLimiter()


def allowed(request: HttpRequest) -> bool:
    return PROCESS_LIMITER.allowed(account_limits.client_ip(request))
