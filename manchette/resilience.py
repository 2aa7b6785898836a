"""What readers get while the database is unreachable (restarted, failing over, overloaded).

Anonymous readers are served by the shared cache meanwhile; a request that reaches the
application and needs the database gets a short "service temporarily unavailable" page
(503, with Retry-After) instead of a 500 with a traceback in the logs. Nothing else is
needed to recover: with CONN_HEALTH_CHECKS, the next request opens a fresh connection.
"""

import logging
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

# Seconds a client (or Varnish, for its grace logic) is asked to wait before trying again.
RETRY_AFTER_SECONDS = 15


def unavailable_response() -> HttpResponse:
    """The 503 page; it renders without the database, the session or the reader's account."""
    response = HttpResponse(render_to_string("resilience/unavailable.html", request=None), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    """Turns a lost database connection during a view or its rendering into the 503 page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning("Database unavailable for %s %s: %s", request.method, request.path, exception)
        return unavailable_response()
