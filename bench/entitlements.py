"""What the paywall costs: the entitlement check, and the article page per kind of reader.

Run it against the database `make setup` creates (or DATABASE_URL):

    .venv/bin/python bench/entitlements.py [--requests 200]

Prints, side by side, in one run: the time of `may_read_in_full` for an anonymous
reader, a free reader and a subscriber; and the server time to render the demo lead
article (premium) through Django's WSGI stack for the same three readers.
"""

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import timing

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "manchette.settings")

READER_EMAIL = "lecteur@manchette.test"
SUBSCRIBER_EMAIL = "abonne@manchette.test"


def measure(action: Callable[[], object], count: int, warmup: int = 20) -> list[float]:
    for _ in range(warmup):
        action()
    timings = []
    for _ in range(count):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def summary(label: str, timings: list[float]) -> str:
    return "" + timing.summary(label, timings, width=44, decimals=3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import AnonymousUser
    from django.test import Client

    from manchette.articles.models import ArticlePage
    from manchette.demo.content import ARTICLES
    from manchette.subscriptions.entitlements import may_read_in_full

    lead = ArticlePage.objects.get(slug=ARTICLES[0]["slug"])
    users = get_user_model().objects
    readers = {
        "anonymous": AnonymousUser(),
        "free reader": users.get(email=READER_EMAIL),
        "subscriber": users.get(email=SUBSCRIBER_EMAIL),
    }
    print(f"Article: {lead.title} (premium={lead.premium}) {lead.url}\n")
    print("Entitlement check, subscriptions.entitlements.may_read_in_full:")
    for name, user in readers.items():
        timings = measure(lambda user=user: may_read_in_full(user, lead), args.requests * 10)
        print(summary(f"  {name}", timings))

    print("\nArticle page, Django's WSGI stack (test Client), no network:")
    for name, user in readers.items():
        client = Client()
        if user.is_authenticated:
            client.force_login(user)

        def fetch(client=client) -> None:
            response = client.get(lead.url)
            assert response.status_code == 200, response.status_code

        print(summary(f"  {name}", measure(fetch, args.requests)))


if __name__ == "__main__":
    main()
