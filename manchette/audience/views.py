"""The beacon's endpoint: one view counted, nothing about the reader kept.

CSRF-exempt on purpose: the request carries nothing we read but the page, the referring
host and the newsletter mark; it sets no cookie, reads no session and changes nothing that
belongs to anyone. A forged request can add a view at most, which the rate limit bounds.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import limits, referrers, robots, services
from .forms import BeaconForm
from .models import Action


@never_cache
@csrf_exempt
@require_POST
def beacon(request: HttpRequest) -> HttpResponse:
    form = BeaconForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("Mesure d'audience : requête invalide."), status=400,
                            content_type="text/plain; charset=utf-8")
    if robots.not_a_reader(request) or not limits.allowed(request):
        return HttpResponse(status=204)
    data = form.cleaned_data
    page = services.PageRef(data["k"], data["p"])
    if not services.page_exists(page):
        return HttpResponse(status=204)
    source, domain = referrers.classify(data["r"], data["n"], _own_host(request))
    services.record_view(page, source, domain)
    if data["w"] and page.kind == services.ARTICLE:
        services.count_action(page.object_id, Action.PAYWALL)
    return HttpResponse(status=204)


def _own_host(request: HttpRequest) -> str:
    return referrers.clean_host(request.get_host()) or referrers.clean_host(
        settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0]
    ) or ""
