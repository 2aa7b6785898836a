"""How long the server takes to render the demo lead article, and what the page weighs.

Run it against the database `make setup` creates (var/manchette.sqlite3 with the demo
content) or the one DATABASE_URL names:

    .venv/bin/python bench/article_render.py [--requests 300] [--warmup 30] [--no-http]

It measures, side by side in one run:

1. in process, no network: Django's WSGI handler (the application gunicorn runs)
   and Django's test Client, for an anonymous reader;
2. over HTTP on loopback: gunicorn with 2 sync workers, and nginx serving the very
   same HTML bytes as a static file (the floor an HTTP server and this client
   reach on this machine), with one sequential Python client (http.client, keeping
   the connection alive when the server allows it) and, if installed, with
   `wrk -t2 -c16 -d5s`.

Then the page weight: HTML, CSS, JS and image bytes (the `src` of each <img>, not
the srcset candidate a given viewport picks) and the number of subresources.

Everything listens on 127.0.0.1 only, every phase is bounded in time, and the
servers it starts are stopped when it exits, whatever happens.
"""

import argparse
import gzip
import http.client
import io
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "manchette.settings")

PHASE_BUDGET_S = 60.0  # no single measuring loop runs longer than this
START_TIMEOUT_S = 30.0  # for a server to answer its first request
WRK_ARGS = ["-t2", "-c16", "-d5s", "--latency"]


# --------------------------------------------------------------------------- statistics


@dataclass
class Timings:
    label: str
    samples_ms: list[float]
    note: str = ""

    def percentile(self, fraction: float) -> float:
        """Nearest-rank percentile."""
        ordered = sorted(self.samples_ms)
        rank = max(1, round(fraction * len(ordered) + 0.5 - 1e-9))
        return ordered[min(rank, len(ordered)) - 1]

    def row(self) -> str:
        samples = self.samples_ms
        if not samples:
            return f"{self.label:<52} {'(not measured)':>40}  {self.note}"
        per_second = 1000 / statistics.fmean(samples)
        return (
            f"{self.label:<52} {len(samples):>5} {statistics.median(samples):>8.2f} "
            f"{self.percentile(0.95):>8.2f} {min(samples):>8.2f} {max(samples):>8.2f} {per_second:>8.0f}"
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


def wsgi_request(application, path: str, host: str) -> tuple[str, dict[str, str], bytes]:
    hostname, _, port = host.partition(":")
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "SCRIPT_NAME": "",
        "SERVER_NAME": hostname, "SERVER_PORT": port or "80", "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": host, "REMOTE_ADDR": "127.0.0.1",
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


def in_process(path: str, count: int, warmup: int) -> tuple[list[Timings], bytes, dict[str, str]]:
    from django.core.wsgi import get_wsgi_application
    from django.test import Client

    host = site_host()
    application = get_wsgi_application()
    status, headers, html = wsgi_request(application, path, host)
    if not status.startswith("200"):
        sys.exit(f"GET {path} answered {status}")

    def through_wsgi() -> None:
        status, _headers, _body = wsgi_request(application, path, host)
        assert status.startswith("200"), status

    client = Client(HTTP_HOST=host)

    def through_client() -> None:
        client.cookies.clear()  # always the anonymous reader
        assert client.get(path).status_code == 200

    return (
        [
            measure("in process: Django WSGI handler", through_wsgi, count, warmup),
            measure(
                "in process: Django test Client", through_client, count, warmup,
                note="keeps its database connection between requests",
            ),
        ],
        html,
        headers,
    )


# --------------------------------------------------------------------------- servers


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop(process: subprocess.Popen) -> None:
    """Stops a server we started (and its workers: it leads its own process group)."""
    if process.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


@contextmanager
def running(command: list[str], port: int, path: str, log: Path, cwd: Path) -> Iterator[subprocess.Popen]:
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            command, cwd=cwd, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        wait_until_serving(process, port, path, log)
        yield process
    finally:
        stop(process)


def wait_until_serving(process: subprocess.Popen, port: int, path: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited ({process.returncode}):\n{log.read_text()[-2000:]}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", path)
            status = connection.getresponse().status
            connection.close()
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{process.args[0]} did not answer on 127.0.0.1:{port} within {START_TIMEOUT_S:.0f} s")


def gunicorn_command(port: int) -> list[str]:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    executable = str(gunicorn) if gunicorn.exists() else shutil.which("gunicorn")
    if not executable:
        raise RuntimeError("gunicorn is not installed in this environment")
    return [
        executable, "manchette.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2",
        "--worker-class", "sync", "--log-level", "warning", "--timeout", "30",
    ]


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
    conf = tmp / "nginx.conf"
    conf.write_text(NGINX_CONF.format(tmp=tmp, port=port))
    # Run as root, nginx's workers become `nobody`: they must be able to read the page.
    for path in (tmp, tmp / "www", tmp / "www" / "article.html"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    return [nginx, "-p", str(tmp), "-c", str(conf), "-e", str(tmp / "nginx-error.log")]


def http_client_loop(label: str, port: int, path: str, count: int, warmup: int) -> Timings:
    """One sequential client; http.client reconnects by itself when the server closes."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    kept_alive = []

    def get() -> None:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        assert response.status == 200, response.status
        kept_alive.append(not response.will_close)

    try:
        timings = measure(label, get, count, warmup)
    finally:
        connection.close()
    timings.note = "keep-alive" if all(kept_alive) else "new connection per request (server closes)"
    return timings


@dataclass
class WrkResult:
    label: str
    requests_per_s: float | None = None
    p50: str = ""
    p99: str = ""
    errors: str = ""
    note: str = ""

    def row(self) -> str:
        if self.requests_per_s is None:
            return f"{self.label:<52} {'(not measured)':>10}  {self.note}"
        return f"{self.label:<52} {self.requests_per_s:>10.0f} {self.p50:>10} {self.p99:>10}  {self.errors}"


WRK_HEADER = f"{'':<52} {'req/s':>10} {'p50':>10} {'p99':>10}  errors"


def run_wrk(label: str, port: int, path: str) -> WrkResult:
    wrk = shutil.which("wrk")
    if not wrk:
        return WrkResult(label, note="wrk is not installed (Debian: apt-get install wrk)")
    try:
        output = subprocess.run(
            [wrk, *WRK_ARGS, f"http://127.0.0.1:{port}{path}"],
            capture_output=True, text=True, timeout=30, check=True,
        ).stdout
    except (subprocess.SubprocessError, OSError) as error:
        return WrkResult(label, note=f"wrk failed: {error}")
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE)
    errors = [
        line.strip() for line in output.splitlines()
        if "Socket errors" in line or "Non-2xx" in line
    ]
    return WrkResult(
        label,
        requests_per_s=float(rate.group(1)) if rate else None,
        p50=p50.group(1) if p50 else "?",
        p99=p99.group(1) if p99 else "?",
        errors="; ".join(errors) or "none",
        note="" if rate else output[-500:],
    )


def over_http(path: str, html: bytes, count: int, warmup: int) -> tuple[list[Timings], list[WrkResult]]:
    timings: list[Timings] = []
    wrk_results: list[WrkResult] = []
    with tempfile.TemporaryDirectory(prefix="manchette-bench-") as tmp_name:
        tmp = Path(tmp_name)
        servers = [
            ("gunicorn, 2 sync workers (renders)", lambda port: gunicorn_command(port)),
            ("nginx, same HTML bytes (static file)", lambda port: nginx_command(tmp, port, html)),
        ]
        for name, command_for in servers:
            port = free_port()
            label = f"HTTP loopback: {name}"
            try:
                command = command_for(port)
                with running(command, port, path, tmp / f"{command[0].rsplit('/', 1)[-1]}.log", ROOT):
                    timings.append(http_client_loop(label, port, path, count, warmup))
                    wrk_results.append(run_wrk(f"wrk: {name}", port, path))
            except (RuntimeError, OSError, AssertionError) as error:
                timings.append(Timings(label, [], note=str(error).splitlines()[0]))
                wrk_results.append(WrkResult(f"wrk: {name}", note="server did not run"))
    return timings, wrk_results


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
    parser.add_argument("--no-http", action="store_true", help="skip gunicorn, nginx and wrk")
    options = parser.parse_args()

    # A SIGTERM or Ctrl-C still runs the `finally` blocks that stop the servers.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    path = lead_article_path()
    print(f"Manchette article page benchmark — {time.strftime('%Y-%m-%d %H:%M:%S')}")
    print(f"  page      {path} (the demo lead article, anonymous reader)")
    print(f"  database  {connection.vendor} {connection.settings_dict['NAME']}")
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"  machine   python {sys.version.split()[0]}, {os.cpu_count()} CPU(s), load average {load}; "
          f"DEBUG={settings.DEBUG}")

    timings, html, headers = in_process(path, options.requests, options.warmup)
    print(f"  response  Cache-Control: {headers.get('Cache-Control', '(none)')}; "
          f"Set-Cookie: {'yes' if 'Set-Cookie' in headers else 'none'}; "
          f"{count_queries(path)} SQL queries per render")
    wrk_results: list[WrkResult] = []
    if not options.no_http:
        http_timings, wrk_results = over_http(path, html, options.requests, options.warmup)
        timings += http_timings

    print(
        f"\nTime per request, ms ({options.warmup} warm-up requests, "
        f"then up to {options.requests}, one after another)"
    )
    print(TIMINGS_HEADER)
    for row in timings:
        print(row.row())
    if wrk_results:
        print(f"\nwrk {' '.join(WRK_ARGS)} (2 threads, 16 connections, 5 s)")
        print(WRK_HEADER)
        for result in wrk_results:
            print(result.row())

    print("\nArticle page weight (anonymous reader)")
    for line in page_weight(html, path):
        print(line)


if __name__ == "__main__":
    main()
