"""Faults during a load run, as figures: PostgreSQL restarted, Redis restarted, the
application server killed (the scenarios of tests/stack/test_faults.py, which asserts them).

    .venv/bin/python bench/faults.py

One stack on loopback: a private PostgreSQL cluster on a free port (so that no shared
server is touched), Redis with its append-only file, gunicorn, one worker and Varnish in
front, pages kept 2 s (PUBLIC_PAGE_MAX_AGE) so that what Varnish serves during a fault is
past its lifetime. For each fault: requests sent and 5xx answers per kind of reader, and
writes (sign-ups) acknowledged and found in the database afterwards. Needs root (to run
PostgreSQL as the postgres user), redis-server, varnishd and PostgreSQL's binaries.
"""

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.stack.test_faults import (  # noqa: E402
    Outcome,
    app_server_killed,
    postgres_restart,
    redis_restart,
    start_postgres_stack,
)


def report(title: str, outcome: Outcome) -> None:
    print(title)
    for line in outcome.figures.lines():
        print(line)
    for name, value in outcome.notes.items():
        print(f"  {name}: {value}")


def missing_tools() -> list[str]:
    tools = {"redis-server": shutil.which("redis-server"), "varnishd": shutil.which("varnishd"),
             "PostgreSQL": next(Path("/usr/lib/postgresql").glob("*/bin/initdb"), None)}
    return [name for name, found in tools.items() if not found]


def main() -> None:
    if missing := missing_tools():
        print(f"Faults: not measured, {', '.join(missing)} missing (make test-deps installs them)")
        return
    folder = Path(tempfile.mkdtemp(prefix="manchette-faults-"))
    print(f"Faults during load; load average {os.getloadavg()[0]:.2f}")
    running = start_postgres_stack(folder, env={"PUBLIC_PAGE_MAX_AGE": "2"})
    try:
        report("PostgreSQL stopped for 6 s, then started again:", postgres_restart(running))
        report("Redis restarted with deferred tasks queued:", redis_restart(running.stack))
        report("The application server killed for 8 s:", app_server_killed(running.stack))
    finally:
        running.stop()
        shutil.rmtree(folder, ignore_errors=True)
    print(f"load average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
