"""Audience ingest, both ways a beacon is counted, side by side; exact counts; the dashboard.

    DATABASE_URL=postgres://manchette:manchette@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/audience_ingest.py [--duration 10] [--connections 32] [--exact 100000] \\
        [--only embedded|production|screen]

1. embedded default: a temporary SQLite database with the demo, granian with 2 workers as
   `make run` serves it, no Redis, no Varnish; the beacon POST /mesure/?k=… reaches Django,
   which adds it to its process's tally, folded every AUDIENCE_BUFFER_SECONDS (1);
2. production stack: a PostgreSQL database of its own (created and dropped on the server
   DATABASE_URL names), Redis, gunicorn (2 workers), Varnish with the shipped VCL, which
   answers the beacon itself, and `manage.py collect_audience` counting it from Varnish's log.

For each: `wrk -t2 -cN -dS` sends the beacon for the demo's live articles in turn, one hit in
ten from a robot: hits answered a second, and views counted a second (what the tables gained,
once folded, over the run's duration). Then `--exact` hits (a tenth from robots) over 8
pipelined keep-alive connections (as fast as answered on the embedded default, paced at
`--rate` a second through Varnish, which answers far faster than the issue's 5,000), and
every article's count compared with what was sent to it.
The beacon's rate limit is lifted (every hit comes from 127.0.0.1).

3. the newsroom's Audience screen read on the production database after 10,000 articles'
   25 months of daily counts are generated there with generate_series (one row per article and
   day from its publication day, ~3.8 million; the day totals; the 30 last days' funnel steps
   for a third of the articles); then the scheduler's pass, which settles the closed days' week
   and month sums as it does once a day; median of 10 reads after a first (Django's test
   client in one process, logged in as the demo's admin), beside Wagtail's own /admin/ home.
"""

import argparse
import json
import os
import shutil
import socket
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import timing  # noqa: E402
from throughput import wrk  # noqa: E402

from tests.stack import servers  # noqa: E402

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
ROBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
ROBOT_EVERY = 10
CONNECTIONS = 8
PIPELINE = 100
ARCHIVE_ARTICLES = 10_000
ARCHIVE_DAYS = 760  # 25 months
GRANIAN = [str(ROOT / ".venv" / "bin" / "granian"), "--interface", "wsgi", "--host", servers.LOOPBACK,
           "--port", "{port}", "--workers", "2", "--log-level", "warning", "manchette.wsgi:application"]

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
# 10,000 article ids beyond the demo's (counts need no page), each published on a day of the last
# 760 and read every day since, from one of four sources; the demo's live articles get the most
# views, so the screen's lists resolve real titles. The last 30 days' funnel steps: paywalls shown
# from one article in 3, offers opened from one in 9, checkouts from one in 45, every day.
_ARCHIVE = """
from django.db import connection
from django.utils import timezone
from manchette.articles.models import ArticlePage
real = list(ArticlePage.objects.live().values_list("pk", flat=True))
today = timezone.localdate()
with connection.cursor() as cursor:
    cursor.execute('''
        INSERT INTO audience_dailyviews (kind, object_id, source, domain, day, views)
        SELECT 'articlepage', 1000000 + a, (ARRAY['direct','recherche','social','site'])[1 + (a + d) %% 4],
               CASE WHEN (a + d) %% 4 = 3 THEN 'example' || (a %% 50) || '.org' ELSE '' END,
               %s::date - d, 1 + (a * 7 + d) %% 50
        FROM generate_series(1, %s) a, generate_series(0, %s - 1) d WHERE d <= (a * 37) %% %s
        ON CONFLICT DO NOTHING''', [today, {articles}, {days}, {days}])
    for rank, pk in enumerate(real):
        cursor.execute('''
            INSERT INTO audience_dailyviews (kind, object_id, source, domain, day, views)
            SELECT 'articlepage', %s, 'direct', '', %s::date - d, 1000 - %s FROM generate_series(0, 29) d
            ON CONFLICT DO NOTHING''', [pk, today, rank])
    cursor.execute('''
        INSERT INTO audience_dailyactions (object_id, day, action, count)
        SELECT 1000000 + a, %s::date - d, action, 1 + a %% 5
        FROM generate_series(1, %s) a, generate_series(0, 29) d,
             unnest(ARRAY['paywall','offres','abonnement'], ARRAY[3, 9, 45]) AS steps(action, one_in)
        WHERE a %% one_in = 0
        ON CONFLICT DO NOTHING''', [today, {articles}])
    cursor.execute('''
        INSERT INTO audience_dailytotals (day, source, domain, views)
        SELECT day, source, domain, SUM(views) FROM audience_dailyviews GROUP BY day, source, domain
        ON CONFLICT (day, source, domain) DO UPDATE SET views = excluded.views''')
    # As autovacuum leaves 25 months of rows written long ago (visibility map and hint bits set):
    # the reads measured are a running site's, not the first ones over freshly loaded pages.
    for table in ("audience_dailyviews", "audience_dailyactions", "audience_dailytotals"):
        cursor.execute("VACUUM (ANALYZE) " + table)
    cursor.execute("SELECT count(*) FROM audience_dailyviews")
    print(cursor.fetchone()[0])
"""
_DASHBOARD = """
import statistics, time
from django.contrib.auth import get_user_model
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(get_user_model().objects.filter(is_superuser=True).first())
client.get("/admin/")  # the admin's templates and menus loaded once, as in a running server
for address in ("/admin/audience/", "/admin/"):
    times = []
    for _ in range(11):
        started = time.perf_counter()
        response = client.get(address)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    print(f"{1000 * statistics.median(times[1:]):.0f} {1000 * min(times[1:]):.0f} {1000 * times[0]:.0f}")
"""


def _last_json(output: str) -> object:
    return json.loads(output.strip().splitlines()[-1])


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
  return wrk.format("POST", "/mesure/?k=articlepage&p=" .. ids[(n % #ids) + 1] .. "&r=www.google.fr&n=0",
                    {{["User-Agent"] = agent, ["Content-Length"] = "0"}})
end
"""


def _request(article: int, robot: bool) -> bytes:
    return (f"POST /mesure/?k=articlepage&p={article}&r=&n=0 HTTP/1.1\r\nHost: {servers.LOOPBACK}\r\n"
            f"User-Agent: {ROBOT if robot else BROWSER}\r\nContent-Length: 0\r\n\r\n").encode()


def _send_pipelined(port: int, hits: list[tuple[int, bool]], failures: list[str], batch_every: float) -> None:
    """`hits` over one keep-alive connection, PIPELINE requests written before reading their
    answers, a batch every `batch_every` seconds at most (0: as fast as answered)."""
    started = time.monotonic()
    with socket.create_connection((servers.LOOPBACK, port), timeout=60) as connection:
        for number, start in enumerate(range(0, len(hits), PIPELINE)):
            wait = started + number * batch_every - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            batch = hits[start:start + PIPELINE]
            connection.sendall(b"".join(_request(article, robot) for article, robot in batch))
            received = b""
            while received.count(b"HTTP/1.1 ") < len(batch):
                chunk = connection.recv(65536)
                if not chunk:
                    failures.append("connection closed")
                    return
                received += chunk
            failures += ["not 204"] * (len(batch) - received.count(b"HTTP/1.1 204"))


def exact_run(port: int, articles: list[int], total: int, rate: int) -> tuple[Counter[int], float, list[str]]:
    """Sends `total` hits, `rate` a second at most (0: no limit); returns what each article
    should count, the seconds taken, failures."""
    hits = [(articles[n % len(articles)], n % ROBOT_EVERY == ROBOT_EVERY - 1) for n in range(total)]
    expected = Counter(article for article, robot in hits if not robot)
    failures: list[str] = []
    batch_every = PIPELINE * CONNECTIONS / rate if rate else 0
    threads = [threading.Thread(target=_send_pipelined,
                                args=(port, hits[n::CONNECTIONS], failures, batch_every))
               for n in range(CONNECTIONS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return expected, time.perf_counter() - started, failures


def _counts(env: dict[str, str]) -> Counter[int]:
    found = _last_json(servers.run_manage(env, "shell", "-c", _COUNTS))
    assert isinstance(found, dict)
    return Counter({int(key): value for key, value in found.items()})


def _settled(env: dict[str, str], before: Counter[int], expected: int, timeout: float = 120,
             still_seconds: float = 10) -> Counter[int]:
    """The counts gained since `before`, once the folds have caught up with `expected` views
    (or stopped moving for `still_seconds`)."""
    deadline = time.monotonic() + timeout
    last, still_since = -1, time.monotonic()
    while True:
        gained = _counts(env)
        gained.subtract(before)
        total = sum(gained.values())
        if total != last:
            last, still_since = total, time.monotonic()
        if total >= expected or time.monotonic() - still_since > still_seconds or time.monotonic() > deadline:
            return +gained
        time.sleep(1)


def measure(name: str, env: dict[str, str], port: int, options: argparse.Namespace, tmp: Path,
            rate: int = 0) -> None:
    articles = _last_json(servers.run_manage(env, "shell", "-c", _ARTICLES))
    assert isinstance(articles, list) and articles
    script = tmp / f"{name}.lua"
    script.write_text(_lua(articles))
    url = f"http://{servers.LOOPBACK}:{port}/mesure/"
    wrk("warm-up", url, 2, options.connections, script=script)
    before = _settled(env, Counter(), 10**12, still_seconds=3)  # the warm-up's views folded
    row = wrk("beacon", url, options.duration, options.connections, script=script)
    readers = row.requests - row.requests // ROBOT_EVERY
    counted = sum(_settled(env, before, readers).values())
    print(f"  {name}: wrk -t2 -c{options.connections} -d{options.duration}s, "
          f"one hit in {ROBOT_EVERY} from a robot")
    print(f"    hits answered: {row.requests:,} = {row.requests_per_s or 0:,.0f}/s; "
          f"p50 {row.p50}, p99 {row.p99}; errors: {row.errors} {row.note}")
    print(f"    views counted: {counted:,} = {counted / options.duration:,.0f}/s "
          f"(about {readers:,} reader hits sent)")

    before = _counts(env)
    expected, seconds, failures = exact_run(port, articles, options.exact, rate)
    got = _settled(env, before, sum(expected.values()))
    readers = sum(expected.values())
    print(f"    exactness: {options.exact:,} hits ({readers:,} readers over {len(expected)} articles, "
          f"{options.exact - readers:,} robots) in {seconds:.1f} s = {options.exact / seconds:,.0f}/s "
          f"by {CONNECTIONS} pipelined connections{f', paced at {rate:,}/s' if rate else ''}; "
          f"failures: {len(failures)}")
    print(f"    every article's count equals what it was sent: {'yes' if got == expected else 'NO'}")
    if got != expected:
        wrong = {key: (got.get(key, 0), sent) for key, sent in expected.items() if got.get(key) != sent}
        print(f"    (counted, sent) where they differ: {dict(list(wrong.items())[:10])}; "
              f"counted {sum(got.values()):,} of {sum(expected.values()):,}")


@contextmanager
def _without_postgres() -> Iterator[None]:
    """StackDatabase uses PostgreSQL when DATABASE_URL names it: the embedded default does not."""
    saved = os.environ.pop("DATABASE_URL", None)
    try:
        yield
    finally:
        if saved is not None:
            os.environ["DATABASE_URL"] = saved


def embedded(options: argparse.Namespace, tmp: Path) -> None:
    with _without_postgres():
        database = servers.StackDatabase.create(tmp / "embedded")
    env = database.env(AUDIENCE_RATE_LIMIT="100000000/m/key")
    app = servers.start_app(env, tmp / "embedded-app", command=GRANIAN)
    try:
        print("\n  1. embedded default: SQLite, granian 2 workers (make run), no Redis, no Varnish")
        measure("embedded", env, app.port or 0, options, tmp)
    finally:
        app.stop()


def screen(env: dict[str, str]) -> None:
    """The Audience screen read on the production database, once the archive is generated there."""
    print("\n  3. the Audience screen on a generated archive")
    started = time.perf_counter()
    rows = servers.run_manage(env, "shell", "-c", _ARCHIVE.format(articles=ARCHIVE_ARTICLES,
                                                                 days=ARCHIVE_DAYS)).split()[-1]
    print(f"    {ARCHIVE_ARTICLES:,} articles x up to {ARCHIVE_DAYS} days: {int(rows):,} daily rows "
          f"(generated in {time.perf_counter() - started:.0f} s with generate_series)")
    started = time.perf_counter()
    servers.run_manage(env, "run_scheduler", "--once")
    print(f"    the scheduler's pass (settling the closed days' week and month sums, among its other "
          f"reconcilers): {time.perf_counter() - started:.1f} s")
    read, home = [line.split() for line in
                  servers.run_manage(env, "shell", "-c", _DASHBOARD).strip().splitlines()[-2:]]
    print(f"    GET /admin/audience/: median {read[0]} ms, best {read[1]} ms, first {read[2]} ms "
          f"(10 reads after the first); load average {timing.load_average()}")
    print(f"    GET /admin/ (Wagtail's own home, beside it): median {home[0]} ms, best {home[1]} ms")


def screen_only(tmp: Path) -> None:
    database = servers.StackDatabase.create(tmp / "production")
    if database.postgres_name is None:
        print("\n  3. the Audience screen: not measured (DATABASE_URL names no PostgreSQL server)")
        return
    try:
        screen(database.env())
    finally:
        database.drop()


def production(options: argparse.Namespace, tmp: Path) -> None:
    database = servers.StackDatabase.create(tmp / "production")
    if database.postgres_name is None:
        print("\n  2. production stack: not measured (DATABASE_URL names no PostgreSQL server)")
        return
    redis = servers.start_redis(tmp / "redis")
    env = database.env(AUDIENCE_RATE_LIMIT="100000000/m/key",
                       REDIS_URL=f"redis://{servers.LOOPBACK}:{redis.port}/0")
    processes: list[servers.Process] = [redis]
    try:
        app = servers.start_app(env, tmp / "production-app", workers=2)
        processes.append(app)
        varnish = servers.start_varnish(tmp / "varnish", [app.address])
        processes.append(varnish)
        command = [str(servers.PYTHON), "manage.py", "collect_audience",
                   "--varnish-workdir", str(varnish.workdir)]
        collector = servers.spawn("collector", command, tmp / "collector", env)
        processes.append(collector)
        time.sleep(3)  # varnishncsa attaches to Varnish's log
        print("\n  2. production stack: PostgreSQL, Redis, gunicorn 2 workers, Varnish answering the beacon, "
              "collect_audience")
        measure("production", env, varnish.port or 0, options, tmp, rate=options.rate)
        collector.stop()
        lines = collector.output().strip().splitlines()
        print(f"    collector's last line: {lines[-1] if lines else '(none)'}")
        screen(env)
    finally:
        for process in reversed(processes):
            process.stop()
        database.drop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of each wrk run (default 10)")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections (default 32)")
    parser.add_argument("--exact", type=int, default=100_000,
                        help="hits of each exactness run (default 100,000)")
    parser.add_argument("--rate", type=int, default=6000,
                        help="hits a second of the production stack's exactness run (default 6,000)")
    parser.add_argument("--only", choices=["embedded", "production", "screen"],
                        help="one of the two stacks, or the Audience screen alone (its database only)")
    options = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (Debian: apt-get install wrk)")
    print(f"Audience ingest — {time.strftime('%Y-%m-%d %H:%M:%S')}")
    print(f"  {os.cpu_count()} CPU(s); load average before: {timing.load_average()}")
    with tempfile.TemporaryDirectory(prefix="manchette-audience-") as tmp_name:
        tmp = Path(tmp_name)
        tmp.chmod(0o755)  # Varnish's VCL compiler reads the backends file there
        if options.only == "screen":
            screen_only(tmp)
        if options.only in (None, "embedded"):
            embedded(options, tmp)
        if options.only in (None, "production"):
            production(options, tmp)
    print(f"\n  load average after: {timing.load_average()}")


if __name__ == "__main__":
    main()
