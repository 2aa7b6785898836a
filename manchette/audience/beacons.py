"""What one beacon hit says, and whether it is a reader's view to count.

The same rules for both ways a hit arrives: the Django endpoint (the embedded default) and
the collector reading Varnish's log (production). A hit is a page's type and id, the
referring *host*, the newsletter and paywall marks, in the beacon's query string; the user
agent, the purpose headers and the client's address decide whether it is counted, and are
dropped right there: none of them goes further than `decide`.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from . import referrers, robots
from .limits import ClientLimiter

MAX_ID = 2**63 - 1
KIND = re.compile(r"^[a-z]{1,40}$")
FLAGS = {"": False, "0": False, "1": True}


@dataclass(frozen=True)
class Beacon:
    kind: str
    object_id: int
    source: str
    domain: str
    paywall: bool


class Outcome(Enum):
    COUNTED = "counted"
    INVALID = "invalid"
    ROBOT = "robot"
    LIMITED = "limited"


def parse(fields: Mapping[str, str], own_host: str) -> Beacon | None:
    """The beacon's fields (`k` type, `p` id, `r` referring host, `n` newsletter, `w` paywall),
    None when any is malformed."""
    kind = fields.get("k", "")
    raw_id = fields.get("p", "")
    host = referrers.clean_host(fields.get("r", "")[:255])
    newsletter = FLAGS.get(fields.get("n", ""))
    paywall = FLAGS.get(fields.get("w", ""))
    if (not KIND.match(kind) or not raw_id.isascii() or not raw_id.isdigit() or len(raw_id) > 19
            or host is None or newsletter is None or paywall is None):
        return None
    object_id = int(raw_id)
    if not 1 <= object_id <= MAX_ID:
        return None
    source, domain = referrers.classify(host, newsletter, own_host)
    return Beacon(kind, object_id, source, domain, paywall)


def decide(beacon: Beacon | None, user_agent: str, purposes: str, client: str,
           limiter: ClientLimiter) -> Outcome:
    """Whether a well-formed hit is a reader's view within the client's rate limit."""
    if beacon is None:
        return Outcome.INVALID
    if robots.not_a_reader(user_agent, purposes):
        return Outcome.ROBOT
    if not limiter.allowed(client):
        return Outcome.LIMITED
    return Outcome.COUNTED
