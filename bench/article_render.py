"""How long the application takes to render the demo lead article, and what the page weighs.

Run it against the database `make setup` creates (var/manchette.sqlite3 with the demo
content) or the one DATABASE_URL names:

    .venv/bin/python bench/article_render.py [--requests 300] [--warmup 30] [--no-postgres]

It measures, side by side in one run, in process (no network; Django's WSGI handler,
the application gunicorn runs; no response cache, the application's own fragment and
query caches warm):

1. the anonymous reader and the demo subscriber (a private, uncached render), on this
   database, then on PostgreSQL: the same measurements in a child process against
   BENCH_POSTGRES_URL (default postgres://manchette:manchette@127.0.0.1:5432/manchette_bench,
   created and loaded with the demo the first time; skipped when no server answers);
2. the page weight: HTML, CSS, JS and image bytes (the `src` of each <img>, not the
   srcset candidate a given viewport picks) and the number of subresources.

Targets (issue 8): anonymous median <= 5 ms and p95 <= 10 ms, subscriber median <= 10 ms.
Requests per second over HTTP are bench/throughput.py's.
"""

import argparse
import gzip
import io
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "manchette.settings")

import timing  # noqa: E402

PHASE_BUDGET_S = 60.0  # no single measuring loop runs longer than this
START_TIMEOUT_S = 30.0  # for a server to answer its first request
WRK_ARGS = ["-t2", "-c16", "-d5s", "--latency"]


# --------------------------------------------------------------------------- statistics


@dataclass
class Timings:
    label: str
    samples_ms: list[float]
    note: str = ""

    def row(self) -> str:
        samples = self.samples_ms
        if not samples:
            return f"{self.label:<52} {'(not measured)':>40}  {self.note}"
        per_second = 1000 / statistics.fmean(samples)
        return (
            f"{self.label:<52} {len(samples):>5} {statistics.median(samples):>8.2f} "
            f"{timing.percentile(samples, 0.95):>8.2f} {min(samples):>8.2f} {max(samples):>8.2f} "
            f"{per_second:>8.0f}"
            f"  {self.note}"
        )


TIMINGS_HEADER = f"{'':<52} {'n':>5} {'median':>8} {'p95':>8} {'min':>8} {'max':>8} {'req/s':>8}"


def measure(label: str, request: Callable[[], None], count: int, warmup: int, note: str = "") -> Timings:
    for _ in range(warmup):
        request()
    samples: list[float] = []
    deadline = time.monotonic() + PHASE_BUDGET_S
    while len(samples) < count and time.monotonic() < deadline:
        start = time.perf_counter()
        request()
        samples.append((time.perf_counter() - start) * 1000)
    if len(samples) < count:
        note = f"{note} stopped after {PHASE_BUDGET_S:.0f} s".strip()
    return Timings(label, samples, note)


# --------------------------------------------------------------------------- in process


def lead_article_path() -> str:
    from manchette.articles.models import ArticlePage
    from manchette.demo import content

    slug = content.ARTICLES[0]["slug"]
    article = ArticlePage.objects.live().filter(slug=slug).first()
    if article is None:
        sys.exit(f"The demo lead article ({slug}) is not in this database: run `make setup` first.")
    return urlsplit(article.get_url()).path


def site_host() -> str:
    from django.conf import settings

    return urlsplit(settings.SITE_URL).netloc or "127.0.0.1"


def wsgi_request(application, path: str, host: str, cookie: str = "") -> tuple[str, dict[str, str], bytes]:
    hostname, _, port = host.partition(":")
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "SCRIPT_NAME": "",
        "SERVER_NAME": hostname, "SERVER_PORT": port or "80", "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": host, "REMOTE_ADDR": "127.0.0.1", "HTTP_COOKIE": cookie,
        "wsgi.version": (1, 0), "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr, "wsgi.multithread": False, "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    response: dict = {}

    def start_response(status, headers, exc_info=None):
        response["status"], response["headers"] = status, dict(headers)

    chunks = application(environ, start_response)
    try:
        body = b"".join(chunks)
    finally:
        if hasattr(chunks, "close"):
            chunks.close()
    return response["status"], response["headers"], body


def count_queries(path: str) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        Client(HTTP_HOST=site_host()).get(path)
    return len(queries)


SUBSCRIBER_EMAIL = "abonne@manchette.test"


def subscriber_cookie() -> str | None:
    """A session cookie of the demo subscriber, as their browser would send it."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    subscriber = get_user_model().objects.filter(email=SUBSCRIBER_EMAIL).first()
    if subscriber is None:
        return None
    client = Client()
    client.force_login(subscriber)
    return "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())


def in_process(path: str, count: int, warmup: int, label: str) -> tuple[list[Timings], bytes, dict[str, str]]:
    from django.core.wsgi import get_wsgi_application

    host = site_host()
    application = get_wsgi_application()
    status, headers, html = wsgi_request(application, path, host)
    if not status.startswith("200"):
        sys.exit(f"GET {path} answered {status}")

    def reader(cookie: str) -> Callable[[], None]:
        def get() -> None:
            status, _headers, _body = wsgi_request(application, path, host, cookie)
            assert status.startswith("200"), status

        return get

    rows = [measure(f"{label}: anonymous", reader(""), count, warmup)]
    cookie = subscriber_cookie()
    if cookie:
        rows.append(measure(f"{label}: subscriber", reader(cookie), count, warmup, note="private render"))
    else:
        rows.append(Timings(f"{label}: subscriber", [], note=f"no {SUBSCRIBER_EMAIL} in this database"))
    return rows, html, headers


POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://manchette:manchette@127.0.0.1:5432/manchette_bench"
)


def postgres_rows(count: int, warmup: int) -> list[str]:
    """The same rows on PostgreSQL, from a child process with its own settings."""
    env = {**os.environ, "DATABASE_URL": POSTGRES_URL}
    env.pop("MANCHETTE_IMMEDIATE_TASKS", None)
    try:
        import psycopg

        parts = urlsplit(POSTGRES_URL)
        admin = POSTGRES_URL.replace(parts.path, "/postgres")
        with psycopg.connect(admin, autocommit=True, connect_timeout=5) as connection:
            name = parts.path.lstrip("/")
            if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                connection.execute(f'CREATE DATABASE "{name}"')
    except Exception as error:
        return [f"{'PostgreSQL':<52} (not measured: {str(error).splitlines()[0]})"]
    manage = [sys.executable, str(ROOT / "manage.py")]
    # Loading the demo makes its pictures' renditions there and then, as the worker would.
    setup_env = {**env, "MANCHETTE_IMMEDIATE_TASKS": "1"}
    for command in (["migrate", "--noinput", "-v0"], ["set_up_site"], ["load_demo"]):
        subprocess.run([*manage, *command], env=setup_env, check=True, capture_output=True, timeout=600)
    done = subprocess.run(
        [sys.executable, __file__, "--rows-only", "--requests", str(count), "--warmup", str(warmup)],
        env=env, capture_output=True, text=True, timeout=600, check=False,
    )
    return done.stdout.splitlines() or [f"PostgreSQL run failed: {done.stderr[-500:]}"]


# --------------------------------------------------------------------------- nginx (bench/throughput.py)


NGINX_CONF = """\
worker_processes 2;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 512; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    keepalive_requests 100000;
    server {{
        listen 127.0.0.1:{port};
        root {tmp}/www;
        location / {{
            default_type "text/html; charset=utf-8";
            # A reader asking for gzip gets article.html.gz: the bytes Varnish keeps.
            gzip_static on;
            try_files /article.html =404;
        }}
    }}
}}
"""


def nginx_command(tmp: Path, port: int, html: bytes) -> list[str]:
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not nginx:
        raise RuntimeError("nginx is not installed (Debian: apt-get install nginx)")
    (tmp / "www").mkdir()
    (tmp / "www" / "article.html").write_bytes(html)
    (tmp / "www" / "article.html.gz").write_bytes(gzip.compress(html))
    conf = tmp / "nginx.conf"
    conf.write_text(NGINX_CONF.format(tmp=tmp, port=port))
    # Run as root, nginx's workers become `nobody`: they must be able to read the page.
    for path in (tmp, tmp / "www", tmp / "www" / "article.html", tmp / "www" / "article.html.gz"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    return [nginx, "-p", str(tmp), "-c", str(conf), "-e", str(tmp / "nginx-error.log")]


# --------------------------------------------------------------------------- page weight


class Subresources(HTMLParser):
    """What a browser fetches for the page: stylesheets, scripts, images, icons."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.css: list[str] = []
        self.js: list[str] = []
        self.images: list[tuple[str, bool]] = []  # (src, lazy)
        self.icons: list[str] = []
        self.inline_js = 0
        self.json_ld = 0
        self._script_type: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        rel = attributes.get("rel", "").lower().split()
        if tag == "link" and "stylesheet" in rel:
            self.css.append(attributes["href"])
        elif tag == "link" and "icon" in rel:
            self.icons.append(attributes["href"])
        elif tag == "script":
            if attributes.get("src"):
                self.js.append(attributes["src"])
            self._script_type = attributes.get("type", "text/javascript")
        elif tag == "img" and attributes.get("src"):
            self.images.append((attributes["src"], attributes.get("loading") == "lazy"))

    def handle_data(self, data: str) -> None:
        if self._script_type is None:
            return
        if self._script_type == "application/ld+json":
            self.json_ld += len(data.encode())
        else:
            self.inline_js += len(data.encode())

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script_type = None


def fetch_in_process(url: str, base: str) -> bytes | None:
    """A same-site URL through Django (WhiteNoise serves static files, the media view media)."""
    from django.test import Client

    absolute = urljoin(base, url)
    parts = urlsplit(absolute)
    if parts.netloc and parts.netloc != urlsplit(base).netloc:
        return None  # another host: the page should not have any
    response = Client(HTTP_HOST=urlsplit(base).netloc).get(parts.path, QUERY_STRING=parts.query)
    if response.status_code != 200:
        return None
    return b"".join(response.streaming_content) if response.streaming else response.content


def page_weight(html: bytes, path: str) -> list[str]:
    base = f"http://{site_host()}{path}"
    found = Subresources()
    found.feed(html.decode())
    lines = []
    missing: list[str] = []

    def total(urls: list[str]) -> tuple[int, int]:
        raw = compressed = 0
        for url in urls:
            body = fetch_in_process(url, base)
            if body is None:
                missing.append(url)
                continue
            raw += len(body)
            compressed += len(gzip.compress(body, 6))
        return raw, compressed

    # url(...) inside the stylesheets are subresources too (fonts, background images).
    css_urls: list[str] = []
    for sheet in found.css:
        body = fetch_in_process(sheet, base) or b""
        for reference in re.findall(rb"url\(\s*['\"]?([^'\")]+)", body):
            if not reference.startswith(b"data:"):
                css_urls.append(urljoin(urljoin(base, sheet), reference.decode()))

    html_gz = len(gzip.compress(html, 6))
    css, css_gz = total(found.css)
    js, js_gz = total(found.js)
    eager = [src for src, lazy in found.images if not lazy]
    lazy = [src for src, lazy in found.images if lazy]
    eager_bytes, _ = total(eager)
    lazy_bytes, _ = total(lazy)
    icons, _ = total(found.icons)
    css_refs, _ = total(css_urls)
    count = len(found.css) + len(found.js) + len(found.images) + len(found.icons) + len(css_urls)
    lines.append(f"  HTML        {len(html):>9,} bytes  (gzip {html_gz:,})")
    lines.append(f"  CSS         {css:>9,} bytes  (gzip {css_gz:,}) in {len(found.css)} file(s)")
    lines.append(
        f"  JS          {js:>9,} bytes  (gzip {js_gz:,}) in {len(found.js)} file(s); "
        f"inline script {found.inline_js:,} bytes; JSON-LD data {found.json_ld:,} bytes (not executed)"
    )
    lines.append(
        f"  images      {eager_bytes + lazy_bytes:>9,} bytes  in {len(found.images)} <img src>: "
        f"{len(eager)} eager ({eager_bytes:,} bytes), {len(lazy)} lazy ({lazy_bytes:,} bytes)"
    )
    lines.append(f"  icons       {icons:>9,} bytes  in {len(found.icons)} file(s)")
    lines.append(f"  CSS url()   {css_refs:>9,} bytes  in {len(css_urls)} reference(s)")
    lines.append(f"  subresources: {count} (stylesheets, scripts, <img src>, icons, CSS url())")
    lines.append("  (images: each <img>'s src; the srcset candidate a browser picks depends on the viewport)")
    if missing:
        lines.append(f"  NOT FETCHED (other host or not 200): {missing}")
    return lines


# --------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=300, help="measured requests per row (default 300)")
    parser.add_argument("--warmup", type=int, default=30, help="requests before measuring (default 30)")
    parser.add_argument("--no-postgres", action="store_true", help="measure this database only")
    parser.add_argument("--rows-only", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    # Every request rendered, no copy of the page (set here, not on import: throughput.py
    # imports this module and starts servers that keep their copy).
    os.environ["PAGE_CACHE_SECONDS"] = "0"

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    path = lead_article_path()
    label = f"in process, {connection.vendor}"
    if options.rows_only:  # the PostgreSQL child of a full run
        for row in in_process(path, options.requests, options.warmup, label)[0]:
            print(row.row())
        return

    print(f"Manchette article page benchmark — {time.strftime('%Y-%m-%d %H:%M:%S')}")
    print(f"  page      {path} (the demo lead article)")
    print(f"  database  {connection.vendor} {connection.settings_dict['NAME']}")
    load = timing.load_average()
    print(f"  machine   python {sys.version.split()[0]}, {os.cpu_count()} CPU(s), load average {load}; "
          f"DEBUG={settings.DEBUG}")

    timings, html, headers = in_process(path, options.requests, options.warmup, label)
    print(f"  response  Cache-Control: {headers.get('Cache-Control', '(none)')}; "
          f"Set-Cookie: {'yes' if 'Set-Cookie' in headers else 'none'}; "
          f"{count_queries(path)} SQL queries per render (anonymous, warm)")
    print(
        f"\nTime per request, ms ({options.warmup} warm-up requests, "
        f"then up to {options.requests}, one after another)"
    )
    print(TIMINGS_HEADER)
    for row in timings:
        print(row.row())
    if not options.no_postgres and connection.vendor != "postgresql":
        for line in postgres_rows(options.requests, options.warmup):
            print(line)
    load = timing.load_average()
    print(f"  load average after: {load}")

    print("\nArticle page weight (anonymous reader)")
    for line in page_weight(html, path):
        print(line)


if __name__ == "__main__":
    main()
