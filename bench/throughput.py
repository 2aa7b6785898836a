"""Requests per second on the anonymous article page, and memory per application process.

    .venv/bin/python bench/throughput.py [--duration 10] [--connections 64]

Against the database `make setup` creates (or DATABASE_URL), side by side in one run,
each with `wrk -t2 -c64 -d10s` after a short warm-up, on 127.0.0.1 only:

1. the application server alone, no shared cache (whatever the application caches
   itself: its few-second copy of anonymous pages, manchette/website/page_cache.py):
   gunicorn with 2 sync workers, then the same rendering every request
   (PAGE_CACHE_SECONDS=0; gunicorn against granian, in alternate rounds, is
   bench/app_servers.py's);
2. nginx serving the very same HTML bytes as a static file: the ceiling here;
3. Varnish (deploy/varnish/manchette.vcl) in front of gunicorn;
4. Varnish and nginx again, asked for gzip as browsers ask: Varnish keeps the page
   compressed and must inflate it for a client that does not take gzip, which wrk by
   default is not; nginx then serves the same compressed bytes (gzip_static);
5. memory: the resident size of each gunicorn worker after 10,000 rendered requests.

Servers are started and stopped with tests/stack/servers.py, the helpers the stack
tests use, so the bench and the tests run the same processes the same way.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "manchette.settings")

import timing  # noqa: E402
from article_render import lead_article_path, nginx_command  # noqa: E402

from tests.stack import servers  # noqa: E402

MEMORY_REQUESTS = 10_000
VARNISH = "Varnish in front of gunicorn"
VARNISH_GZIP = "Varnish, asked for gzip"
NGINX = "nginx, the same HTML bytes (static file)"
NGINX_GZIP = "nginx, asked for gzip (gzip_static)"
WARMUP_SECONDS = 2


@dataclass
class Row:
    label: str
    requests_per_s: float | None = None
    requests: int = 0
    p50: str = ""
    p99: str = ""
    errors: str = ""
    note: str = ""

    def line(self) -> str:
        if self.requests_per_s is None:
            return f"  {self.label:<46} {'(not measured)':>10}  {self.note}"
        return (
            f"  {self.label:<46} {self.requests_per_s:>10,.0f} {self.p50:>9} {self.p99:>9}  "
            f"{self.errors}{('  ' + self.note) if self.note else ''}"
        )


HEADER = f"  {'':<46} {'req/s':>10} {'p50':>9} {'p99':>9}  errors"


GZIP = ("Accept-Encoding: gzip",)


def wrk(label: str, url: str, seconds: int, connections: int, headers: tuple[str, ...] = (),
        script: Path | None = None) -> Row:
    """One wrk run; `script` is a Lua file that builds the requests (e.g. POSTs)."""
    executable = shutil.which("wrk")
    if not executable:
        return Row(label, note="wrk is not installed (Debian: apt-get install wrk)")
    command = [executable, "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for header in headers:
        command += ["-H", header]
    if script is not None:
        command += ["-s", str(script)]
    command.append(url)
    output = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 30, check=False).stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    total = re.search(r"(\d+) requests in", output)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE)
    errors = [line.strip() for line in output.splitlines() if "Socket errors" in line or "Non-2xx" in line]
    return Row(
        label,
        requests_per_s=float(rate.group(1)) if rate else None,
        requests=int(total.group(1)) if total else 0,
        p50=p50.group(1) if p50 else "?",
        p99=p99.group(1) if p99 else "?",
        errors="; ".join(errors) or "none",
        note="" if rate else output[-300:],
    )


def measured(label: str, url: str, seconds: int, connections: int, headers: tuple[str, ...] = ()) -> Row:
    # One request at a time first: every worker builds its caches without a queue of
    # 64 waiting connections that would still be draining when the measurement starts.
    for _ in range(20):
        servers.request(url)
    wrk(label, url, WARMUP_SECONDS, connections, headers)
    return wrk(label, url, seconds, connections, headers)


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def children(pid: int) -> list[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in found.read_text().split()] if found.exists() else []


def app_env() -> dict[str, str]:
    """The benchmark's own configuration (its database), for the servers it starts."""
    env = dict(os.environ)
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


@contextmanager
def app_server(tmp: Path, name: str, env: dict[str, str] | None = None) -> Iterator[servers.Process]:
    process = servers.start_app(env or app_env(), tmp / name, workers=2)
    try:
        yield process
    finally:
        process.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of each wrk run (default 10)")
    parser.add_argument("--connections", type=int, default=64, help="wrk connections (default 64)")
    options = parser.parse_args()

    import django

    django.setup()
    from django.db import connection

    path = lead_article_path()
    load = timing.load_average()
    print(f"Throughput of {path} (anonymous reader) — {time.strftime('%Y-%m-%d %H:%M:%S')}")
    print(f"  database {connection.vendor}; {os.cpu_count()} CPU(s); load average before: {load}")
    print(f"  wrk -t2 -c{options.connections} -d{options.duration}s, "
          f"after a {WARMUP_SECONDS} s warm-up each\n")
    rows: list[Row] = []
    memory = ""
    with tempfile.TemporaryDirectory(prefix="manchette-throughput-") as tmp_name:
        tmp = Path(tmp_name)
        tmp.chmod(0o755)  # nginx's and Varnish's workers (other users) read files in here
        with app_server(tmp, "gunicorn") as gunicorn:
            url = gunicorn.url + path
            html = servers.request(url).body
            rows.append(measured("gunicorn, 2 sync workers, its page copy", url, options.duration,
                                 options.connections))
            # Varnish in front of the same gunicorn.
            varnish = servers.start_varnish(tmp / "varnish", [gunicorn.address])
            try:
                rows.append(measured(VARNISH, varnish.url + path, options.duration, options.connections))
                rows.append(measured(VARNISH_GZIP, varnish.url + path, options.duration,
                                     options.connections, GZIP))
            finally:
                varnish.stop()
        # The same server rendering every request, without its few-second copy of the page;
        # its memory is the one that grows, if anything does.
        with app_server(tmp, "gunicorn-rendering", {**app_env(), "PAGE_CACHE_SECONDS": "0"}) as rendering:
            url = rendering.url + path
            rows.insert(1, measured("gunicorn, every request rendered", url, options.duration,
                                    options.connections))
            served = rows[1].requests
            while served < MEMORY_REQUESTS:
                served += wrk("memory", url, 5, options.connections).requests
            sizes = [resident_mb(pid) for pid in children(rendering.popen.pid)]
            memory = (
                f"  gunicorn workers after {served:,} rendered requests: "
                + ", ".join(f"{size:.0f} MB" for size in sizes)
                + f" resident (master {resident_mb(rendering.popen.pid):.0f} MB)"
            )
        nginx_dir = tmp / "nginx"
        nginx_dir.mkdir()
        try:
            nginx_port = servers.free_port()
            command = nginx_command(nginx_dir, nginx_port, html)
            nginx = servers.spawn("nginx", command, nginx_dir, port=nginx_port)
            nginx.wait_listening()
            try:
                nginx_url = f"http://{servers.LOOPBACK}:{nginx_port}{path}"
                rows.append(measured(NGINX, nginx_url, options.duration, options.connections))
                rows.append(measured(NGINX_GZIP, nginx_url, options.duration, options.connections, GZIP))
            finally:
                nginx.stop()
        except (RuntimeError, OSError) as error:
            rows.append(Row(NGINX, note=str(error).splitlines()[0]))

    print(HEADER)
    for row in rows:
        print(row.line())
    by_label = {row.label: row.requests_per_s for row in rows}
    for varnish_label, nginx_label in ((VARNISH, NGINX), (VARNISH_GZIP, NGINX_GZIP)):
        varnish_rate, nginx_rate = by_label.get(varnish_label), by_label.get(nginx_label)
        if nginx_rate and varnish_rate:
            print(f"  {varnish_label} / {nginx_label}: {varnish_rate / nginx_rate:.0%} (target: 50% or more)")
    print("\nMemory")
    print(memory)
    load = timing.load_average()
    print(f"  load average after: {load}")


if __name__ == "__main__":
    main()
