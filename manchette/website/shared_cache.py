"""The embedded default's cache: this process's memory, with the rate limits in the database.

Page fragments and routes are cached per process (local memory): fast, and lost on a restart
without harm. The rate limits (allauth's limiter: the login and sign-up doors, see
manchette/accounts/limits.py, and the newsletter signup) count in the default cache too, and
a count per process is no limit: `make run`'s two workers each granted the whole budget, and
a restart granted it again. Their keys, and the locks the limiter takes on them, go to the
database cache instead, which every process reads and which outlives them. In production the
default cache is Redis, shared already, and this class is not used.
"""

from collections.abc import Callable
from typing import Any

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

# allauth's limiter names every key "allauth:rl:<app>:<action>:<rate>:<client or key>[:lock]".
RATE_LIMIT_PREFIX = "allauth:rl:"


def _routed(name: str) -> Callable[..., Any]:
    local = getattr(LocMemCache, name)

    def method(self: "LocalWithSharedLimits", key: str, *args: Any, **kwargs: Any) -> Any:
        if key.startswith(RATE_LIMIT_PREFIX):
            return getattr(caches[self.shared_alias], name)(key, *args, **kwargs)
        return local(self, key, *args, **kwargs)

    method.__name__ = name
    return method


class LocalWithSharedLimits(LocMemCache):
    """LocMemCache, but keys of the rate limiter go to the cache OPTIONS["SHARED"] names.

    The limiter only calls add, get, set and delete (Django's get_many, get_or_set and decr
    go through these). clear() empties this process's memory only: the shared entries expire
    on their own, and tests empty them with their database.
    """

    def __init__(self, name: str, params: dict[str, Any]) -> None:
        super().__init__(name, params)
        self.shared_alias = params.get("OPTIONS", {})["SHARED"]

    add = _routed("add")
    get = _routed("get")
    set = _routed("set")
    touch = _routed("touch")
    incr = _routed("incr")
    delete = _routed("delete")
    has_key = _routed("has_key")

