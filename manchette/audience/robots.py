"""Who is not a reader: robots, link previews, prefetches and Varnish's health probe.

The beacon runs only in a page a person has in front of them (visible, not prerendered), so
robots that do not run script never send it. Those that do (headless browsers, preview
services) are recognised by their user agent against the list below, which is ours. The
user agent is read here and nowhere kept. Varnish's probe asks /robots.txt, never the beacon.
"""

import functools
import re

from django.http import HttpRequest

ROBOT_WORDS = (
    "bot", "crawl", "spider", "slurp", "scrap", "archiver", "facebookexternalhit", "facebot",
    "embedly", "preview", "whatsapp", "skypeuripreview", "vkshare", "w3c_validator",
    "headlesschrome", "phantomjs", "lighthouse", "pagespeed", "pingdom", "uptime", "monitor",
    "feedfetcher", "python-", "curl/", "wget/", "go-http-client", "java/", "okhttp", "libwww",
    "httpclient", "axios/", "node-fetch", "varnish", "validator", "check_http",
)
ROBOT = re.compile("|".join(re.escape(word) for word in ROBOT_WORDS))
# Sec-Purpose (Chromium, Firefox), Purpose, X-Purpose and X-Moz (older browsers) name a prefetch.
PURPOSE_HEADERS = ("Sec-Purpose", "Purpose", "X-Purpose", "X-Moz")
PREFETCH = re.compile("prefetch|prerender|preview")


def is_robot(user_agent: str) -> bool:
    return not user_agent.strip() or ROBOT.search(user_agent.lower()) is not None


def is_prefetch(purposes: str) -> bool:
    """`purposes`: the purpose headers' values, side by side."""
    return PREFETCH.search(purposes.lower()) is not None


def request_purposes(request: HttpRequest) -> str:
    return " ".join(request.headers.get(name, "") for name in PURPOSE_HEADERS)


@functools.lru_cache(maxsize=4096)  # a few browsers' agents make most views
def not_a_reader(user_agent: str, purposes: str) -> bool:
    return is_prefetch(purposes) or is_robot(user_agent)


def request_not_a_reader(request: HttpRequest) -> bool:
    return not_a_reader(request.headers.get("User-Agent", ""), request_purposes(request))
