"""Faults during a load run, on real servers: PostgreSQL restarted, Redis restarted, an
application server killed. bench/faults.py runs the same scenarios and prints their figures.

- PostgreSQL (a private cluster on a free port, so that the shared server is left alone):
  anonymous readers keep getting pages from Varnish; a logged-in reader gets the French
  "Service momentanément indisponible" page (503, no traceback) and then the site again,
  without restarting anything; every acknowledged write (a sign-up) is in the database.
- Redis (append-only file): the worker reconnects by itself and the deferred tasks queued
  before the restart still run: the scheduled articles go live.
- The only application server killed: Varnish serves its pages, past their lifetime, until
  the server is back.

The servers run on the real clock; the load and the waits are bounded by deadlines.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import pytest

from .conftest import Stack
from .servers import (
    LOOPBACK,
    Response,
    StackDatabase,
    free_port,
    request,
    start_app,
    start_redis,
    start_varnish,
    wait_until,
)
from .test_several_servers import PASSWORD, SCHEDULE, SUBSCRIBER, Reader

UNAVAILABLE = "Service momentanément indisponible"


# --------------------------------------------------------------------------- a private PostgreSQL


def _as_postgres(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: as root, run its tools as the postgres user."""
    if os.geteuid() != 0:
        return command
    return ["su", "postgres", "-c", " ".join(command)]


@dataclass
class PrivatePostgres:
    """A PostgreSQL cluster of its own, in a temporary folder, on a free port."""

    folder: Path
    port: int

    @property
    def url(self) -> str:
        return f"postgres://postgres@{LOOPBACK}:{self.port}/postgres"

    def _ctl(self, *args: str) -> None:
        pg_ctl = str(_postgres_bin() / "pg_ctl")
        command = [pg_ctl, "-D", str(self.folder / "data"), "-l", str(self.folder / "postgres.log"), *args]
        subprocess.run(_as_postgres(command), check=True, capture_output=True, timeout=120)  # noqa: S603

    def start(self) -> None:
        options = f"'-p {self.port} -k {self.folder} -c listen_addresses={LOOPBACK} -c fsync=on'"
        self._ctl("-w", "-o", options, "start")

    def stop(self) -> None:
        self._ctl("-w", "-m", "fast", "stop")

    def query(self, database: str, sql: str) -> list[tuple]:
        import psycopg

        with psycopg.connect(f"postgres://postgres@{LOOPBACK}:{self.port}/{database}") as connection:
            return connection.execute(sql).fetchall()


def _postgres_bin() -> Path:
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not versions:
        raise RuntimeError("PostgreSQL is not installed: scripts/start-postgres installs it")
    return versions[-1].parent


def start_private_postgres() -> PrivatePostgres:
    # Not under pytest's folder: the postgres user must be able to reach it.
    folder = Path(tempfile.mkdtemp(prefix="manchette-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    initdb = [str(_postgres_bin() / "initdb"), "-D", str(folder / "data"), "-U", "postgres",
              "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]
    subprocess.run(_as_postgres(initdb), check=True, capture_output=True, timeout=120)  # noqa: S603
    server = PrivatePostgres(folder=folder, port=free_port())
    server.start()
    return server


# --------------------------------------------------------------------------- load and figures


@dataclass
class Figures:
    """What a load run saw, per kind of request."""

    sent: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)  # 5xx answers
    statuses: dict[str, Counter] = field(default_factory=dict)
    unavailable_pages: list[str] = field(default_factory=list)  # bodies of the 503 answers
    acknowledged: list[str] = field(default_factory=list)  # writes the server said it made
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, response: Response | None) -> None:
        status = response.status if response is not None else 0  # 0: no answer at all
        with self.lock:
            self.sent[kind] += 1
            self.statuses.setdefault(kind, Counter())[status] += 1
            if status >= 500 or status == 0:
                self.errors[kind] += 1
            if status == 503 and response is not None:
                self.unavailable_pages.append(response.text)

    def lines(self) -> list[str]:
        return [
            f"  {kind:<16} sent {self.sent[kind]:>5}  5xx {self.errors[kind]:>4}  "
            f"statuses {dict(sorted(self.statuses.get(kind, Counter()).items()))}"
            for kind in sorted(self.sent)
        ]


def safe_request(url: str, **kwargs) -> Response | None:
    try:
        return request(url, timeout=10, **kwargs)
    except OSError:
        return None


@dataclass
class Load:
    """Threads sending requests until stopped; `figures` counts what they got."""

    figures: Figures = field(default_factory=Figures)
    _stop: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)

    def add(self, kind: str, step: Callable[[], Response | None], pause: float = 0.02) -> None:
        def run() -> None:
            while not self._stop.is_set():
                self.figures.record(kind, step())
                time.sleep(pause)

        thread = threading.Thread(target=run, daemon=True, name=kind)
        self._threads.append(thread)
        thread.start()

    def stop(self) -> Figures:
        self._stop.set()
        for thread in self._threads:
            thread.join(30)
        return self.figures


def sign_up(app_url: str, email: str, client_address: str) -> Response | None:
    """One reader signing up on the application server; 302 means the account was created."""
    headers = {"X-Forwarded-For": client_address}
    form = safe_request(app_url + "/compte/signup/", headers=headers)
    if form is None or form.status != 200:
        return form
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
    if token is None:
        return form
    body = urlencode({"csrfmiddlewaretoken": token.group(1), "email": email,
                      "password1": "Cormoran-Violet-2031", "password2": "Cormoran-Violet-2031"})
    return safe_request(app_url + "/compte/signup/", method="POST", body=body, cookies=form.cookies(),
                        headers={**headers, "Content-Type": "application/x-www-form-urlencoded"})


def lead_paths() -> list[str]:
    """The home page and the demo's first three articles."""
    from manchette.demo.content import ARTICLES

    return ["/", *(f"/{article['section']}/{article['slug']}/" for article in ARTICLES[:3])]


# --------------------------------------------------------------------------- scenarios


@dataclass
class Outcome:
    figures: Figures
    notes: dict[str, object] = field(default_factory=dict)


@dataclass
class PostgresStack:
    postgres: PrivatePostgres
    database: StackDatabase
    stack: Stack

    def stop(self) -> None:
        self.stack.stop()
        try:
            self.postgres.stop()
        finally:
            shutil.rmtree(self.postgres.folder, ignore_errors=True)


def start_postgres_stack(folder: Path, env: dict[str, str] | None = None) -> PostgresStack:
    """The demo on a private PostgreSQL, behind Varnish, with Redis and a worker; `env` adds settings."""
    postgres = start_private_postgres()
    saved = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = postgres.url  # StackDatabase creates its database on this server
    try:
        database = StackDatabase.create(folder / "data")
    finally:
        if saved is None:
            del os.environ["DATABASE_URL"]
        else:
            os.environ["DATABASE_URL"] = saved
    site_port = free_port()
    stack = Stack(folder=folder, database=database, site_port=site_port,
                  env=database.env(SITE_URL=f"http://{LOOPBACK}:{site_port}", TRUSTED_PROXY_COUNT="1"))
    stack.redis = start_redis(folder / "redis", appendonly=True)
    stack.env["REDIS_URL"] = f"redis://{LOOPBACK}:{stack.redis.port}/0"
    stack.env["VARNISH_URL"] = stack.url
    stack.env.update(env or {})
    stack.start_app()
    stack.start_worker()
    stack.varnish = start_varnish(folder / "varnish", [stack.apps[0].address], port=site_port)
    return PostgresStack(postgres=postgres, database=database, stack=stack)


def postgres_restart(running: PostgresStack, down_seconds: float = 6.0) -> Outcome:
    stack = running.stack
    app = stack.apps[0]
    paths = lead_paths()
    for path in paths:  # in Varnish's cache before the fault
        assert request(stack.url + path).status == 200, path
    reader = Reader()
    assert reader.log_in(stack.url, SUBSCRIBER, PASSWORD).status == 302
    counter = iter(range(1_000_000))

    def anonymous() -> Response | None:
        return safe_request(stack.url + paths[next(counter) % len(paths)])

    def logged_in() -> Response | None:
        return safe_request(stack.url + "/mon-compte/", cookies=reader.cookies)

    def write() -> Response | None:
        number = next(counter)
        email = f"lecteur-{number}@exemple.test"
        response = sign_up(app.url, email, f"10.1.{number // 250 % 250}.{number % 250 + 1}")
        if response is not None and response.status == 302:
            acknowledged.append(email)
        return response

    acknowledged: list[str] = []
    load = Load()
    load.add("anonymous", anonymous)
    load.add("logged-in", logged_in, pause=0.1)
    load.add("sign-up (write)", write, pause=0.1)
    time.sleep(3)
    stopped_at = time.monotonic()
    running.postgres.stop()
    time.sleep(down_seconds)
    running.postgres.start()
    restarted_at = time.monotonic()
    wait_until(lambda: SUBSCRIBER in (logged_in() or Response(0, None, b"")).text, timeout=60, interval=0.5,
               what="the account page after PostgreSQL came back")
    recovered_after = time.monotonic() - restarted_at
    time.sleep(2)
    figures = load.stop()
    figures.acknowledged = list(acknowledged)
    found = {row[0] for row in running.postgres.query(
        running.database.postgres_name or "", "SELECT email FROM auth_user WHERE email LIKE 'lecteur-%'")}
    return Outcome(figures, {
        "down for (s)": round(restarted_at - stopped_at, 1),
        "recovered after restart (s)": round(recovered_after, 1),
        "writes acknowledged": len(figures.acknowledged),
        "acknowledged writes found": len(found & set(figures.acknowledged)),
        "app server pid unchanged": app.running(),
    })


def redis_restart(stack: Stack, articles: int = 3) -> Outcome:
    figures = Figures()
    worker = stack.workers[0]
    scheduled = stack.manage("shell", "--no-imports", "-c", SCHEDULE.format(delay=8, count=articles))
    urls = json.loads(scheduled.strip().splitlines()[-1])["urls"]
    redis = stack.redis
    assert redis is not None
    redis.stop()  # SIGTERM: Redis finishes writing its append-only file
    time.sleep(2)
    stack.redis = start_redis(redis.log.parent, port=redis.port, appendonly=True)
    started = time.monotonic()
    app = stack.apps[0].url
    for url in urls:
        wait_until(lambda url=url: _status(app + url) == 200, timeout=60, interval=0.5,
                   what=f"{url} published after the Redis restart")
    for url in urls:
        figures.record("scheduled article", safe_request(app + url))
    return Outcome(figures, {
        "deferred tasks queued before the restart": len(urls),
        "articles published after it": figures.statuses["scheduled article"][200],
        "published within (s)": round(time.monotonic() - started, 1),
        "worker pid unchanged": worker.running(),
    })


def app_server_killed(stack: Stack, down_seconds: float = 8.0) -> Outcome:
    app = stack.apps[0]
    paths = lead_paths()
    for path in paths:
        request(stack.url + path)
    counter = iter(range(1_000_000))
    load = Load()
    load.add("anonymous", lambda: safe_request(stack.url + paths[next(counter) % len(paths)]))
    time.sleep(1)
    app.kill()
    time.sleep(down_seconds)  # longer than the pages' lifetime (PUBLIC_PAGE_MAX_AGE)
    back = start_app(stack.env, app.log.parent, port=app.port)
    stack.apps[0] = back
    wait_until(lambda: stack.varnish is not None and _fresh(stack.url + paths[0]), timeout=60, interval=0.5,
               what="a fresh page from the application server once it is back")
    figures = load.stop()
    return Outcome(figures, {"server down for (s)": down_seconds})


def _status(url: str) -> int:
    response = safe_request(url)
    return response.status if response is not None else 0


def _fresh(url: str) -> bool:
    response = safe_request(url)
    return response is not None and response.status == 200 and int(response.header("Age") or "0") <= 2


# --------------------------------------------------------------------------- tests


@pytest.fixture
def postgres_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PostgresStack]:
    running = start_postgres_stack(tmp_path_factory.mktemp("pg-stack"))
    yield running
    running.stop()


def test_postgresql_restarted_during_load(postgres_stack: PostgresStack) -> None:
    outcome = postgres_restart(postgres_stack)
    figures = outcome.figures

    assert figures.sent["anonymous"] > 50
    assert figures.errors["anonymous"] == 0, figures.lines()
    assert figures.statuses["logged-in"][503] > 0, figures.lines()  # the outage was seen
    assert set(figures.statuses["logged-in"]) <= {200, 503}, figures.lines()
    for page in figures.unavailable_pages:
        assert UNAVAILABLE in page
        assert "Traceback" not in page and "OperationalError" not in page
    assert outcome.notes["app server pid unchanged"] is True
    assert figures.acknowledged, "no write was acknowledged at all"
    assert outcome.notes["acknowledged writes found"] == len(figures.acknowledged)


def test_redis_restarted_with_deferred_tasks_queued(make_stack) -> None:
    stack = make_stack(apps=1, workers=1, redis=True, appendonly=True, varnish=False)

    outcome = redis_restart(stack)

    notes = outcome.notes
    assert notes["articles published after it"] == notes["deferred tasks queued before the restart"]
    assert notes["worker pid unchanged"] is True


def test_varnish_serves_stale_pages_while_the_application_server_is_down(make_stack) -> None:
    stack = make_stack(apps=1, env={"PUBLIC_PAGE_MAX_AGE": "2"})

    outcome = app_server_killed(stack)

    assert outcome.figures.sent["anonymous"] > 50
    assert outcome.figures.errors["anonymous"] == 0, outcome.figures.lines()
