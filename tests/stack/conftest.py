"""Fixtures that start the production stack for real: see servers.py for the parts.

- `stack_template` (session): a database migrated with the demo newsroom loaded, built once
  per run (SQLite file, or a PostgreSQL database when DATABASE_URL points at PostgreSQL).
- `make_stack(...)`: a fresh copy of it with application servers, workers, Redis and Varnish
  on free ports; everything it started is stopped after the test (`make_module_stack`: after
  the module, for stacks that several tests share).
- `redis_server`: a lone redis-server.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .servers import (
    LOOPBACK,
    Process,
    StackDatabase,
    Varnish,
    free_port,
    run_manage,
    start_app,
    start_redis,
    start_scheduler,
    start_varnish,
    start_worker,
)


@dataclass
class Stack:
    """A running stack: `url` is where readers go (Varnish when there is one)."""

    folder: Path
    database: StackDatabase
    env: dict[str, str]
    apps: list[Process] = field(default_factory=list)
    workers: list[Process] = field(default_factory=list)
    schedulers: list[Process] = field(default_factory=list)
    redis: Process | None = None
    varnish: Varnish | None = None
    site_port: int = 0

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.site_port}"

    def manage(self, *args: str, **extra_env: str) -> str:
        """A management command on the stack's database, e.g. `manage("shell", "-c", code)`."""
        return run_manage({**self.env, **extra_env}, *args)

    def start_app(self, port: int | None = None, **kwargs) -> Process:
        """One more application server (or the same port again, after a kill)."""
        app = start_app(self.env, self.folder / f"app-{len(self.apps)}", port=port, **kwargs)
        self.apps.append(app)
        return app

    def start_worker(self, **kwargs) -> Process:
        worker = start_worker(self.env, self.folder / f"worker-{len(self.workers)}", **kwargs)
        self.workers.append(worker)
        return worker

    def start_scheduler(self, **kwargs) -> Process:
        scheduler = start_scheduler(self.env, self.folder / f"scheduler-{len(self.schedulers)}", **kwargs)
        self.schedulers.append(scheduler)
        return scheduler

    def stop(self) -> None:
        for process in [*self.schedulers, *self.workers, *self.apps, self.varnish, self.redis]:
            if process is not None:
                process.stop()


def _point_site_at(database: StackDatabase, site_url: str) -> None:
    """Moves the default Wagtail site to `site_url`, as `set_up_site` does, without starting Django.

    Links, feeds and the URLs Wagtail purges use the site's address, so it must be the
    address readers use: Varnish's port, known only once the stack starts.
    """
    parts = urlsplit(site_url)
    statement = "UPDATE wagtailcore_site SET hostname = %s, port = %s WHERE is_default_site"
    if database.postgres_name is None:
        with sqlite3.connect(urlsplit(database.url).path) as connection:
            connection.execute(statement.replace("%s", "?"), (parts.hostname, parts.port))
    else:
        import psycopg

        with psycopg.connect(database.url) as connection:
            connection.execute(statement, (parts.hostname, parts.port))


@pytest.fixture(scope="session")
def stack_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StackDatabase]:
    """The demo newsroom in a database of its own, built once; stacks run on copies of it."""
    database = StackDatabase.create(tmp_path_factory.mktemp("stack-template"))
    yield database
    database.drop()


class StackFactory:
    """Starts stacks on fresh copies of the demo database and stops them all in `close()`."""

    def __init__(self, template: StackDatabase, tmp_path_factory: pytest.TempPathFactory) -> None:
        self.template = template
        self.tmp_path_factory = tmp_path_factory
        self.stacks: list[Stack] = []

    def __call__(
        self,
        apps: int = 1,
        workers: int = 0,
        redis: bool = False,
        appendonly: bool = False,
        varnish: bool = True,
        env: dict[str, str] | None = None,
        app_command: list[str] | None = None,
    ) -> Stack:
        folder = self.tmp_path_factory.mktemp("stack")
        database = self.template.copy(folder / "data")
        app_ports = [free_port() for _ in range(apps)]
        site_port = free_port() if varnish else app_ports[0]
        site_url = f"http://{LOOPBACK}:{site_port}"
        stack = Stack(folder=folder, database=database, env=database.env(SITE_URL=site_url),
                      site_port=site_port)
        self.stacks.append(stack)
        _point_site_at(database, site_url)
        if redis:
            stack.redis = start_redis(folder / "redis", appendonly=appendonly)
            stack.env["REDIS_URL"] = f"redis://{LOOPBACK}:{stack.redis.port}/0"
        if varnish:
            # Varnish appends the reader's address to X-Forwarded-For: the one proxy to trust.
            stack.env.update(VARNISH_URL=site_url, TRUSTED_PROXY_COUNT="1")
        stack.env.update(env or {})
        for port in app_ports:
            stack.start_app(port=port, command=app_command)
        for _ in range(workers):
            stack.start_worker()
        if varnish:
            stack.varnish = start_varnish(folder / "varnish", [app.address for app in stack.apps],
                                          port=site_port)
        return stack

    def close(self) -> None:
        for stack in reversed(self.stacks):
            stack.stop()
            stack.database.drop()


@pytest.fixture
def make_stack(
    stack_template: StackDatabase, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[StackFactory]:
    """Starts a stack on a fresh copy of the demo database; stops everything after the test.

    `make_stack(apps=2, workers=1, redis=True, varnish=True, env={"PUBLIC_PAGE_MAX_AGE": "5"})`.
    With Varnish, SITE_URL and VARNISH_URL are Varnish's address, so publishing purges it, and
    TRUSTED_PROXY_COUNT is 1.
    `app_command` replaces gunicorn (see servers.start_app).
    """
    factory = StackFactory(stack_template, tmp_path_factory)
    yield factory
    factory.close()


@pytest.fixture(scope="module")
def make_module_stack(
    stack_template: StackDatabase, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[StackFactory]:
    """As `make_stack`, for a stack that the tests of a module share (stopped after the module)."""
    factory = StackFactory(stack_template, tmp_path_factory)
    yield factory
    factory.close()


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[Process]:
    """A redis-server of its own on a free port, with an append-only file."""
    server = start_redis(tmp_path / "redis", appendonly=True)
    yield server
    server.stop()
