"""Where a view came from, as a category: the referring page's host decides, nothing else.

The beacon sends the host of `document.referrer` (never its path or query) and whether the
page was opened from a newsletter link (`utm_source=newsletter` in its address). The lists
below are ours: the engines and networks French readers arrive from.
"""

import re

from .models import Source

# A host belongs to a family when it is one of these domains or a subdomain of one.
SEARCH_DOMAINS = (
    "bing.com", "duckduckgo.com", "qwant.com", "ecosia.org", "search.yahoo.com", "yahoo.com",
    "yandex.ru", "yandex.com", "baidu.com", "startpage.com", "search.brave.com", "lilo.org",
    "ask.com", "aol.com", "seznam.cz", "kagi.com", "perplexity.ai",
)
# Google answers under every country domain (google.fr, google.co.uk…): matched by label.
SEARCH_LABELS = ("google",)
SOCIAL_DOMAINS = (
    "facebook.com", "fb.com", "fb.me", "instagram.com", "t.co", "twitter.com", "x.com",
    "linkedin.com", "lnkd.in", "reddit.com", "bsky.app", "threads.net", "mastodon.social",
    "pinterest.com", "pinterest.fr", "youtube.com", "tiktok.com", "snapchat.com",
    "whatsapp.com", "t.me", "telegram.org", "tumblr.com", "flipboard.com",
)
HOST = re.compile(r"^[a-z0-9]([a-z0-9-]{0,62}\.)*[a-z0-9-]{1,63}$")
MAX_HOST = 100


def clean_host(raw: str) -> str | None:
    """The host, lower case, without port or "www."; None when it is not a host name."""
    host = raw.strip().lower().rstrip(".")
    host = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    if not host:
        return ""
    if len(host) > MAX_HOST or not HOST.match(host):
        return None
    return host.removeprefix("www.")


def _within(host: str, domains: tuple[str, ...]) -> bool:
    return any(host == domain or host.endswith("." + domain) for domain in domains)


def classify(referrer_host: str, from_newsletter: bool, own_host: str) -> tuple[str, str]:
    """(source, domain): the domain is kept only for other sites, the rest need none."""
    if from_newsletter:
        return Source.NEWSLETTER, ""
    if not referrer_host:
        return Source.DIRECT, ""
    if referrer_host == own_host:
        return Source.INTERNAL, ""
    if _within(referrer_host, SEARCH_DOMAINS) or any(
        label in SEARCH_LABELS for label in referrer_host.split(".")[:-1]
    ):
        return Source.SEARCH, ""
    if _within(referrer_host, SOCIAL_DOMAINS):
        return Source.SOCIAL, ""
    return Source.OTHER, referrer_host
