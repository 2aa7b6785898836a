"""Who is not a reader: robots, link previews, prefetches and Varnish's health probe.

The beacon runs only in a page a person has in front of them (visible, not prerendered), so
robots that do not run script never send it. Those that do (headless browsers, preview
services) are recognised by their user agent against the list below, which is ours. The
user agent is read here and nowhere kept. Varnish's probe asks /robots.txt, never the beacon.
"""

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


def is_robot(user_agent: str) -> bool:
    return not user_agent.strip() or ROBOT.search(user_agent.lower()) is not None


def is_prefetch(request: HttpRequest) -> bool:
    """Sec-Purpose (Chromium, Firefox), Purpose and X-Moz (older browsers) name a prefetch."""
    purposes = " ".join(
        request.headers.get(name, "") for name in ("Sec-Purpose", "Purpose", "X-Purpose", "X-Moz")
    ).lower()
    return "prefetch" in purposes or "prerender" in purposes or "preview" in purposes


def not_a_reader(request: HttpRequest) -> bool:
    return is_prefetch(request) or is_robot(request.headers.get("User-Agent", ""))
