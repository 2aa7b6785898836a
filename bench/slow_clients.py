"""Slow clients against a running site: can a handful of them keep everyone else waiting?

    .venv/bin/python bench/slow_clients.py             # gunicorn's sync workers, then granian
    .venv/bin/python bench/slow_clients.py --url http://127.0.0.1:PORT --path /newsletters/SLUG/inscription/

Issue 21's method: SLOW clients post a form whose body they send at one byte a second (the
headers announce 1,000 bytes), while one client asks for a page (--page, the home page by
default) every half second
and times each answer (a 5 s timeout counts as no answer). Prints the answered and
unanswered page requests, the longest wait, and the longest run of seconds without an answer.
"""

import argparse
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.app_servers import servers  # noqa: E402
from tests.stack.servers import StackDatabase, start_app  # noqa: E402

TIMEOUT = 5.0


def slow_post(host: str, port: int, path: str, stop: threading.Event) -> None:
    try:
        with socket.create_connection((host, port), timeout=120) as sock:
            sock.sendall(
                f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n".encode()
            )
            while not stop.wait(1.0):
                sock.sendall(b"a")
    except OSError:
        pass  # the server closed it: the next client takes its place below


def slow_client(host: str, port: int, path: str, stop: threading.Event) -> None:
    while not stop.is_set():
        slow_post(host, port, path, stop)


def page(host: str, port: int, path: str) -> float | None:
    started = time.monotonic()
    try:
        with socket.create_connection((host, port), timeout=TIMEOUT) as sock:
            sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode())
            first = sock.recv(64)
            if not first.startswith(b"HTTP/1.1 200"):
                return None
            while sock.recv(65536):
                pass
    except OSError:
        return None
    return time.monotonic() - started


def measure(url: str, path: str, slow: int, seconds: float, timed: str) -> str:
    parts = urlsplit(url)
    host, port = parts.hostname, parts.port or 80
    stop = threading.Event()
    for _ in range(slow):
        threading.Thread(target=slow_client, args=(host, port, path, stop), daemon=True).start()
    time.sleep(1.0)
    answered, missed, longest, gap, gap_start = [], 0, 0.0, 0.0, None
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        asked = time.monotonic()
        waited = page(host, port, timed)
        if waited is None:
            missed += 1
            gap_start = gap_start or asked
        else:
            answered.append(waited)
            longest = max(longest, waited)
            if gap_start is not None:
                gap = max(gap, time.monotonic() - gap_start)
                gap_start = None
        time.sleep(max(0.0, 0.5 - (time.monotonic() - asked)))
    if gap_start is not None:
        gap = max(gap, time.monotonic() - gap_start)
    stop.set()
    return (f"{slow} slow clients, {seconds:.0f} s: {len(answered)} pages answered, {missed} not "
            f"(timeout {TIMEOUT:.0f} s); longest answer {longest:.2f} s; "
            f"longest time without an answer {gap:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", help="a running site; without it, each server on a fresh demo database")
    parser.add_argument("--path", default="/newsletters/international/inscription/")
    parser.add_argument("--slow", type=int, default=6)
    parser.add_argument("--seconds", type=float, default=40.0)
    # Behind Varnish, a page it does not cache (/compte/login/) shows whether a worker answers.
    parser.add_argument("--page", default="/")
    args = parser.parse_args()
    if args.url:
        print(measure(args.url, args.path, args.slow, args.seconds, args.page))
        return
    folder = Path(tempfile.mkdtemp(prefix="manchette-slow-clients-"))
    database = StackDatabase.create(folder / "data")
    try:
        for name, command in servers(2).items():  # gunicorn: make run's former server
            app = start_app(database.env(), folder / name, command=command)
            try:
                print(f"{name}, 2 workers: {measure(app.url, args.path, args.slow, args.seconds, args.page)}")
            finally:
                app.stop()
    finally:
        database.drop()


if __name__ == "__main__":
    main()
