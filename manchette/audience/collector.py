"""Counting the beacons Varnish answered, from its log (production: `manage.py collect_audience`).

The shipped VCL answers the beacon itself (a 204 made by Varnish, nothing asked of the
application servers), so counting costs the web workers nothing. This process follows
Varnish's shared-memory log with varnishncsa, keeping only the beacon's requests and, of
them, the query string (the page, the referring host, the marks), the Host header, the
client's address (X-Forwarded-For and the peer, for the rate limit), the user agent and
the purpose headers. Each line goes through the web endpoint's rules (beacons.py) and is
forgotten: only the tally's sums remain, folded into the database every
AUDIENCE_COLLECT_SECONDS (folding.py).

What it logs, every fold and when it stops: views folded, dropped as pages that are not
live, robots and prefetches, hits over the rate limit, malformed ones, and the overruns
varnishncsa reports (the collector fell behind Varnish's log and lost what Varnish wrote over
it: how many beacons that was, Varnish's log does not say). Never an address, a user agent or
a query string.
"""

import functools
import json
import logging
import subprocess
import threading
from collections import Counter
from collections.abc import Sequence
from urllib.parse import parse_qsl

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from manchette.accounts import limits as account_limits

from . import beacons, folding, referrers
from .limits import ClientLimiter
from .models import Action
from .tally import Tally

logger = logging.getLogger(__name__)

# varnishncsa -j escapes each value for a JSON string: one JSON object a line.
FORMAT = ('{"q":"%q","host":"%{Host}i","xff":"%{X-Forwarded-For}i","peer":"%h",'
          '"ua":"%{User-Agent}i","purpose":"%{Sec-Purpose}i %{Purpose}i %{X-Purpose}i %{X-Moz}i"}')
QUERY = 'ReqMethod eq "POST" and ReqURL ~ "^/mesure/\\?"'
VARNISHNCSA_GRACE_SECONDS = 5
PARSED_KEPT = 4096
ABSENT = "-"  # what varnishncsa writes for a header the request did not have


def varnishncsa_command(workdir: str | None) -> list[str]:
    command = ["varnishncsa", "-c", "-j", "-q", QUERY, "-F", FORMAT]
    if workdir:
        command[1:1] = ["-n", workdir]
    # varnishncsa writes through stdio: line-buffered, or a quiet hour's beacons would wait.
    return ["stdbuf", "-oL", *command]


def _present(value: str) -> str:
    return "" if value == ABSENT else value


class Collector:
    def __init__(self, limiter: ClientLimiter | None = None) -> None:
        self.tally = Tally()
        self.limiter = limiter or ClientLimiter()
        self.seen: Counter[str] = Counter()  # outcomes since the last report
        self.totals: Counter[str] = Counter()  # outcomes and folds since the start
        self._site_host = referrers.clean_host(settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0]) or ""
        self._lock = threading.Lock()
        self._following = False
        # Many beacons are alike (a page read by many, one browser's many pages): each line is
        # parsed once and then looked up. Memory only, like the rate limit's tally.
        self._beacon = functools.lru_cache(maxsize=PARSED_KEPT)(self._parse)
        self._client = functools.lru_cache(maxsize=PARSED_KEPT)(self._client_address)

    def read(self, line: str) -> None:
        """One line of varnishncsa: counted into the tally, or only into the outcomes."""
        if not self._following:
            self._following = True
            logger.info("audience collector: following Varnish's log")
        try:
            record = json.loads(line)
            found = self._beacon(record["q"], _present(record["host"]))
            client = self._client(_present(record["peer"]), _present(record["xff"]))
            outcome = beacons.decide(found, _present(record["ua"]), record["purpose"], client, self.limiter)
        except (ValueError, KeyError, TypeError, AttributeError):
            found, outcome = None, beacons.Outcome.INVALID
        with self._lock:
            self.seen[outcome.value] += 1
        if outcome is beacons.Outcome.COUNTED and found is not None:
            now = timezone.now()
            self.tally.add_view(found.kind, found.object_id, found.source, found.domain, now)
            if found.paywall and found.kind == folding.ARTICLE:
                self.tally.add_action(found.object_id, Action.PAYWALL, now)

    def _parse(self, query: str, host: str) -> beacons.Beacon | None:
        fields = dict(parse_qsl(query.removeprefix("?"), keep_blank_values=True))
        return beacons.parse(fields, referrers.clean_host(host) or self._site_host)

    @staticmethod
    def _client_address(peer: str, forwarded: str) -> str:
        """The client's address by the rule every rate limit uses (accounts/limits.py)."""
        request = HttpRequest()
        request.META["REMOTE_ADDR"] = peer
        if forwarded:
            request.META["HTTP_X_FORWARDED_FOR"] = forwarded
        return account_limits.client_ip(request)

    def overran(self) -> None:
        with self._lock:
            self.seen["Varnish log overruns (beacons lost, how many unknown)"] += 1

    def fold(self) -> None:
        """Folds the tally and logs what happened since the last fold (nothing when nothing did)."""
        folding.refresh_connection()
        folded = folding.fold(self.tally)
        with self._lock:
            seen, self.seen = self.seen, Counter()
        if folded is not None:
            seen["views folded"] += folded.views
            seen["paywalls folded"] += folded.actions
            seen["views of pages not live, dropped"] += folded.unknown_pages
        self.totals.update(seen)
        report = ", ".join(f"{name} {count}" for name, count in sorted(seen.items()) if count)
        if report:
            logger.info("audience collector: %s", report)
        if folded is None:
            logger.warning("audience collector: fold failed, %d views waiting", self.tally.pending_views())

    def report_totals(self) -> str:
        return ", ".join(f"{name} {count}" for name, count in sorted(self.totals.items()) if count)


def run(collector: Collector, command: Sequence[str], stop: threading.Event) -> int:
    """Reads varnishncsa until `stop` is set or it exits; folds every AUDIENCE_COLLECT_SECONDS
    and once more at the end. Returns varnishncsa's exit status."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,  # noqa: S603
                               bufsize=1)
    output, errors = process.stdout, process.stderr
    if output is None or errors is None:
        raise RuntimeError("varnishncsa's pipes were not opened")
    finished = threading.Event()

    def fold_every_few_seconds() -> None:
        while not finished.wait(settings.AUDIENCE_COLLECT_SECONDS):
            collector.fold()

    def watch_errors() -> None:
        for line in errors:
            if "overrun" in line.lower():
                collector.overran()
            logger.warning("varnishncsa: %s", line.strip())

    def stop_reading() -> None:
        stop.wait()
        process.terminate()
        try:
            process.wait(VARNISHNCSA_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            # Waiting for a Varnish that went away, varnishncsa does not hear SIGTERM.
            process.kill()

    threads = [threading.Thread(target=target, daemon=True)
               for target in (fold_every_few_seconds, watch_errors, stop_reading)]
    for thread in threads:
        thread.start()
    for line in output:
        collector.read(line)
    status = process.wait()
    finished.set()
    collector.fold()
    logger.info("audience collector stopped: %s", collector.report_totals() or "nothing seen")
    return status
