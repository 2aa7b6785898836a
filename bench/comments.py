"""Commenters posting at once while anonymous readers load the same article, through Varnish.

    DATABASE_URL=postgres://manchette:manchette@127.0.0.1:5432/anyname \\
        flock /tmp/bench.lock .venv/bin/python bench/comments.py [--commenters 50] [--readers 8] \\
        [--duration 60] [--workers 4] [--pace 5] [--readers-share idle]

The production stack's parts on loopback (tests/stack/servers.py), as `make production` runs
them: a fresh copy of the demo database (PostgreSQL when DATABASE_URL points at it), Redis
(cache, sessions, task queue), gunicorn with `--workers` processes, an RQ worker (it runs the
purges), Varnish in front with VARNISH_URL set, so published comments purge the article.
Each commenter is a subscriber with a session and a pseudonym, posting the form (CSRF token
included); the rules publish at once (no hold, rate limits out of the way: the benchmark
measures the path, not the rules). With `--pace 0` each commenter posts again as soon as it
has its answer (the server's ceiling: with N commenters waiting on each other, a post takes
about N / throughput); with `--pace S` (5 by default) each one posts every S seconds (an
offered load of commenters / S posts a second). Prints comments per second, p50/p99 latency
of the posts and of the anonymous reads, the CPU time each part of the stack used, and checks
that the published count in the database equals the posts answered with success.

The readers reload the article as fast as Varnish answers, from a process of their own. By
default that process runs under Linux's SCHED_IDLE policy: it gets every CPU cycle the servers
leave, and gives the CPU back as soon as a server process wakes up, as readers on other
machines would. With `--readers-share equal` it competes with the servers on equal terms: a
server waking from a database round trip then waits for the readers' time slice to end, on
each of the twenty or so round trips of a post. The commenters' client never shares its
interpreter with the readers.
"""

import argparse
import http.client
import json
import multiprocessing
import os
import secrets
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

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
    start_redis,
    start_varnish,
    start_worker,
)

TIMED = "timed"  # marks gunicorn's access log lines this script reads

# Readers, sessions and rules made in one Django process; prints what the load needs.
SETUP = """
import json
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.auth import SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY
from django.utils import timezone
from manchette.accounts.services import set_pseudonym
from manchette.articles.models import ArticlePage
from manchette.comments.models import CommentSettings
from manchette.demo.content import ARTICLES
from manchette.subscriptions.models import Plan
from manchette.subscriptions.lifecycle import grant

rules = CommentSettings.load()
rules.held_first_comments = 0
rules.hold_links = False
rules.per_minute = 0
rules.per_day = 0
rules.toxicity_threshold = 1.1
rules.save()
plan = Plan.objects.first()
article = ArticlePage.objects.get(slug=ARTICLES[0]["slug"])
sessions = []
for number in range(COUNT):
    user = get_user_model().objects.create_user(username=f"banc{number}", email=f"banc{number}@exemple.test")
    set_pseudonym(user, f"Banc{number}")
    grant(user, plan, timezone.now() + timedelta(days=30), note="banc")
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    sessions.append(session.session_key)
print(json.dumps({"article_id": article.pk, "url": article.url, "sessions": sessions}))
"""

COUNT_PUBLISHED = """
from manchette.comments.models import Comment
print(Comment.objects.filter(article_id=ARTICLE, status="published").count())
"""


def commenter(port: int, article_id: int, session: str, until: float, pace: float, results: dict) -> None:
    token = secrets.token_hex(16)  # a CSRF token of our own: cookie and field must match
    headers = {
        "Cookie": f"sessionid={session}; csrftoken={token}",
        "Content-Type": "application/x-www-form-urlencoded",
    }
    connection = http.client.HTTPConnection(LOOPBACK, port, timeout=30)
    number = 0
    # Paced commenters start spread over one period, not all in the same instant.
    next_post = time.monotonic() + (secrets.randbelow(1000) / 1000 * pace if pace else 0)
    while True:
        if pace:
            time.sleep(max(0.0, next_post - time.monotonic()))
            next_post += pace
        if time.monotonic() >= until:
            break
        number += 1
        body = urlencode({"csrfmiddlewaretoken": token, "texte": f"Avis {number} de {session[:8]}"})
        start = time.perf_counter()
        try:
            connection.request("POST", f"/commentaires/article/{article_id}/publier/", body, headers)
            response = connection.getresponse()
            response.read()
            status = response.status
        except OSError:
            connection.close()
            connection = http.client.HTTPConnection(LOOPBACK, port, timeout=30)
            status = 0
        elapsed = (time.perf_counter() - start) * 1000
        with results["lock"]:
            results["post_ms"].append(elapsed)
            results["ok" if status == 302 else "failed"] += 1
            if status != 302:
                results["statuses"][status] = results["statuses"].get(status, 0) + 1
    connection.close()


def reader(port: int, path: str, until: float, results: dict) -> None:
    connection = http.client.HTTPConnection(LOOPBACK, port, timeout=30)
    while time.monotonic() < until:
        start = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        elapsed = (time.perf_counter() - start) * 1000
        with results["lock"]:
            results["read_ms"].append(elapsed)
            if response.status != 200:
                results["reads_failed"] += 1
                results["statuses"][response.status] = results["statuses"].get(response.status, 0) + 1
    connection.close()


def readers_process(count: int, idle: bool, port: int, path: str, until: float, out) -> None:
    """`count` reader threads in a process of their own; sends back what they measured."""
    if idle:
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    results = {"lock": threading.Lock(), "read_ms": [], "reads_failed": 0, "statuses": {}}
    threads = [threading.Thread(target=reader, args=(port, path, until, results)) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    del results["lock"]
    out.send({**results, "cpu_s": time.process_time()})
    out.close()


def postgres_server_pid(database_url: str) -> int | None:
    """The pid of the PostgreSQL server behind `database_url` (the parent of our connection's process)."""
    if not database_url.startswith("postgres"):
        return None
    import psycopg

    with psycopg.connect(database_url, connect_timeout=5) as connection:
        backend = connection.execute("SELECT pg_backend_pid()").fetchone()[0]
    try:
        return int(timing.stat_fields(backend)[1])
    except OSError:
        return None  # a server on another machine


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commenters", type=int, default=50)
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--pace", type=float, default=5.0, help="seconds between a commenter's posts")
    parser.add_argument(
        "--readers-share", choices=["idle", "equal"], default="idle",
        help="the readers' client runs when the servers leave a CPU idle (default), or shares it equally",
    )
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="manchette-comments-bench-"))
    database = None
    processes = []
    try:
        database = StackDatabase.create(folder / "data")
        site_port = free_port()
        redis = start_redis(folder / "redis")
        processes.append(redis)
        env = database.env(
            REDIS_URL=f"redis://{LOOPBACK}:{redis.port}/0",
            SITE_URL=f"http://{LOOPBACK}:{site_port}",
            VARNISH_URL=f"http://{LOOPBACK}:{site_port}",
            TRUSTED_PROXY_COUNT="1",
        )
        run_manage(env, "set_up_site")
        facts = json.loads(
            run_manage(env, "shell", "-c", SETUP.replace("COUNT", str(options.commenters)))
            .strip()
            .splitlines()[-1]
        )
        # gunicorn's access log gives each request's time inside the server: the rest of a
        # post's latency is its wait in the queue in front of the busy workers.
        server = [str(PYTHON), "-m", "gunicorn", "manchette.wsgi", "--bind", f"{LOOPBACK}:{{port}}"]
        server += ["--workers", str(options.workers), "--log-level", "warning", "--access-logfile", "-"]
        server += ["--access-logformat", f"{TIMED} %(m)s %(U)s %(s)s %(D)s"]
        app = start_app(env, folder / "app", command=server)
        processes.append(app)
        worker = start_worker(env, folder / "worker")
        processes.append(worker)
        varnish = start_varnish(folder / "varnish", [app.address], port=site_port)
        processes.append(varnish)
        backend = "PostgreSQL" if database.postgres_name else "SQLite"
        pacing = f"each every {options.pace:g} s" if options.pace else "each as fast as answered"
        print(
            f"Comments: {options.commenters} commenters ({pacing}) and {options.readers} anonymous "
            f"readers on {facts['url']} for {options.duration} s, through Varnish, gunicorn "
            f"{options.workers} workers, Redis, {backend}; load average {timing.load_average()}"
        )
        results = {"lock": threading.Lock(), "post_ms": [], "ok": 0, "failed": 0, "statuses": {}}
        until = time.monotonic() + options.duration
        threads = [
            threading.Thread(
                target=commenter, args=(site_port, facts["article_id"], session, until, options.pace, results)
            )
            for session in facts["sessions"]
        ]
        servers = {"gunicorn": app, "RQ worker": worker, "Varnish": varnish, "Redis": redis}
        pids = {name: process.popen.pid for name, process in servers.items()}
        if postgres_pid := postgres_server_pid(env.get("DATABASE_URL", "")):
            pids["PostgreSQL (all its databases)"] = postgres_pid
        cpu_before = {name: timing.cpu_seconds(pid) for name, pid in pids.items()}
        context = multiprocessing.get_context("fork")
        receiving, sending = context.Pipe(duplex=False)
        readers = context.Process(
            target=readers_process,
            args=(options.readers, options.readers_share == "idle", site_port, facts["url"], until, sending),
        )
        started, client_cpu = time.monotonic(), time.process_time()
        readers.start()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        reads = receiving.recv()
        readers.join()
        elapsed = time.monotonic() - started
        client_cpu = time.process_time() - client_cpu
        cpu_used = {name: timing.cpu_seconds(pid) - cpu_before[name] for name, pid in pids.items()}
        stored = int(
            run_manage(env, "shell", "-c", COUNT_PUBLISHED.replace("ARTICLE", str(facts["article_id"])))
            .strip()
            .splitlines()[-1]
        )
        posts = results["post_ms"]
        target = "met" if timing.percentile(posts, 0.99) < 200 else "missed"
        print(
            f"  posts    {results['ok'] / elapsed:7.1f} comments/s  ok {results['ok']}"
            f"  failed {results['failed']}"
            f"  p50 {statistics.median(posts):7.1f} ms  p99 {timing.percentile(posts, 0.99):7.1f} ms"
            f"  (issue 11's target, p99 under 200 ms: {target})"
        )
        if reads["read_ms"]:
            read_ms = reads["read_ms"]
            print(
                f"  reads    {len(read_ms) / elapsed:7.1f} pages/s     failed {reads['reads_failed']}"
                f"  p50 {statistics.median(read_ms):7.1f} ms  p99 {timing.percentile(read_ms, 0.99):7.1f} ms"
                f"  (readers' client: {options.readers_share})"
            )
        for name, statuses in (("posts", results["statuses"]), ("reads", reads["statuses"])):
            if statuses:
                print(f"  {name} failed, by HTTP status (0: no answer): {dict(sorted(statuses.items()))}")
        inside = [
            int(fields[4]) / 1000
            for fields in (line.split() for line in app.output().splitlines() if line.startswith(TIMED))
            if len(fields) == 5 and fields[1] == "POST" and fields[2].endswith("/publier/")
        ]
        if inside:
            print(
                f"  inside gunicorn, per post: p50 {statistics.median(inside):7.1f} ms"
                f"  p99 {timing.percentile(inside, 0.99):7.1f} ms (the rest is the wait for a free worker)"
            )
        print(f"  Varnish hits {varnish.stat('MAIN.cache_hit')}, misses {varnish.stat('MAIN.cache_miss')}")
        verdict = "equal" if stored == results["ok"] else "DIFFERENT"
        print(f"  published in the database {stored}, successful posts {results['ok']}: {verdict}")
        spent = ", ".join(f"{name} {seconds:.1f}" for name, seconds in cpu_used.items())
        print(
            f"  CPU-seconds used, of the {elapsed * (os.cpu_count() or 1):.0f} the machine had: {spent}, "
            f"the commenters' client {client_cpu:.1f}, the readers' client {reads['cpu_s']:.1f}"
        )
        print(f"load average at the end {timing.load_average()}")
    finally:
        for process in reversed(processes):
            process.stop()
        if database is not None:
            database.drop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
