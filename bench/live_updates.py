"""Readers of a live polling through Varnish while the newsroom posts entries (issue 26).

    .venv/bin/python bench/live_updates.py [--readers 10000] [--every 10] [--duration 60]
        [--post-every 10] [--connections 100]

The production path on loopback (tests/stack/servers.py): a fresh copy of the demo database
(PostgreSQL when DATABASE_URL points at it), gunicorn (2 workers), the database task worker
(it sends the purges), Varnish with the shipped VCL in front, VARNISH_URL set. An ongoing
live is created; a poster process posts an entry every --post-every seconds through the
live's service (manchette/live/entries.py), noting the wall-clock time each one commits.

Each simulated reader does what live.js does: every --every seconds (each reader at its own
phase) it asks /direct/<id>/version.json; when the number moved, it fetches
entrees.json?depuis=<its version>&version=<new> once. The readers share --connections
keep-alive connections to Varnish from one asyncio client. Prints the readers' requests per
second, the requests that reached gunicorn (from its access log) by kind, and the delay from
an entry's commit to each reader seeing its version: median and p99 (issue 26's targets:
under 10 s and 15 s with checks every 10 s), and how late the client itself ran.
"""

import argparse
import asyncio
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import timing  # noqa: E402

from tests.stack.servers import (  # noqa: E402
    LOOPBACK,
    PYTHON,
    StackDatabase,
    free_port,
    run_manage,
    start_app,
    start_varnish,
    start_worker,
)

TIMED = "timed"

CREATE_LIVE = """
import json
from manchette.articles.models import Author, SectionPage
from manchette.live.models import LivePage
section = SectionPage.objects.live().order_by("pk").first()
live = LivePage(title="Banc d'essai en direct", slug="banc-direct", standfirst="Un direct pour mesurer.")
section.add_child(instance=live)
live.live_authors.create(author=Author.objects.order_by("pk").first())
live.save_revision().publish()
print(json.dumps({"id": live.pk}))
"""

# Reads a line per entry to post; answers with the entry's version and the time it committed.
POSTER = """
import os, sys, time, json, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "manchette.settings")
django.setup()
from manchette.live import entries
from manchette.live.models import LivePage, LiveVersion
live = LivePage.objects.get(pk=int(sys.argv[1]))
for line in sys.stdin:
    entries.post_entry(live, entries.EntryText(text="Entrée " + line.strip()))
    print(json.dumps({"version": LiveVersion.current(live.pk), "at": time.time()}), flush=True)
"""


class Connection:
    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> tuple[int, bytes]:
        for attempt in range(2):
            try:
                if self.writer is None:
                    self.reader, self.writer = await asyncio.open_connection(LOOPBACK, self.port)
                assert self.reader is not None
                self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {LOOPBACK}:{self.port}\r\n\r\n".encode())
                head = await self.reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                status = int(lines[0].split()[1])
                headers = {
                    k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)
                }
                if "content-length" in headers:
                    body = await self.reader.readexactly(int(headers["content-length"]))
                else:  # chunked
                    body = b""
                    while size := int((await self.reader.readuntil(b"\r\n")).strip(), 16):
                        body += await self.reader.readexactly(size + 2)
                    await self.reader.readuntil(b"\r\n")
                return status, body
            except (OSError, asyncio.IncompleteReadError):
                if self.writer is not None:
                    self.writer.close()
                self.writer = None
                if attempt:
                    raise
        raise RuntimeError("unreachable")


async def run_readers(options, port: int, page_id: int, posts: dict[int, float], until: float) -> dict:
    pool: asyncio.Queue[Connection] = asyncio.Queue()
    for _ in range(options.connections):
        pool.put_nowait(Connection(port))
    stats = {"requests": 0, "failed": 0, "delays": [], "late": []}
    version_path = f"/direct/{page_id}/version.json"

    async def get(path: str) -> tuple[int, bytes]:
        connection = await pool.get()
        try:
            stats["requests"] += 1
            return await connection.get(path)
        finally:
            pool.put_nowait(connection)

    async def reader() -> None:
        version = 0
        due = time.monotonic() + random.random() * options.every
        while True:
            await asyncio.sleep(max(0.0, due - time.monotonic()))
            if time.monotonic() >= until:
                return
            stats["late"].append(time.monotonic() - due)
            due += options.every
            try:
                status, body = await get(version_path)
                if status != 200:
                    stats["failed"] += 1
                    continue
                seen = json.loads(body)["version"]
                if seen > version:
                    now = time.time()
                    stats["delays"].extend(
                        now - posts[number] for number in range(version + 1, seen + 1) if number in posts
                    )
                    status, _body = await get(
                        f"/direct/{page_id}/entrees.json?depuis={version}&version={seen}"
                    )
                    stats["failed"] += status != 200
                    version = seen
            except (OSError, asyncio.IncompleteReadError, ValueError):
                stats["failed"] += 1

    await asyncio.gather(*(reader() for _ in range(options.readers)))
    return stats


async def post_entries(poster: subprocess.Popen, posts: dict[int, float], every: float, until: float) -> None:
    number = 0
    while time.monotonic() + every < until - 2 * 10:  # the last ones have time to reach everyone
        await asyncio.sleep(every)
        number += 1
        poster.stdin.write(f"{number}\n")
        poster.stdin.flush()
        line = await asyncio.get_running_loop().run_in_executor(None, poster.stdout.readline)
        done = json.loads(line)
        posts[done["version"]] = done["at"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=10_000)
    parser.add_argument("--every", type=float, default=10.0, help="seconds between a reader's checks")
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--post-every", type=float, default=10.0)
    parser.add_argument("--connections", type=int, default=100)
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="manchette-live-bench-"))
    processes = []
    database = StackDatabase.create(folder / "data")
    try:
        site_port = free_port()
        env = database.env(
            SITE_URL=f"http://{LOOPBACK}:{site_port}",
            VARNISH_URL=f"http://{LOOPBACK}:{site_port}",
            TRUSTED_PROXY_COUNT="1",
        )
        run_manage(env, "set_up_site")  # the site's address is Varnish's: purges name what readers ask
        page_id = json.loads(run_manage(env, "shell", "-c", CREATE_LIVE).strip().splitlines()[-1])["id"]
        server = [str(PYTHON), "-m", "gunicorn", "manchette.wsgi", "--bind", f"{LOOPBACK}:{{port}}"]
        server += ["--workers", "2", "--log-level", "warning", "--access-logfile", "-"]
        server += ["--access-logformat", f"{TIMED} %(m)s %(U)s %(s)s"]
        app = start_app(env, folder / "app", command=server)
        processes.append(app)
        processes.append(start_worker(env, folder / "worker"))
        varnish = start_varnish(folder / "varnish", [app.address], port=site_port, storage="malloc,256m")
        processes.append(varnish)
        poster = subprocess.Popen(
            [str(PYTHON), "-c", POSTER, str(page_id)],
            env=env,
            cwd=ROOT,
            text=True,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        backend = "PostgreSQL" if database.postgres_name else "SQLite"
        print(
            f"Live updates: {options.readers} readers checking every {options.every:g} s for "
            f"{options.duration:g} s, an entry every {options.post_every:g} s, through Varnish, "
            f"gunicorn 2 workers, {backend}; load average {timing.load_average()}"
        )
        posts: dict[int, float] = {}

        async def run() -> dict:
            until = time.monotonic() + options.duration
            posting = asyncio.create_task(post_entries(poster, posts, options.post_every, until))
            stats = await run_readers(options, site_port, page_id, posts, until)
            await posting
            return stats

        started = time.monotonic()
        stats = asyncio.run(run())
        elapsed = time.monotonic() - started
        poster.stdin.close()
        poster.wait(timeout=30)
        log = [line.split() for line in app.output().splitlines() if line.startswith(TIMED)]
        reached = {
            kind: sum(1 for fields in log if len(fields) >= 3 and fields[2].endswith(kind))
            for kind in ("version.json", "entrees.json")
        }
        delays = stats["delays"]
        print(
            f"  readers' requests  {stats['requests'] / elapsed:8.1f} req/s"
            f"  ({stats['requests']} in {elapsed:.0f} s, failed {stats['failed']})"
        )
        print(f"  entries posted     {len(posts)}")
        print(
            f"  reached gunicorn   version.json {reached['version.json']},"
            f" entrees.json {reached['entrees.json']}"
            f"  ({(reached['version.json'] + reached['entrees.json']) / max(1, len(posts)):.1f} per entry)"
        )
        if delays:
            median, p99 = statistics.median(delays), timing.percentile(delays, 0.99)
            verdict = "met" if median < 10 and p99 < 15 else "missed"
            print(
                f"  post -> reader     median {median:5.2f} s  p99 {p99:5.2f} s  over {len(delays)} sightings"
                f"  (targets 10 s / 15 s: {verdict})"
            )
        late = stats["late"]
        print(
            f"  client lateness    median {statistics.median(late):5.2f} s"
            f"  p99 {timing.percentile(late, 0.99):5.2f} s"
        )
    finally:
        for process in reversed(processes):
            process.stop()
        database.drop()


if __name__ == "__main__":
    main()
