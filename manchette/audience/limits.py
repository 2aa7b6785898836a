"""The beacon's rate limit, per client address, through the limiter every form uses.

allauth's limiter keeps a key's recent timestamps in the cache (Redis, or the embedded
default's database cache) for the limit's period. The key is a keyed hash of the address
(HMAC with the site's secret), which the limiter hashes again: the address itself is never
written anywhere, and the entry expires a minute after the last view.
"""

import hashlib
import hmac

from allauth.core.internal import ratelimit
from django.conf import settings
from django.http import HttpRequest

from manchette.accounts import limits as account_limits


def _client_key(request: HttpRequest) -> str:
    address = account_limits.client_ip(request)
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def allowed(request: HttpRequest) -> bool:
    config = {"beacon": settings.AUDIENCE_RATE_LIMIT}
    return bool(
        ratelimit.consume(request, app="audience", action="beacon", config=config, key=_client_key(request))
    )
