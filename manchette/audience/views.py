"""The beacon's endpoint, when Django receives it (the embedded default, without Varnish).

Behind Varnish (production) the shipped VCL answers the beacon itself and the collector
counts it from Varnish's log (collector.py); the rules are the same (beacons.py).

CSRF-exempt on purpose: the request carries nothing we read but the page, the referring
host and the newsletter and paywall marks; it sets no cookie, reads no session and changes
nothing that belongs to anyone. A forged request can add a view at most, which the rate
limit bounds. The hit is added to the process's tally (buffer.py), folded into the database
every few seconds: no database query here.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from manchette.accounts import limits as account_limits

from . import beacons, limits, referrers, robots
from .buffer import BUFFER
from .models import Action

ARTICLE = "articlepage"


@never_cache
@csrf_exempt
@require_POST
def beacon(request: HttpRequest) -> HttpResponse:
    # The fields travel in the query string, so that Varnish's log carries them; a page
    # cached before that sent them as the POST's body.
    fields = request.GET if "k" in request.GET else request.POST
    found = beacons.parse(fields, _own_host(request))
    if found is None:
        return HttpResponse(_("Mesure d'audience : requête invalide."), status=400,
                            content_type="text/plain; charset=utf-8")
    outcome = beacons.decide(found, request.headers.get("User-Agent", ""), robots.request_purposes(request),
                             account_limits.client_ip(request), limits.PROCESS_LIMITER)
    if outcome is beacons.Outcome.COUNTED:
        now = timezone.now()
        BUFFER.tally.add_view(found.kind, found.object_id, found.source, found.domain, now)
        if found.paywall and found.kind == ARTICLE:
            BUFFER.tally.add_action(found.object_id, Action.PAYWALL, now)
        BUFFER.added()
    return HttpResponse(status=204)


def _own_host(request: HttpRequest) -> str:
    return referrers.clean_host(request.get_host()) or referrers.clean_host(
        settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0]
    ) or ""
