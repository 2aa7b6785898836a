"""Rate limits: making links (per subscriber) and trying tokens (per client).

Counted by allauth's limiter in the cache every process shares, like the login door
(manchette/accounts/limits.py). A client is counted under a hash of its address (the
limiter hashes a key), which lives only as long as the window: no address is kept.
"""

from allauth.core.internal import ratelimit
from django.http import HttpRequest

from manchette.accounts.limits import client_ip

# Making or showing again a link; withdrawing one. A subscriber offering ten articles in a
# month is far below; a script making links by the hundred is not.
OFFER_LIMITS = {"offer": "30/h/user"}
# Opening a gift link from one client: a reader opens a few; enumerating tokens takes millions.
OPEN_LIMITS = {"open": "60/h/key"}


def may_offer_now(request: HttpRequest) -> bool:
    return ratelimit.consume(request, app="gifts", action="offer", config=OFFER_LIMITS) is not None


def may_try_a_token(request: HttpRequest) -> bool:
    usage = ratelimit.consume(
        request, app="gifts", action="open", config=OPEN_LIMITS, key=client_ip(request), limit_get=True
    )
    return usage is not None
