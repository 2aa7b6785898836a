"""Newsletter sending: one edition to 100,000 readers through the real workers, into Postfix's smtp-sink.

    flock /tmp/bench.lock .venv/bin/python bench/newsletter_send.py [--readers 100000]
        [--stack production|embedded|both] [--workers 2]

For each stack, on a database of its own built like the stack tests' (migrate, set_up_site,
load_demo): adds a newsletter with `--readers` confirmed readers and an approved edition of
the International section's articles, starts the workers, queues `start_edition` as the
schedule does, and waits until the edition is marked sent. The workers run the production
code unchanged: start_sending makes the deliveries and queues batches of 500, each batch
builds the edition's bytes once and sends every reader their own copy (own unsubscribe,
preferences and mailto links, Message-ID, To) over one SMTP session.

- production: PostgreSQL (database `bench_newsletters` on 127.0.0.1:5432, dropped at the end;
  `--postgres` for another server), Redis and `--workers` `rqworker --with-scheduler` workers,
  the command of `make production`.
- embedded: SQLite and `--workers` `manage.py db_worker` (the database queue of `make run`).

The sink is Postfix's `smtp-sink` (installed with apt when missing, as root); in the same run,
`smtp-source` sends the same message (4 persistent sessions) to measure the sink's own
ceiling. Prints mails per second (queued to finished; and the sending phase alone, first to
last recorded send), each worker's peak memory (PSS of the worker and the job processes it
forks), the mails the sink counted and the delivery records (must equal --readers).
"""

import argparse
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import timing  # noqa: E402

from tests.stack.servers import (  # noqa: E402
    Process,
    base_env,
    free_port,
    run_manage,
    start_redis,
    start_worker,
    wait_until,
)

TARGET_PER_SECOND = 2000
MEMORY_LIMIT_MB = 300
POSTGRES = "postgres://manchette:manchette@127.0.0.1:5432/bench_newsletters"
UNSUBSCRIBE_ADDRESS = "desinscription@manchette.test"

SEED = """
import datetime
from manchette.articles.models import ArticlePage, SectionPage
from manchette.newsletters.models import Edition, Newsletter, Signup
section = SectionPage.objects.get(slug="international")
newsletter = Newsletter.objects.create(
    name="Le banc d'essai", slug="banc-d-essai", pitch="Une newsletter pour mesurer l'envoi.",
    section=section, weekdays="1", send_time=datetime.time(11), sender_name="Manchette International",
    sender_email="international@manchette.test",
)
Signup.objects.bulk_create(
    (Signup(newsletter=newsletter, email=f"lecteur{{n}}@exemple.fr", status="confirmed")
     for n in range({readers})),
    batch_size=5000,
)
edition = Edition.objects.create(newsletter=newsletter, subject="Le banc d'essai du jour", status="approved")
edition.articles.set(ArticlePage.objects.live().descendant_of(section).order_by("-first_published_at")[:5])
print("edition", edition.pk)
"""

SAMPLE = """
from manchette.newsletters import mail
from manchette.newsletters.models import Edition
edition = Edition.objects.select_related("newsletter").get(newsletter__slug="banc-d-essai")
raw = mail.EditionMail(mail.render_edition(edition)).for_reader(1, 1, "lecteur1@exemple.fr")
open({path!r}, "wb").write(raw)
"""

ENQUEUE = """
import time
from manchette.newsletters import tasks
queued = time.time()
tasks.start_edition.enqueue({edition})
print("queued", queued)
"""


def ensure_postfix() -> None:
    if shutil.which("smtp-sink") or Path("/usr/sbin/smtp-sink").exists():
        return
    if os.geteuid() != 0:
        raise SystemExit("Postfix's smtp-sink is missing: apt-get install postfix (as root)")
    print("Installing Postfix (smtp-sink, smtp-source)…")
    subprocess.run(
        ["debconf-set-selections"], input="postfix postfix/main_mailer_type select No configuration\n",
        text=True, check=True,
    )
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "install", "-y", "-qq", "postfix"], env=environment, check=True,
                   stdout=subprocess.DEVNULL)


def tool(name: str) -> str:
    return shutil.which(name) or f"/usr/sbin/{name}"


class Sink:
    """smtp-sink on a free loopback port, counting the messages it accepts (its -c counter)."""

    def __init__(self, folder: Path) -> None:
        self.port = free_port()
        self.log = folder / "smtp-sink.log"
        command = [tool("smtp-sink"), "-c", "-u", "nobody", f"127.0.0.1:{self.port}", "1024"]
        with self.log.open("wb") as output:  # a file: a pipe nobody reads would stop the counter
            self.popen = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
        wait_until(lambda: _listening(self.port), timeout=10, what="smtp-sink listening")

    def count(self) -> int:
        found = re.findall(rb"mesg=(\d+)", self.log.read_bytes())
        return int(found[-1]) if found else 0

    def stop(self) -> None:
        self.popen.terminate()
        self.popen.wait(10)


def _listening(port: int) -> bool:
    import socket

    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


def ceiling(sink: Sink, sample: Path, messages: int, sessions: int = 4) -> float:
    """smtp-source's rate into the sink: the same message, `sessions` persistent sessions."""
    command = [tool("smtp-source"), "-s", str(sessions), "-d", "-m", str(messages), "-F", str(sample),
               "-f", "international@manchette.test", "-t", "lecteur@exemple.fr", f"127.0.0.1:{sink.port}"]
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return messages / (time.perf_counter() - started)


class Stack:
    """A database (and Redis for production) the workers of one run share."""

    def __init__(self, name: str, folder: Path, postgres: str) -> None:
        self.name = name
        self.folder = folder
        folder.mkdir(parents=True)
        self.redis: Process | None = None
        self.postgres = postgres if name == "production" else None
        if self.postgres:
            self._admin(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
            self._admin(f'CREATE DATABASE "{self.database}"')
            url = self.postgres
        else:
            url = f"sqlite:///{folder / 'bench.sqlite3'}"
        self.env = base_env()
        self.env.update(
            DATABASE_URL=url,
            MANCHETTE_VAR_DIR=str(folder),
            MEDIA_ROOT=str(folder / "media"),
            SECRET_KEY="bench-newsletters-" + "x" * 40,
            DJANGO_SETTINGS_MODULE="manchette.settings",
            NEWSLETTER_UNSUBSCRIBE_ADDRESS=UNSUBSCRIBE_ADDRESS,
            PYTHONUNBUFFERED="1",
        )
        if name == "production":
            self.redis = start_redis(folder / "redis")
            self.env["REDIS_URL"] = f"redis://127.0.0.1:{self.redis.port}/0"

    @property
    def database(self) -> str:
        return urlsplit(self.postgres or "").path.lstrip("/")

    def _admin(self, statement: str) -> None:
        import psycopg

        parts = urlsplit(self.postgres or "")
        with psycopg.connect(urlunsplit((*parts[:2], "/postgres", "", "")), autocommit=True) as connection:
            connection.execute(statement)

    def build(self, readers: int) -> int:
        """The database with the demo newsroom, the readers and the edition; returns its id."""
        started = time.perf_counter()
        script = (
            "from django.core.management import call_command\n"
            "call_command('migrate', '--noinput', verbosity=0)\n"
            "call_command('set_up_site')\n"
            "call_command('load_demo')\n"
        )
        run_manage({**self.env, "MANCHETTE_IMMEDIATE_TASKS": "1"}, "shell", "--no-imports", "-c", script,
                   timeout=900)
        out = run_manage(self.env, "shell", "--no-imports", "-c", SEED.format(readers=readers), timeout=900)
        print(f"  {self.name}: database built in {time.perf_counter() - started:.0f} s", flush=True)
        return int(re.search(r"edition (\d+)", out)[1])

    def query(self, sql: str, *params: object) -> list[tuple]:
        """`sql` with %s for each of `params`."""
        if self.postgres:
            import psycopg

            with psycopg.connect(self.postgres) as connection:
                return connection.execute(sql, params).fetchall()
        with sqlite3.connect(f"file:{self.folder / 'bench.sqlite3'}?mode=ro", uri=True, timeout=30) as db:
            return db.execute(sql.replace("%s", "?"), params).fetchall()

    def close(self) -> None:
        if self.redis is not None:
            self.redis.stop()
        if self.postgres:
            self._admin(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')


class MemoryWatch:
    """Samples, 4 times a second, each worker's memory: the proportional set size (PSS) of its
    process group summed (the processes a worker starts, such as RQ's scheduler, share most
    pages with it: PSS counts a shared page once), and the largest resident size of one process."""

    def __init__(self, workers: list[Process]) -> None:
        self.groups = [worker.popen.pid for worker in workers]
        self.pss = [0.0 for _ in workers]
        self.rss = [0.0 for _ in workers]
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stopped.wait(0.25):
            pss = dict.fromkeys(self.groups, 0.0)
            rss = dict.fromkeys(self.groups, 0.0)
            for entry in os.scandir("/proc"):
                if not entry.name.isdigit():
                    continue
                try:
                    group = int(timing.stat_fields(int(entry.name))[2])
                    if group not in pss:
                        continue
                    rollup = Path(entry.path, "smaps_rollup").read_text().splitlines()[1:]
                    sizes = dict(line.split(":", 1) for line in rollup)
                except (OSError, ValueError):
                    continue  # the job process ended meanwhile
                pss[group] += int(sizes["Pss"].split()[0]) / 1024
                rss[group] = max(rss[group], int(sizes["Rss"].split()[0]) / 1024)
            for index, group in enumerate(self.groups):
                self.pss[index] = max(self.pss[index], pss[group])
                self.rss[index] = max(self.rss[index], rss[group])

    def cpu_seconds(self) -> float:
        """CPU time of the workers so far: their processes, and those they started, ended or not."""
        return sum(timing.cpu_seconds(pid) for pid in self.groups)

    def stop(self) -> list[str]:
        """Each worker's peaks, "PSS 120 MB (largest process 110 MB resident)"."""
        self.stopped.set()
        self.thread.join()
        peaks = zip(self.pss, self.rss, strict=True)
        return [f"{pss:.0f} MB (largest process {rss:.0f} MB resident)" for pss, rss in peaks]


def run(stack: Stack, readers: int, workers: int, sink: Sink) -> bool:
    edition = stack.build(readers)
    env = {**stack.env, "EMAIL_URL": f"smtp://127.0.0.1:{sink.port}"}
    before = sink.count()
    processes = [start_worker(env, stack.folder / f"worker{number}") for number in range(workers)]
    try:
        # Workers that have loaded Django and wait for work: the timing is the sending's alone.
        ready = "Listening on" if stack.name == "production" else "Starting worker"
        wait_until(lambda: all(ready in p.output() for p in processes), timeout=120, interval=0.2,
                   what="the workers ready")
        watch = MemoryWatch(processes)
        cpu_before = watch.cpu_seconds()
        out = run_manage(env, "shell", "--no-imports", "-c", ENQUEUE.format(edition=edition))
        queued = float(re.search(r"queued ([\d.]+)", out)[1])

        def sent() -> bool:
            [(status,)] = stack.query("select status from newsletters_edition where id = %s", edition)
            return status == "sent"

        wait_until(sent, timeout=1800, interval=0.25, what="the edition sent")
        finished = time.time()
        cpu = watch.cpu_seconds() - cpu_before
        peaks = watch.stop()
    finally:
        for process in processes:
            process.stop()
    time.sleep(0.5)  # the sink's counter is written as each message ends
    received = sink.count() - before
    states = dict(stack.query(
        "select status, count(*) from newsletters_delivery where edition_id = %s group by status", edition
    ))
    records = sum(states.values())
    first, last = stack.query(
        "select min(sent_at), max(sent_at) from newsletters_delivery where edition_id = %s", edition
    )[0]
    if isinstance(first, str):  # SQLite returns text
        from datetime import datetime

        first, last = datetime.fromisoformat(first), datetime.fromisoformat(last)
    sending = (last - first).total_seconds()
    elapsed = finished - queued
    label = (f"PostgreSQL + Redis, {workers} × rqworker --with-scheduler" if stack.name == "production"
             else f"SQLite + database queue, {workers} × db_worker")
    print(f"  {stack.name} ({label}):")
    print(f"    mails/s: {readers / elapsed:,.0f} queued to finished ({elapsed:.1f} s, deliveries made "
          f"and batches queued included); {readers / max(sending, 1e-6):,.0f} while sending "
          f"(first to last recorded send, {sending:.1f} s); target >= {TARGET_PER_SECOND:,}/s")
    print(f"    workers' CPU time: {cpu:.1f} s, {readers / cpu:,.0f} mails per CPU-second (their own"
          " cost, whatever else the machine runs)")
    print("    peak memory per worker (PSS of the worker and its job processes): "
          + ", ".join(peaks) + f"; limit {MEMORY_LIMIT_MB} MB")
    outcome = ", ".join(f"{state} {count:,}" for state, count in sorted(states.items()))
    print(f"    delivery records: {records:,} ({outcome}); mails the sink counted: {received:,}")
    print(f"    load average after: {timing.load_average()}")
    return records == readers and states.get("sent") == readers and received >= readers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=100_000)
    parser.add_argument("--stack", choices=["production", "embedded", "both"], default="both")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--postgres", default=POSTGRES, help="the bench's own database (dropped at the end)")
    args = parser.parse_args()
    ensure_postfix()
    stacks = ["production", "embedded"] if args.stack == "both" else [args.stack]
    started = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
    print(f"Newsletter sending, {args.readers:,} readers — {started}")
    print(f"  {os.cpu_count()} CPU(s); load average before: {timing.load_average()}")
    ok = True
    with tempfile.TemporaryDirectory(prefix="manchette-newsletter-bench-") as folder:
        work = Path(folder)
        sink = Sink(work)
        try:
            for index, name in enumerate(stacks):
                stack = Stack(name, work / name, args.postgres)
                try:
                    ok &= run(stack, args.readers, args.workers, sink)
                    if index == 0:
                        # One reader's copy, as the workers build it: what smtp-source sends.
                        sample = SAMPLE.format(path=str(work / "sample.eml"))
                        run_manage(stack.env, "shell", "--no-imports", "-c", sample)
                finally:
                    stack.close()
            sample = work / "sample.eml"
            messages = min(args.readers, 50_000)
            rate = ceiling(sink, sample, messages)
            size = sample.stat().st_size
            print(f"  sink ceiling (smtp-source, 4 persistent sessions, the same {size:,}-byte message, "
                  f"{messages:,} mails): {rate:,.0f} mails/s")
            print(f"  load average after: {timing.load_average()}")
        finally:
            sink.stop()
    if not ok:
        raise SystemExit("the edition did not reach every reader exactly once")


if __name__ == "__main__":
    main()
