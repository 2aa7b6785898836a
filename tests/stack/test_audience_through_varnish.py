"""Views answered by Varnish from its cache are counted exactly, and nothing that is not a
reader is: a real Varnish (the shipped VCL) in front of a real gunicorn, Redis for the
shared cache, and the collector (`manage.py collect_audience`) reading Varnish's log, on
the demo newsroom.

A reader's browser does two things: it GETs the page (from Varnish's cache after the first
reader) and, once the page is visible, POSTs the beacon the page carries to /mesure/?k=….
Varnish answers the beacon itself; the collector counts it. The test does both, reading the
beacon's fields from the very HTML Varnish served, so a cached page that lost or mixed up its
beacon would count wrong here.
"""

import json
import re
import time
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
import redis

from .conftest import Stack, StackFactory
from .servers import PYTHON, Process, Response, request, spawn, wait_until

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Safari/604.1"
NOT_READERS = (
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0",
    "",
)
READERS = [f"127.0.0.{n}" for n in range(2, 6)]  # four machines, as Varnish sees them
VIEWS = 24
BEACON = re.compile(r'sendBeacon\("([^"?]+)\?"\+new URLSearchParams\(\{k:"([a-z]+)",p:"(\d+)"')
NOT_LIVE = "999999999"  # a page id no page has: the collector drops its views, and says so

_ARTICLE = """
import json
from manchette.articles.models import ArticlePage
article = ArticlePage.objects.live().filter(premium=False).order_by("pk").first()
print(json.dumps({"url": article.url, "id": article.pk}))
"""

# Every audience row, every column, as text: what the counting stored.
_ROWS = """
import json
from manchette.audience.models import DailyViews, HourlyViews
rows = []
for model in (DailyViews, HourlyViews):
    rows += [{"table": model._meta.db_table, **{k: str(v) for k, v in row.items()}}
             for row in model.objects.values()]
print(json.dumps(rows))
"""


@pytest.fixture(scope="module")
def stack(make_module_stack: StackFactory) -> Stack:
    return make_module_stack(apps=1, redis=True)


def start_collector(stack: Stack, name: str = "collector", **env: str) -> Process:
    """`manage.py collect_audience` on the stack's Varnish, once it reads Varnish's log: a
    beacon for a page that does not exist (never counted) is sent until the collector says it
    follows the log."""
    assert stack.varnish is not None
    command = [str(PYTHON), "manage.py", "collect_audience", "--varnish-workdir", str(stack.varnish.workdir)]
    env = {**stack.env, "AUDIENCE_COLLECT_SECONDS": "1", **env}
    collector = spawn(name, command, stack.folder / name, env)

    def reads_the_log() -> bool:
        _send_beacon(stack, {"endpoint": "/mesure/", "k": "articlepage", "p": NOT_LIVE}, BROWSER)
        return "following Varnish's log" in collector.output()

    try:
        wait_until(reads_the_log, timeout=60, interval=0.5, what="the collector reading Varnish's log")
    except TimeoutError:
        collector.stop()
        raise
    return collector


@pytest.fixture(scope="module")
def collector(stack: Stack) -> Iterator[Process]:
    process = start_collector(stack)
    yield process
    process.stop()


def _outcomes(collector: Process, name: str) -> int:
    """The sum of one outcome ("robot", "views folded"…) over the collector's reports."""
    return sum(int(found) for found in re.findall(rf"\b{name} (\d+)", collector.output()))


@pytest.fixture(scope="module")
def article(stack: Stack) -> dict:
    return json.loads(stack.manage("shell", "-c", _ARTICLE).strip().splitlines()[-1])


def _rows(stack: Stack) -> list[dict[str, str]]:
    return json.loads(stack.manage("shell", "-c", _ROWS).strip().splitlines()[-1])


def _views(stack: Stack, table: str = "audience_dailyviews") -> int:
    return sum(int(row["views"]) for row in _rows(stack) if row["table"] == table)


def _read(stack: Stack, path: str, agent: str, source: str = "127.0.0.2",
          headers: dict[str, str] | None = None) -> tuple[Response, dict[str, str]]:
    """GETs the page as a browser would, and returns it with the beacon's fields it carries."""
    page = request(stack.url + path, headers={"User-Agent": agent, **(headers or {})}, source_address=source)
    assert page.status == 200, (path, page.status)
    found = BEACON.search(page.text)
    assert found is not None, "the page carries no beacon"
    endpoint, kind, object_id = found.groups()
    return page, {"endpoint": endpoint, "k": kind, "p": object_id}


def _redis_contents(port: int) -> str:
    """Every key and value Redis holds, as one text."""
    client = redis.Redis(host="127.0.0.1", port=port)
    found = []
    for key in client.scan_iter():
        found.append(repr(key))
        kind = client.type(key)
        if kind == b"string":
            found.append(repr(client.get(key)))
        elif kind == b"list":
            found += [repr(value) for value in client.lrange(key, 0, -1)]
        elif kind == b"zset":
            found += [repr(value) for value in client.zrange(key, 0, -1)]
        elif kind == b"hash":
            found += [repr(item) for item in client.hgetall(key).items()]
        elif kind == b"set":
            found += [repr(value) for value in client.smembers(key)]
    return " ".join(found)


def _send_beacon(stack: Stack, beacon: dict[str, str], agent: str, source: str = "127.0.0.2",
                 referrer_host: str = "", headers: dict[str, str] | None = None) -> int:
    """The POST the page's script sends through Varnish once the page is visible: its fields in
    the address, no body (navigator.sendBeacon(url))."""
    query = urlencode({"k": beacon["k"], "p": beacon["p"], "r": referrer_host, "n": "0"})
    answer = request(f"{stack.url}{beacon['endpoint']}?{query}", "POST", body=b"", source_address=source,
                     headers={"User-Agent": agent, **(headers or {})})
    return answer.status


def test_views_served_from_varnish_cache_are_counted_exactly(stack: Stack, collector: Process,
                                                              article: dict) -> None:
    assert request(stack.url + article["url"], "PURGE").status == 200
    before = _views(stack)
    hits = 0
    for number in range(VIEWS):
        source = READERS[number % len(READERS)]
        page, beacon = _read(stack, article["url"], BROWSER if number % 2 else PHONE, source)
        hits += page.cache_hit
        assert beacon["k"] == "articlepage" and int(beacon["p"]) == article["id"]
        assert _send_beacon(stack, beacon, BROWSER if number % 2 else PHONE, source,
                            referrer_host="www.google.fr" if number % 3 == 0 else "") == 204
    # The first reader filled the cache; every other one was answered by Varnish alone.
    assert hits == VIEWS - 1
    wait_until(lambda: _views(stack) - before >= VIEWS, timeout=30, what="the views folded")
    assert _views(stack) - before == VIEWS
    assert _views(stack, "audience_hourlyviews") - before == VIEWS
    mine = {row["source"]: int(row["views"]) for row in _rows(stack)
            if row["table"] == "audience_dailyviews" and int(row["object_id"]) == article["id"]}
    assert mine == {"recherche": VIEWS // 3, "direct": VIEWS - VIEWS // 3}


def test_robots_previews_prefetches_and_health_probes_count_nothing(stack: Stack, collector: Process,
                                                                     article: dict) -> None:
    before = _views(stack)
    robots_before = _outcomes(collector, "robot")
    _read(stack, article["url"], BROWSER)  # the page is in the cache
    for agent in NOT_READERS:
        page, beacon = _read(stack, article["url"], agent)
        assert page.cache_hit
        # A robot that runs the page's script sends the beacon like a browser would.
        assert _send_beacon(stack, beacon, agent) == 204
    prefetches = ({"Sec-Purpose": "prefetch"}, {"Sec-Purpose": "prefetch;prerender"}, {"Purpose": "prefetch"})
    for purpose in prefetches:
        _, beacon = _read(stack, article["url"], BROWSER, headers=purpose)
        assert _send_beacon(stack, beacon, BROWSER, headers=purpose) == 204

    # Varnish's health probe asks the application for /robots.txt every 2 s: let a few pass.
    app = stack.apps[0]
    probes = app.output().count('"GET /robots.txt')
    wait_until(lambda: app.output().count('"GET /robots.txt') >= probes + 2, timeout=30,
               what="two more health probes")
    sent = len(NOT_READERS) + len(prefetches)
    wait_until(lambda: _outcomes(collector, "robot") - robots_before >= sent, timeout=30,
               what="the collector reporting the robots")
    assert _outcomes(collector, "robot") - robots_before == sent
    assert _views(stack) == before


def test_nothing_stored_names_a_reader(stack: Stack, collector: Process, article: dict) -> None:
    """The database's audience rows, every Redis key and value, and the servers' and the
    collector's logs hold none of the readers' addresses; the rows, Redis and the collector's
    log hold no browser description or beacon address either. The application servers never
    saw a beacon: Varnish answered them all."""
    _, beacon = _read(stack, article["url"], BROWSER, READERS[-1])
    assert _send_beacon(stack, beacon, BROWSER, READERS[-1], referrer_host="blog.example.org") == 204
    wait_until(lambda: "blog.example.org" in json.dumps(_rows(stack)), timeout=30, what="the view folded")
    rows = json.dumps(_rows(stack))
    assert stack.redis is not None
    dump = _redis_contents(stack.redis.port)
    logs = "".join(process.output() for process in [*stack.apps, stack.varnish] if process is not None)
    collected = collector.output()
    assert "views folded" in collected
    for reader in READERS:
        assert reader not in rows and reader not in dump and reader not in logs and reader not in collected
    for trace in ("Firefox", "iPhone", "Mozilla", "/mesure/", "k=articlepage"):
        assert trace not in rows and trace not in dump and trace not in collected
    assert "/mesure/" not in "".join(app.output() for app in stack.apps)


def test_a_stopped_collector_folds_what_it_read_and_says_so(stack: Stack, collector: Process,
                                                             article: dict) -> None:
    """SIGTERM (systemctl restart): the views read but not yet folded are folded before the
    collector leaves, and its last line gives the totals. Its folds are far apart here, so
    only the stop can have folded them. Its rate limit (4 an hour here) holds per reader,
    as Varnish passes on each reader's address."""
    collector.stop()
    patient = start_collector(stack, "patient-collector", AUDIENCE_COLLECT_SECONDS="600",
                              AUDIENCE_RATE_LIMIT="4/h/key")
    before = _views(stack)
    _, beacon = _read(stack, article["url"], BROWSER)
    for _ in range(5):
        assert _send_beacon(stack, beacon, BROWSER, source="127.0.0.6") == 204
    for _ in range(2):
        assert _send_beacon(stack, beacon, PHONE, source="127.0.0.7") == 204
    time.sleep(2)  # varnishncsa reads Varnish's log every few milliseconds: let it pass them on
    assert _views(stack) == before
    patient.stop(timeout=30)
    assert _views(stack) - before == 6
    last = patient.output().strip().splitlines()[-1]
    assert re.search(r"audience collector stopped: .*limited 1\b.*views folded 6\b", last), last
    assert "127.0.0" not in patient.output()
