"""How many beacon hits a second the audience ingest takes, and whether it counts them exactly.

    .venv/bin/python bench/audience_ingest.py [--duration 10] [--connections 16] [--exact 5000] [--redis]

In a database of its own (a temporary SQLite file with the demo newsroom; a PostgreSQL database
on the server DATABASE_URL names, created and dropped, when it names one), with gunicorn and its
2 sync workers started as the stack tests start them (tests/stack/servers.py), the beacon's rate
limit lifted (every hit comes from 127.0.0.1):

1. throughput: `wrk -t2 -cN -dS` POSTing the beacon /mesure/ for the demo's live articles in
   turn, one hit in ten from a robot (answered 204, not counted): hits answered a second, p50,
   p99, the views counted a second (the rows' sum after the run over its duration), and the
   workers' own CPU time per hit (what the other processes on the machine change least);
2. exactness: `--exact` hits sent by 8 threads over keep-alive connections, one in ten from a
   robot, then every article's count compared with what was sent to it.

`--redis` starts a redis-server and gives it to the application (REDIS_URL: the shared cache,
hence the rate limiter, live in Redis instead of the database cache), as in production.
"""

import argparse
import http.client
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import timing  # noqa: E402
from throughput import children, wrk  # noqa: E402

from tests.stack import servers  # noqa: E402

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
ROBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
ROBOT_EVERY = 10
SENDERS = 8

_ARTICLES = """
import json
from manchette.articles.models import ArticlePage
print(json.dumps(list(ArticlePage.objects.live().order_by("pk").values_list("pk", flat=True))))
"""
_COUNTS = """
import json
from django.db.models import Sum
from manchette.audience.models import DailyViews
rows = DailyViews.objects.filter(kind="articlepage").values("object_id").annotate(total=Sum("views"))
print(json.dumps({row["object_id"]: row["total"] for row in rows}))
"""


def _last_json(output: str) -> object:
    return json.loads(output.strip().splitlines()[-1])


def _cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time these processes have used (fields 14 and 15 of /proc/PID/stat)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / ticks


def _lua(articles: list[int]) -> str:
    """wrk's script: each request the beacon of the next article, every tenth from a robot."""
    ids = ", ".join(str(article) for article in articles)
    return f"""
local ids = {{{ids}}}
local n = 0
request = function()
  n = n + 1
  local agent = "{BROWSER}"
  if n % {ROBOT_EVERY} == 0 then agent = "{ROBOT}" end
  local body = "k=articlepage&p=" .. ids[(n % #ids) + 1] .. "&r=www.google.fr&n=0"
  return wrk.format("POST", "/mesure/", {{["Content-Type"] = "application/x-www-form-urlencoded",
                                         ["User-Agent"] = agent}}, body)
end
"""


def _send(port: int, hits: list[tuple[int, bool]], failures: list[str]) -> None:
    connection = http.client.HTTPConnection(servers.LOOPBACK, port, timeout=30)
    for article, robot in hits:
        body = urlencode({"k": "articlepage", "p": article, "r": "", "n": "0"})
        headers = {"Content-Type": "application/x-www-form-urlencoded",
                   "User-Agent": ROBOT if robot else BROWSER}
        try:
            connection.request("POST", "/mesure/", body=body, headers=headers)
            answer = connection.getresponse()
            answer.read()
            if answer.status != 204:
                failures.append(str(answer.status))
        except (OSError, http.client.HTTPException) as error:
            failures.append(type(error).__name__)
            connection.close()
            connection = http.client.HTTPConnection(servers.LOOPBACK, port, timeout=30)
    connection.close()


def exact_run(port: int, articles: list[int], total: int) -> tuple[Counter, float, list[str]]:
    """Sends `total` hits; returns what each article should count, the seconds taken, failures."""
    hits = [(articles[n % len(articles)], n % ROBOT_EVERY == ROBOT_EVERY - 1) for n in range(total)]
    expected = Counter(article for article, robot in hits if not robot)
    failures: list[str] = []
    threads = [threading.Thread(target=_send, args=(port, hits[n::SENDERS], failures))
               for n in range(SENDERS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return expected, time.perf_counter() - started, failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of the wrk run (default 10)")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (default 16)")
    parser.add_argument("--exact", type=int, default=5000, help="hits of the exactness run (default 5000)")
    parser.add_argument("--redis", action="store_true", help="the shared cache in a redis-server")
    options = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (Debian: apt-get install wrk)")

    print(f"Audience ingest (POST /mesure/) — {time.strftime('%Y-%m-%d %H:%M:%S')}")
    print(f"  {os.cpu_count()} CPU(s); load average before: {timing.load_average()}")
    with tempfile.TemporaryDirectory(prefix="manchette-audience-") as tmp_name:
        tmp = Path(tmp_name)
        database = servers.StackDatabase.create(tmp / "data")
        redis = servers.start_redis(tmp / "redis") if options.redis else None
        try:
            extra = {"AUDIENCE_RATE_LIMIT": "100000000/m/key"}
            if redis is not None:
                extra["REDIS_URL"] = f"redis://{servers.LOOPBACK}:{redis.port}/0"
            env = database.env(**extra)
            kind = "PostgreSQL" if database.postgres_name else "SQLite"
            where = "Redis" if redis else "the database"
            print(f"  gunicorn, 2 sync workers; {kind}; shared cache in {where}\n")
            app = servers.start_app(env, tmp / "app", workers=2)
            try:
                articles = _last_json(servers.run_manage(env, "shell", "-c", _ARTICLES))
                assert isinstance(articles, list) and articles
                script = tmp / "beacon.lua"
                script.write_text(_lua(articles))
                before = sum(_last_json(servers.run_manage(env, "shell", "-c", _COUNTS)).values())
                workers = children(app.popen.pid)
                cpu_before = _cpu_seconds(workers)
                row = wrk("beacon", app.url + "/mesure/", options.duration, options.connections,
                          script=script)
                cpu = _cpu_seconds(workers) - cpu_before
                counted = sum(_last_json(servers.run_manage(env, "shell", "-c", _COUNTS)).values()) - before
                print(f"  wrk -t2 -c{options.connections} -d{options.duration}s, one hit in {ROBOT_EVERY} "
                      "from a robot")
                print(f"    hits answered: {row.requests:,} = {row.requests_per_s or 0:,.0f}/s; "
                      f"p50 {row.p50}, p99 {row.p99}; errors: {row.errors} {row.note}")
                print(f"    views counted: {counted:,} = {counted / options.duration:,.0f}/s "
                      f"(robots not counted: ~{row.requests // ROBOT_EVERY:,})")
                # What the machine's load does not change much: the workers' own CPU per hit.
                if cpu and row.requests:
                    print(f"    gunicorn workers' CPU: {cpu:.1f} s, {1000 * cpu / row.requests:.1f} ms a hit "
                          f"= {row.requests / cpu:,.0f} hits per CPU-second")

                before_counts = _last_json(servers.run_manage(env, "shell", "-c", _COUNTS))
                expected, seconds, failures = exact_run(app.port, articles, options.exact)
                after_counts = _last_json(servers.run_manage(env, "shell", "-c", _COUNTS))
                assert isinstance(before_counts, dict) and isinstance(after_counts, dict)
                got = +Counter({int(key): value - before_counts.get(key, 0)
                                for key, value in after_counts.items()})
                exact = got == expected
                print(f"\n  exactness: {options.exact:,} hits by {SENDERS} threads in {seconds:.1f} s "
                      f"({options.exact / seconds:,.0f}/s, the Python senders share the 2 cores)")
                print(f"    {sum(expected.values()):,} reader hits over {len(expected)} articles, "
                      f"{options.exact - sum(expected.values()):,} robot hits; failures: {len(failures)}")
                print(f"    every article's count equals what it was sent: {'yes' if exact else 'NO'}")
                if not exact:
                    wrong = {key: (got.get(key, 0), sent) for key, sent in expected.items()
                             if got.get(key) != sent}
                    print(f"    (counted, sent) where they differ: {dict(list(wrong.items())[:10])}")
            finally:
                app.stop()
        finally:
            if redis is not None:
                redis.stop()
            database.drop()
    print(f"\n  load average after: {timing.load_average()}")


if __name__ == "__main__":
    main()
