"""The production stack of the week, every process on the shared clock (simulation/clock.py).

PostgreSQL (a private cluster, so it can be restarted as a fault), Redis (append-only),
the SMTP server that keeps every mail, the Stripe stand-in, two gunicorn servers behind
Varnish, two RQ workers with their scheduler, and the `run_scheduler` reconciler when the
code has it. The pieces come from the stack tests (tests/stack/servers.py) and the Stripe
stand-in from tests/subscriptions/conftest.py; this module only assembles them.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from tests.stack.conftest import _point_site_at
from tests.stack.servers import (
    LOOPBACK,
    PYTHON,
    ROOT,
    Process,
    StackDatabase,
    Varnish,
    free_port,
    run_manage,
    spawn,
    start_app,
    start_redis,
    start_varnish,
    start_worker,
    wait_until,
)
from tests.stack.test_faults import PrivatePostgres, start_private_postgres

from .clock import Clock, machine_clock_env
from .mailbox import Mailbox

# The reconciler of lost loops (issue 20), every this many seconds of the machine's clock.
SCHEDULER_INTERVAL = "5"
# gunicorn's arbiter compares its workers' heartbeat files' times with time.time(): a clock
# moved by hours would look like workers hung for hours. 0 turns that watchdog off.
APP_COMMAND = [
    str(PYTHON),
    "-m",
    "gunicorn",
    "manchette.wsgi",
    "--bind",
    f"{LOOPBACK}:{{port}}",
    "--workers",
    "2",
    "--timeout",
    "0",
    "--access-logfile",
    "-",
    "--log-level",
    "warning",
]


def has_command(name: str) -> bool:
    return any(ROOT.glob(f"manchette/*/management/commands/{name}.py"))


@dataclass
class WeekStack:
    folder: Path
    clock: Clock
    postgres: PrivatePostgres
    database: StackDatabase
    env: dict[str, str]
    redis: Process
    mail: Process
    mailbox: Mailbox
    site_port: int
    apps: list[Process] = field(default_factory=list)
    workers: list[Process] = field(default_factory=list)
    scheduler: Process | None = None
    varnish: Varnish | None = None
    stripe_server: object = None
    worker_count: int = 0

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.site_port}"

    @property
    def redis_url(self) -> str:
        return self.env["REDIS_URL"]

    def manage(self, *args: str) -> str:
        return run_manage(self.env, *args)

    # ------------------------------------------------------------------ processes

    def start_app(self, port: int | None = None, number: int | None = None) -> Process:
        number = len(self.apps) if number is None else number
        app = start_app(self.env, self.folder / f"app-{number}", port=port, command=APP_COMMAND)
        if number < len(self.apps):
            self.apps[number] = app
        else:
            self.apps.append(app)
        return app

    def start_apps(self, count: int) -> None:
        """`count` application servers started side by side: each spends its first seconds
        loading Django, which the other can do at the same time."""
        ports = [free_port() for _ in range(count)]
        apps = [
            spawn(
                "app",
                [part.replace("{port}", str(port)) for part in APP_COMMAND],
                self.folder / f"app-{len(self.apps) + number}",
                self.env,
                port,
            )
            for number, port in enumerate(ports)
        ]
        self.apps.extend(apps)  # stopped with the stack if one never answers
        for app in apps:
            app.wait_listening()
            wait_until(
                lambda app=app: _answers_ok(app.url + "/robots.txt", any_status=True),
                timeout=90,
                interval=0.1,
                what=f"the application server on port {app.port} answering",
            )

    def start_worker(self, number: int | None = None) -> Process:
        if number is None:
            number = len(self.workers)
        worker = start_worker(self.env, self.folder / f"worker-{number}")
        if number < len(self.workers):
            self.workers[number] = worker
        else:
            self.workers.append(worker)
        return worker

    def start_scheduler(self) -> None:
        if has_command("run_scheduler"):
            self.scheduler = spawn(
                "scheduler",
                [str(PYTHON), "manage.py", "run_scheduler", "--interval", SCHEDULER_INTERVAL],
                self.folder / "scheduler",
                self.env,
            )

    def restart_redis(self) -> None:
        port = self.redis.port
        self.redis.stop()
        self.redis = start_redis(self.folder / "redis", port=port, appendonly=True, env=machine_clock_env())

    def flush_redis(self) -> None:
        import redis

        redis.Redis.from_url(self.redis_url).flushall()

    def restart_postgres(self) -> None:
        self.postgres.stop()
        self.postgres.start()

    def long_lived(self) -> dict[str, Process]:
        """The processes whose memory the week watches, by name."""
        named = {f"app-{n}": app for n, app in enumerate(self.apps)}
        named |= {f"worker-{n}": worker for n, worker in enumerate(self.workers)}
        if self.scheduler:
            named["scheduler"] = self.scheduler
        named |= {"redis": self.redis, "mail": self.mail}
        if self.varnish:
            named["varnish"] = self.varnish
        return named

    def stop(self) -> None:
        for process in [*self.workers, self.scheduler, *self.apps, self.varnish, self.mail, self.redis]:
            if process is not None:
                with contextlib.suppress(Exception):
                    process.stop()
        if self.stripe_server is not None:
            self.stripe_server.shutdown()
        with contextlib.suppress(Exception):
            self.postgres.stop()


def rss_kib(process: Process) -> int:
    """Resident memory of a process and all its descendants (gunicorn's workers, Varnish's child)."""
    done = subprocess.run(
        ["/usr/bin/ps", "-e", "-o", "pid=,ppid=,rss="], capture_output=True, text=True, check=True
    )
    rows = [tuple(int(value) for value in line.split()) for line in done.stdout.splitlines() if line.strip()]
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for pid, ppid, size in rows:
        children.setdefault(ppid, []).append(pid)
        rss[pid] = size
    total, stack = 0, [process.popen.pid]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def start(folder: Path, clock: Clock) -> WeekStack:
    """Builds the demo newsroom's database at the clock's time and starts every process;
    stops what it started if a part fails to start."""
    os.environ.update(clock.environment())  # every process started from here inherits it
    clock.share_with_other_users()
    postgres = start_private_postgres()  # on the clock: the environment has libfaketime
    started: list[Process] = []
    try:
        return _start(folder, clock, postgres, started)
    except BaseException:
        for process in reversed(started):
            with contextlib.suppress(Exception):
                process.stop()
        with contextlib.suppress(Exception):
            postgres.stop()
        shutil.rmtree(postgres.folder, ignore_errors=True)
        raise


def _start(folder: Path, clock: Clock, postgres: PrivatePostgres, started: list[Process]) -> WeekStack:
    os.environ["DATABASE_URL"] = postgres.url  # StackDatabase makes its database on this server
    database = StackDatabase.create(folder / "data")
    site_port = free_port()
    site_url = f"http://{LOOPBACK}:{site_port}"
    _point_site_at(database, site_url)
    redis = start_redis(folder / "redis", appendonly=True, env=machine_clock_env())
    started.append(redis)
    mail_port = free_port()
    mailbox = Mailbox(folder / "mail.sqlite3")
    mail = spawn(
        "mail",
        [str(PYTHON), "-m", "simulation.mailbox", str(mail_port), str(mailbox.database)],
        folder / "mail",
    )
    mail.port = mail_port
    started.append(mail)
    mail.wait_listening()
    env = database.env(
        SITE_URL=site_url,
        VARNISH_URL=site_url,
        TRUSTED_PROXY_COUNT="1",
        REDIS_URL=f"redis://{LOOPBACK}:{redis.port}/0",
        EMAIL_URL=f"smtp://{LOOPBACK}:{mail_port}",
        AUDIO_ROOT=str(folder / "data" / "audio"),
    )
    stack = WeekStack(
        folder=folder,
        clock=clock,
        postgres=postgres,
        database=database,
        env=env,
        redis=redis,
        mail=mail,
        mailbox=mailbox,
        site_port=site_port,
    )
    try:
        _start_servers(stack)
    except BaseException:
        stack.stop()
        raise
    return stack


def _start_servers(stack: WeekStack) -> None:
    _set_up_driver(stack)
    # The stand-in's keys: the driver signs its webhooks with the same secret.
    from tests.subscriptions.conftest import STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET, serve_stripe_api

    stripe_api, stack.stripe_server = serve_stripe_api()
    stack.env.update(
        STRIPE_API_BASE=stripe_api.url,
        STRIPE_SECRET_KEY=STRIPE_SECRET_KEY,
        STRIPE_WEBHOOK_SECRET=STRIPE_WEBHOOK_SECRET,
    )
    # The demo wire feed with RQ's backend: its first poll is booked in Redis.
    stack.manage("load_wire_demo")
    stack.start_apps(2)
    for _ in range(2):
        stack.start_worker()
    stack.start_scheduler()
    stack.varnish = start_varnish(
        stack.folder / "varnish",
        [app.address for app in stack.apps],
        port=stack.site_port,
        env=machine_clock_env(),
    )
    wait_until(
        lambda: _answers_ok(stack.url + "/"), timeout=60, interval=0.5, what="the site through Varnish"
    )


def _answers_ok(url: str, any_status: bool = False) -> bool:
    from tests.stack.servers import request

    try:
        status = request(url, timeout=5).status
    except OSError:
        return False
    return any_status or status == 200


def _set_up_driver(stack: WeekStack) -> None:
    """The driver runs the newsroom's side through Django's services, on the stack's database."""
    for key in [key for key in os.environ if key.startswith(("MANCHETTE_IMMEDIATE",))]:
        del os.environ[key]
    os.environ.update(stack.env)
    import django

    django.setup()


def kill_hard(process: Process) -> None:
    """SIGKILL to the whole process group, as a crash."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.popen.pid, signal.SIGKILL)
    process.popen.wait(10)
