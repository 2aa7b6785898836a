"""Agency wire ingest: items per second, worker memory, and landing-to-screen time.

    .venv/bin/python bench/wire_ingest.py [--items 10000] [--database-url postgres://…/bench_wire]

Works in a database and folders of its own (a temporary SQLite file, migrated first, or the
PostgreSQL database given, created for the run and dropped after it), never the demo's.
Writes `--items` generated items, half NewsML-G2 and half ninjs, a tenth of them newer
versions of earlier ones, into two watched folders; queues one poll per feed and times the
real worker (`manage.py db_worker --batch`) ingesting them all, with its peak memory. Then
starts the worker as `make run` does (polling every second) and drops urgent items one at a
time, timing each from the file landing to the item in the wire screen's query. Targets: 200
items/s or more; an urgent item on the screen within 2 s.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import timing
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def g2_item(number: int, version: int, urgency: int = 4) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" '
        f'guid="urn:bench:g2:{number}" version="{version}"><itemMeta><itemClass qcode="ninat:text"/>'
        f'<pubStatus qcode="stat:usable"/><versionCreated>2026-12-01T10:00:00Z</versionCreated></itemMeta>'
        f"<contentMeta><urgency>{urgency}</urgency><slugline>bench-{number}</slugline>"
        f"<headline>Dépêche {number}, version {version}</headline></contentMeta><contentSet>"
        f'<inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body>'
        + "".join(f"<p>Paragraphe {p} de la dépêche {number} : du texte d'agence.</p>" for p in range(8))
        + "</body></html></inlineXML></contentSet></newsItem>"
    )


def ninjs_item(number: int, version: int) -> str:
    return json.dumps(
        {
            "uri": f"urn:bench:ninjs:{number}",
            "version": str(version),
            "type": "text",
            "pubStatus": "usable",
            "urgency": 4,
            "headlines": [{"role": "main", "value": f"Dépêche {number}, version {version}"}],
            "bodies": [
                {
                    "role": "main",
                    "contentType": "text/html",
                    "value": "".join(f"<p>Paragraphe {p} de la dépêche {number}.</p>" for p in range(8)),
                }
            ],
        }
    )


def write_items(g2_folder: Path, ninjs_folder: Path, count: int) -> None:
    half = count // 2
    for folder, make, ext in ((g2_folder, g2_item, "xml"), (ninjs_folder, ninjs_item, "json")):
        updates = half // 10
        for number in range(half - updates):
            (folder / f"{number:06d}-v1.{ext}").write_text(make(number, 1), encoding="utf-8")
        for number in range(updates):  # newer versions of the first stories
            (folder / f"{number:06d}-v2.{ext}").write_text(make(number, 2), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--landings", type=int, default=10)
    parser.add_argument(
        "--database-url", default="", help="a PostgreSQL database the bench creates and drops"
    )
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="wire-bench-"))
    if args.database_url:
        recreate_database(args.database_url)
    try:
        run(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if args.database_url:
            from django.db import connections

            connections.close_all()
            recreate_database(args.database_url, create=False)


def recreate_database(url: str, create: bool = True) -> None:
    """Drops the database named in url (if there) and, unless told not to, creates it empty."""
    address = urlsplit(url)
    name = address.path.lstrip("/")
    maintenance = address._replace(path="/postgres").geturl()
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        if create:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def run(args: argparse.Namespace, work: Path) -> None:
    os.environ.update(
        {
            "DATABASE_URL": args.database_url or f"sqlite:///{work / 'bench.sqlite3'}",
            "MANCHETTE_VAR_DIR": str(work / "var"),
            "DJANGO_SETTINGS_MODULE": "manchette.settings",
        }
    )
    os.environ.pop("MANCHETTE_IMMEDIATE_TASKS", None)
    env = dict(os.environ)
    database = "PostgreSQL" if args.database_url else "SQLite"
    print(f"load average at start: {timing.load_average()}; {database} in {work}")
    subprocess.run([timing.PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)

    import django

    django.setup()
    from manchette.articles.models import Agency
    from manchette.wire import desk, tasks
    from manchette.wire.models import Feed, StoryVersion

    agency = Agency.objects.create(name="Agence de banc", short_name="BANC", slug="agence-banc")
    feeds = []
    for fmt in ("newsmlg2", "ninjs"):
        folder = work / fmt
        folder.mkdir()
        feeds.append(
            Feed.objects.create(
                name=fmt,
                agency=agency,
                format=fmt,
                transport="folder",
                location=str(folder),
                every_seconds=3600,
            )
        )
    write_items(work / "newsmlg2", work / "ninjs", args.items)
    for feed in feeds:
        tasks.poll_feed.enqueue(feed.pk)
    worker_run = timing.run_worker_until_done(env)
    cpu, elapsed = worker_run.cpu_seconds, worker_run.wall_seconds
    versions = StoryVersion.objects.count()
    print(
        f"ingest: {versions} versions ({args.items} files) in {elapsed:.1f} s by the worker: "
        f"{versions / elapsed:.0f} items/s (target >= 200); {cpu:.1f} s of CPU: "
        f"{versions / cpu:.0f} items per CPU-second"
    )
    print(f"worker peak memory (resident): {worker_run.peak_mb:.0f} MB")

    # Landing to screen: the worker as `make run` starts it, the feed polled every second.
    (work / "urgent").mkdir()
    urgent = Feed.objects.create(
        name="urgent",
        agency=agency,
        format="newsmlg2",
        transport="folder",
        location=str(work / "urgent"),
        every_seconds=1,
    )
    worker = subprocess.Popen(
        [timing.PYTHON, "manage.py", "db_worker", "--interval", "0.2", "--no-reload", "-v0"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(3)  # the worker starts and the feed's loop settles
        landings = []
        for number in range(args.landings):
            guid = f"urn:bench:g2:{900_000 + number}"
            path = work / "urgent" / f"flash-{number}.xml"
            path.write_text(g2_item(900_000 + number, 1, urgency=1), encoding="utf-8")
            landed = time.perf_counter()
            while not desk.wire_queue(urgency=2).filter(guid=guid).exists():
                if time.perf_counter() - landed > 30:
                    raise SystemExit(f"{guid} not on the wire screen after 30 s")
                time.sleep(0.02)
            landings.append((time.perf_counter() - landed) * 1000)
            time.sleep(0.37)  # land at different moments of the poll cycle
        print(
            timing.summary("landing to wire screen (urgent)", landings, width=34, decimals=0)
            + "  (target <= 2000 ms)"
        )
    finally:
        worker.terminate()
        worker.wait(10)
    print(
        f"load average at end: {timing.load_average()}; the urgent feed polled every {urgent.every_seconds} s"
    )


if __name__ == "__main__":
    main()
