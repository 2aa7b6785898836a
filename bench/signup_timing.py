"""Does the answer's timing tell which addresses have an account? Sign-up and reset, timed.

Run it against the database `make setup` creates (or DATABASE_URL):

    .venv/bin/python bench/signup_timing.py [--requests 30]

Posts the sign-up form through Django's whole stack (test Client, no network) with an
address that has an account and with new ones, interleaved, and prints the server time
of each kind side by side: with Manchette's sign-up form, then with allauth's own form
(what ran before issue 13: a new address cost a password hash that a taken one did not).
Then the password reset form, for a known and an unknown address.

Every request runs in a transaction that is rolled back, so the database is left as it
was; mail goes to memory; rate limits are off (this measures the work, not the limits).
"""

import argparse
import itertools
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import timing

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "manchette.settings")

EXISTING = "lecteur@manchette.test"  # a demo reader
PASSWORD = "Cormoran-Violet-2031"  # noqa: S105 - the new accounts' password, rolled back


def timed(action: Callable[[], int]) -> float:
    from django.db import transaction

    with transaction.atomic():
        start = time.perf_counter()
        status = action()
        elapsed = (time.perf_counter() - start) * 1000
        transaction.set_rollback(True)
    assert status == 302, status
    return elapsed


def summary(label: str, timings: list[float]) -> str:
    return "  " + timing.summary(label, timings, width=30, decimals=1)


def compare(
    title: str, first: tuple[str, Callable[[], int]], second: tuple[str, Callable[[], int]], count: int
) -> None:
    for _warmup in range(3):
        timed(first[1])
        timed(second[1])
    results: dict[str, list[float]] = {first[0]: [], second[0]: []}
    for _round in range(count):
        for label, action in (first, second):
            results[label].append(timed(action))
    print(title)
    for label, timings in results.items():
        print(summary(label, timings))
    gap = statistics.median(results[second[0]]) - statistics.median(results[first[0]])
    print(f"  {'difference of medians':<30} {gap:+.1f} ms\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client, override_settings

    if not get_user_model().objects.filter(email=EXISTING).exists():
        sys.exit(f"No account for {EXISTING}: run `make setup` (it loads the demo) first.")

    serial = itertools.count()
    client = Client()

    def signup(email: str) -> Callable[[], int]:
        def post() -> int:
            address = email or f"nouvelle{next(serial)}@example.org"
            data = {"email": address, "password1": PASSWORD, "password2": PASSWORD}
            return client.post("/compte/signup/", data).status_code

        return post

    def reset(email: str) -> Callable[[], int]:
        return lambda: client.post("/compte/password/reset/", {"email": email}).status_code

    quiet = {
        "ACCOUNT_RATE_LIMITS": False,
        "MAILERS": {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}},
    }
    print(f"Server time per request (Django's stack, no network), {args.requests} of each, interleaved.\n")
    with override_settings(**quiet):
        compare(
            "Sign-up, Manchette's form (a taken address costs a password hash too):",
            ("address with an account", signup(EXISTING)),
            ("new address", signup("")),
            args.requests,
        )
    with override_settings(**quiet, ACCOUNT_FORMS={}):
        compare(
            "Sign-up, allauth's own form (before issue 13):",
            ("address with an account", signup(EXISTING)),
            ("new address", signup("")),
            args.requests,
        )
    with override_settings(**quiet):
        compare(
            "Password reset:",
            ("address with an account", reset(EXISTING)),
            ("address without one", reset("personne@example.org")),
            args.requests,
        )


if __name__ == "__main__":
    main()
