"""gunicorn against granian for Manchette: which application server to run in production.

    .venv/bin/python bench/app_servers.py [--rounds 3] [--duration 10] [--workers 2]

Both serve the demo lead article to anonymous readers, with the same number of worker
processes, on a fresh copy of the demo database (SQLite, or PostgreSQL when DATABASE_URL
points at it), without Varnish and without Redis: what the application server and the
application's own caches do alone. Load: `wrk -t2 -c64 -d10s --latency`, after a 3 s
warm-up, in alternate rounds (gunicorn, granian, gunicorn, …) so that a busy moment of the
machine does not favour one of them. Prints each round and the median; the load average
is printed too, since on a 2-core machine anything else running shows in the figures.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.stack.servers import LOOPBACK, PYTHON, StackDatabase, run_manage, start_app  # noqa: E402

# The demo's lead article: the first of manchette/demo/content.py.
LEAD_URL = (
    "from manchette.articles.models import ArticlePage; from manchette.demo.content import ARTICLES; "
    "print(ArticlePage.objects.get(slug=ARTICLES[0]['slug']).url)"
)


def servers(workers: int) -> dict[str, list[str]]:
    granian = str(Path(PYTHON).parent / "granian")
    return {
        "gunicorn": [str(PYTHON), "-m", "gunicorn", "manchette.wsgi", "--bind", f"{LOOPBACK}:{{port}}",
                     "--workers", str(workers), "--log-level", "warning"],
        "granian": [granian, "--interface", "wsgi", "--host", LOOPBACK, "--port", "{port}",
                    "--workers", str(workers), "--log-level", "warning", "--no-ws",
                    "manchette.wsgi:application"],
    }


def wrk(url: str, duration: int, connections: int = 64) -> tuple[float, float, int]:
    """Requests per second, median latency in ms (of the answered requests), and errors:
    non-2xx/3xx answers plus requests that timed out (wrk gives up after 2 s)."""
    done = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url],
                          capture_output=True, text=True, check=True, timeout=duration + 30)
    out = done.stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)\b", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p50.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    timeouts = re.search(r"timeout (\d+)", out)
    failed = (int(errors.group(1)) if errors else 0) + (int(timeouts.group(1)) if timeouts else 0)
    return rate, float(p50.group(1)) * scale, failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    options = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk (make bench installs it)")
    folder = Path(tempfile.mkdtemp(prefix="manchette-app-servers-"))
    database = StackDatabase.create(folder / "data")
    try:
        # Every request rendered: the servers are compared on the application's work, not
        # on handing out its copy of the page (manchette/website/page_cache.py).
        env = {**database.env(), "PAGE_CACHE_SECONDS": "0"}
        path = run_manage(env, "shell", "--no-imports", "-c", LEAD_URL).strip().splitlines()[-1]
        print(f"App servers, anonymous demo lead article {path}, {options.workers} workers each, "
              f"wrk -t2 -c64 -d{options.duration}s; load average {os.getloadavg()[0]:.2f}")
        results: dict[str, list[tuple[float, float, int]]] = {name: [] for name in servers(options.workers)}
        for number in range(options.rounds):
            for name, command in servers(options.workers).items():
                app = start_app(env, folder / f"{name}-{number}", command=command)
                try:
                    url = f"http://{LOOPBACK}:{app.port}{path}"
                    wrk(url, 3)
                    rate, p50, errors = wrk(url, options.duration)
                finally:
                    app.stop()
                results[name].append((rate, p50, errors))
                print(f"  round {number + 1} {name:<9} {rate:>8.0f} req/s  p50 {p50:>7.1f} ms"
                      f"  errors {errors}")
        print(f"{'server':<10} {'req/s (median)':>15} {'p50 ms (median)':>16}")
        for name, rounds in results.items():
            print(f"{name:<10} {statistics.median(r[0] for r in rounds):>15.0f} "
                  f"{statistics.median(r[1] for r in rounds):>16.1f}")
        print(f"load average at the end {os.getloadavg()[0]:.2f}")
    finally:
        database.drop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
