"""Real servers for the production-stack tests, on free loopback ports.

Each helper starts a real process (never a stand-in) and returns a handle that stops it;
the fixtures in tests/stack/conftest.py wrap them. Every process gets its own temporary
folder, and every port comes from `free_port()`, so parallel runs never collide.

    port = free_port()
    database = StackDatabase.create(tmp_dir)           # migrated, site set up, demo loaded
    env = database.env(SITE_URL=f"http://127.0.0.1:{varnish_port}")
    app = start_app(env, tmp_dir / "app")              # gunicorn manchette.wsgi
    worker = start_worker(env, tmp_dir / "worker")     # db_worker, or rqworker with REDIS_URL
    scheduler = start_scheduler(env, tmp_dir / "scheduler")  # run_scheduler: lost loops re-run
    redis = start_redis(tmp_dir / "redis", appendonly=True)
    varnish = start_varnish(tmp_dir / "varnish", [app.address], port=varnish_port)
    response = request(varnish.url + "/")              # http.client, no redirects followed
    run_manage(env, "shell", "-c", "...")              # a management command on that database

- `StackDatabase.create()` builds a database the subprocesses share: on SQLite a file in the
  given folder; when the test run's DATABASE_URL points at PostgreSQL, a uniquely named
  database on that server, dropped by `drop()`. Building one (migrate, set_up_site,
  load_demo) takes tens of seconds, so `copy()` clones a built one: the SQLite file and
  its media, or `CREATE DATABASE … TEMPLATE` on PostgreSQL.
- `database.env(**extra)` is the environment for the subprocesses: that database, its media
  folder, a shared SECRET_KEY (so any app server reads any other's sessions) and nothing
  inherited from the test run's own configuration (MANCHETTE_IMMEDIATE_TASKS, DATABASE_URL…).
- `start_varnish()` loads the shipped deploy/varnish/manchette.vcl with a generated
  `manchette-backends.vcl` listing the given application servers in its round-robin
  director (the file an operator writes for their machines).
"""

from __future__ import annotations

import contextlib
import http.client
import os
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import time_machine

ROOT = Path(__file__).resolve().parents[2]
PYTHON = ROOT / ".venv" / "bin" / "python"
if not PYTHON.exists():  # another virtual environment: the one running the tests
    PYTHON = Path(sys.executable)
VCL = ROOT / "deploy" / "varnish" / "manchette.vcl"
LOOPBACK = "127.0.0.1"

# Variables of the test run that must not leak into the servers: each server is configured
# only by what its test passes.
_RUN_ONLY = ("DATABASE_URL", "REDIS_URL", "MANCHETTE_", "DJANGO_", "SITE_URL", "VARNISH_URL", "MEDIA_ROOT")


def free_port() -> int:
    """A TCP port nobody listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def wait_until(condition, timeout: float = 30.0, interval: float = 0.05, what: str = "condition") -> None:
    """Polls `condition()` until it is true; fails after `timeout` seconds (real time)."""
    deadline = time.monotonic() + timeout
    while True:
        if condition():
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: still not true after {timeout:.0f} s")
        time.sleep(interval)


def port_open(port: int, host: str = LOOPBACK) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.2):
            return True
    except OSError:
        return False


# --------------------------------------------------------------------------- processes


@dataclass
class Process:
    """A server process started in its own process group, with its output in a log file."""

    name: str
    popen: subprocess.Popen
    log: Path
    port: int | None = None

    @property
    def address(self) -> tuple[str, int]:
        assert self.port is not None, f"{self.name} listens on no port"
        return (LOOPBACK, self.port)

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    def running(self) -> bool:
        return self.popen.poll() is None

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def signal(self, signum: int) -> None:
        """Sends `signum` to the whole group (gunicorn's and Varnish's children too)."""
        if self.running():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.popen.pid, signum)

    def stop(self, timeout: float = 10.0) -> None:
        """SIGTERM, then SIGKILL if it does not exit in `timeout` seconds."""
        self.signal(signal.SIGTERM)
        try:
            self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        """Kills it at once, as a crash would."""
        self.signal(signal.SIGKILL)
        self.popen.wait(10)

    def wait_listening(self, timeout: float = 60.0) -> None:
        def ready() -> bool:
            if not self.running():
                raise RuntimeError(f"{self.name} exited ({self.popen.returncode}):\n{self.output()[-3000:]}")
            return port_open(self.port)

        wait_until(ready, timeout, what=f"{self.name} listening on port {self.port}")


def on_suite_clock(command: Sequence[str]) -> list[str]:
    """`command`, started on the clock of the tests when they run on one (tests/conftest.py)
    and it is one of our Python programs; as it is otherwise (benchmarks, Varnish, Redis)."""
    if command[0] != str(PYTHON) or not time_machine.escape_hatch.is_travelling():
        return list(command)
    offset = time.time() - time_machine.escape_hatch.time.time()
    return [str(PYTHON), "-m", "tests.stack.suite_clock", repr(offset), *command[1:]]


def spawn(name: str, command: Sequence[str], folder: Path, env: Mapping[str, str] | None = None,
          port: int | None = None) -> Process:
    """Starts `command` in `folder` (created), its output appended to `folder/<name>.log`."""
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / f"{name}.log"
    with log.open("ab") as output:
        popen = subprocess.Popen(  # noqa: S603 - our own commands, no shell
            on_suite_clock(command), cwd=ROOT, env=dict(env) if env is not None else None,
            stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
        )
    return Process(name=name, popen=popen, log=log, port=port)


def run_manage(env: Mapping[str, str], *args: str, timeout: float = 300) -> str:
    """Runs `manage.py <args>` with `env` and returns its output; fails loudly with it."""
    done = subprocess.run(  # noqa: S603
        on_suite_clock([str(PYTHON), "manage.py", *args]), cwd=ROOT, env=dict(env), capture_output=True,
        text=True, timeout=timeout, check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


# --------------------------------------------------------------------------- the database


def base_env() -> dict[str, str]:
    """The test run's environment without its Manchette configuration."""
    return {key: value for key, value in os.environ.items() if not key.startswith(_RUN_ONLY)}


def _postgres_server_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def _with_database_name(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


def _postgres_admin(server_url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(_with_database_name(server_url, "postgres"), autocommit=True) as connection:
        connection.execute(statement)


@dataclass
class StackDatabase:
    """A database (and media folder) that the stack's subprocesses share."""

    url: str
    folder: Path
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(50))
    postgres_name: str | None = None

    @property
    def media(self) -> Path:
        return self.folder / "media"

    @classmethod
    def empty(cls, folder: Path) -> StackDatabase:
        folder.mkdir(parents=True, exist_ok=True)
        server = _postgres_server_url()
        if server is None:
            return cls(url=f"sqlite:///{folder / 'manchette.sqlite3'}", folder=folder)
        name = f"stack_{uuid.uuid4().hex[:12]}"
        _postgres_admin(server, f'CREATE DATABASE "{name}"')
        return cls(url=_with_database_name(server, name), folder=folder, postgres_name=name)

    @classmethod
    def create(cls, folder: Path, demo: bool = True) -> StackDatabase:
        """Migrated, with the site and its home page, and the demo newsroom unless `demo` is False."""
        database = cls.empty(folder)
        # The tasks that loading queues (renditions, search index) run there and then: the
        # stacks start with an empty queue, as a site whose worker has caught up.
        env = database.env(MANCHETTE_IMMEDIATE_TASKS="1")
        commands = ["migrate --noinput", "set_up_site", *(["load_demo"] if demo else [])]
        # One process for the three commands: Django starts once.
        script = "from django.core.management import call_command\n" + "".join(
            f"call_command(*{command.split()!r})\n" for command in commands
        )
        run_manage(env, "shell", "--no-imports", "-c", script)
        return database

    def copy(self, folder: Path) -> StackDatabase:
        """A clone of this database and its media in `folder`, quicker than building one."""
        folder.mkdir(parents=True, exist_ok=True)
        if self.media.exists():
            shutil.copytree(self.media, folder / "media", dirs_exist_ok=True)
        if self.postgres_name is None:
            target = folder / "manchette.sqlite3"
            with sqlite3.connect(urlsplit(self.url).path) as source, sqlite3.connect(target) as copy:
                source.backup(copy)
            return StackDatabase(url=f"sqlite:///{target}", folder=folder, secret_key=self.secret_key)
        server = _postgres_server_url()
        assert server is not None
        name = f"stack_{uuid.uuid4().hex[:12]}"
        _postgres_admin(server, f'CREATE DATABASE "{name}" TEMPLATE "{self.postgres_name}"')
        return StackDatabase(url=_with_database_name(server, name), folder=folder,
                             secret_key=self.secret_key, postgres_name=name)

    def drop(self) -> None:
        """Drops the PostgreSQL database (its files go with the folder)."""
        server = _postgres_server_url()
        if self.postgres_name and server:
            _postgres_admin(server, f'DROP DATABASE IF EXISTS "{self.postgres_name}" WITH (FORCE)')

    def env(self, **extra: str) -> dict[str, str]:
        """The environment of a server on this database; `extra` adds or overrides variables."""
        env = base_env()
        env.update(
            DATABASE_URL=self.url,
            MANCHETTE_VAR_DIR=str(self.folder),
            MEDIA_ROOT=str(self.media),
            SECRET_KEY=self.secret_key,
            DJANGO_SETTINGS_MODULE="manchette.settings",
            PYTHONUNBUFFERED="1",
        )
        env.update(extra)
        return env


# --------------------------------------------------------------------------- the servers


def start_app(env: Mapping[str, str], folder: Path, port: int | None = None, workers: int = 2,
              command: Sequence[str] | None = None) -> Process:
    """The application server, `gunicorn manchette.wsgi` by default, listening on `port`.

    `command` replaces gunicorn (e.g. granian); `{port}` in it is replaced by the port.
    """
    port = port or free_port()
    if command is None:
        command = [str(PYTHON), "-m", "gunicorn", "manchette.wsgi", "--bind", f"{LOOPBACK}:{{port}}",
                   "--workers", str(workers), "--access-logfile", "-", "--log-level", "warning"]
    process = spawn("app", [part.replace("{port}", str(port)) for part in command], folder, env, port)
    process.wait_listening()
    # The port opens before the workers have loaded Django: wait until one answers.
    wait_until(lambda: _answers(process.url + "/robots.txt"), timeout=60, interval=0.1,
               what=f"the application server on port {port} answering")
    return process


def _answers(url: str) -> bool:
    try:
        request(url, timeout=5)
    except OSError:
        return False
    return True


def start_worker(env: Mapping[str, str], folder: Path, command: Sequence[str] | None = None) -> Process:
    """The background task worker the settings choose: rqworker with REDIS_URL, else db_worker."""
    if command is None:
        if env.get("REDIS_URL"):
            # --with-scheduler: without it, deferred tasks (scheduled publishing) never run.
            command = ["manage.py", "rqworker", "--with-scheduler", "--job-class", "django_tasks_rq.Job",
                       "default"]
        else:
            command = ["manage.py", "db_worker", "--queue-name", "default", "--interval", "0.2",
                       "--no-reload", "--no-startup-delay"]
    return spawn("worker", [str(PYTHON), *command], folder, env)


def start_scheduler(env: Mapping[str, str], folder: Path, interval: float = 1.0) -> Process:
    """`manage.py run_scheduler`: re-runs the loops whose queued jobs were lost, every `interval`
    seconds (production's minute would outlast a test)."""
    command = ["manage.py", "run_scheduler", "--interval", str(interval)]
    return spawn("scheduler", [str(PYTHON), *command], folder, env)


def start_redis(folder: Path, port: int | None = None, appendonly: bool = False,
                env: Mapping[str, str] | None = None) -> Process:
    """redis-server on loopback, its data in `folder`; no snapshots, an append-only file on demand."""
    port = port or free_port()
    command = ["redis-server", "--bind", LOOPBACK, "--port", str(port), "--dir", str(folder),
               "--save", "", "--appendonly", "yes" if appendonly else "no", "--daemonize", "no"]
    process = spawn("redis", command, folder, env, port=port)
    process.wait_listening()
    return process


def backends_vcl(backends: Sequence[tuple[str, int]]) -> str:
    """The backends file for `manchette.vcl`: each server, health-checked, in the `app` director."""
    lines = []
    for number, (host, port) in enumerate(backends):
        lines.append(f'backend app{number} {{ .host = "{host}"; .port = "{port}"; .probe = manchette_health;'
                     f' .connect_timeout = 1s; .first_byte_timeout = 30s; }}')
    lines.append("sub vcl_init {\n    new app = directors.round_robin();")
    lines.extend(f"    app.add_backend(app{number});" for number in range(len(backends)))
    lines.append("}")
    return "\n".join(lines) + "\n"


@dataclass
class Varnish(Process):
    workdir: Path = Path()

    def stat(self, counter: str) -> int:
        """A varnishstat counter, e.g. MAIN.cache_hit."""
        command = ["varnishstat", "-n", str(self.workdir), "-1", "-f", counter]
        done = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
        fields = done.stdout.split()
        return int(fields[1]) if len(fields) > 1 else 0


def start_varnish(folder: Path, backends: Sequence[tuple[str, int]], port: int | None = None,
                  vcl: Path = VCL, storage: str = "malloc,64m",
                  params: Mapping[str, str] | None = None, env: Mapping[str, str] | None = None) -> Varnish:
    """varnishd in the foreground with the shipped VCL and these application servers as backends."""
    port = port or free_port()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "manchette-backends.vcl").write_text(backends_vcl(backends))
    workdir = folder / "varnishd"
    command = ["varnishd", "-F", "-j", "none", "-a", f"{LOOPBACK}:{port}", "-T", f"{LOOPBACK}:0",
               "-n", str(workdir), "-s", storage, "-f", str(vcl.resolve()),
               "-p", f"vcl_path={folder}:{vcl.resolve().parent}"]
    for name, value in (params or {}).items():
        command += ["-p", f"{name}={value}"]
    process = spawn("varnish", command, folder, env, port=port)
    varnish = Varnish(name=process.name, popen=process.popen, log=process.log, port=port, workdir=workdir)
    varnish.wait_listening()
    return varnish


# --------------------------------------------------------------------------- HTTP


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def header(self, name: str) -> str:
        return self.headers.get(name, "")

    @property
    def cache_hit(self) -> bool:
        """Varnish answered from its cache: X-Varnish carries the request's and the object's ids."""
        return len(self.header("X-Varnish").split()) == 2

    def cookies(self) -> dict[str, str]:
        """The cookies this response sets, by name (value without attributes)."""
        found = {}
        for line in self.headers.get_all("Set-Cookie") or []:
            name, _, rest = line.partition("=")
            found[name.strip()] = rest.split(";", 1)[0]
        return found


def request(url: str, method: str = "GET", headers: Mapping[str, str] | None = None,
            cookies: Mapping[str, str] | None = None, body: bytes | str | None = None,
            timeout: float = 30.0, source_address: str | None = None) -> Response:
    """One HTTP request over a new connection; redirects are returned, not followed.

    `source_address` sends it from another loopback address (127.0.0.2…), as another machine.
    """
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=timeout,
                                            source_address=(source_address, 0) if source_address else None)
    all_headers = dict(headers or {})
    if cookies:
        all_headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    if isinstance(body, str):
        body = body.encode()
    try:
        path = parts.path or "/"
        connection.request(method, f"{path}?{parts.query}" if parts.query else path, body=body,
                           headers=all_headers)
        answer = connection.getresponse()
        return Response(status=answer.status, headers=answer.headers, body=answer.read())
    finally:
        connection.close()
