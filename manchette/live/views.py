"""The readers' poll of a live (see publishing.py for how it is cached and purged).

`version.json` is the same for everyone, at a stable address: Varnish answers it.
`entrees.json?depuis=A&version=B` carries what changed between versions A and B, rendered,
and when something did, "L'essentiel" as it now is (an entry marked or unmarked as a key
event, or moved by a pin, changes it); with B the live's current version its answer never
changes (cached a day), otherwise it is answered briefly cached, with the current version,
which the script then asks for.
A premium live's entries come only to readers who may read them (the answer is then private).
"""

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from manchette.website.caching import cache_for_visitor, is_personal

from .models import LivePage, LiveVersion
from .publishing import VERSION_MAX_AGE

# An answer naming the current version never changes: a day, in browsers and in Varnish.
SETTLED_MAX_AGE = 24 * 60 * 60


def _public_live(page_id: int) -> LivePage:
    page = LivePage.objects.live().public().filter(pk=page_id).first()
    if page is None:
        raise Http404(_("Ce direct n'existe pas."))
    return page


@require_safe
def version(request: HttpRequest, page_id: int) -> JsonResponse:
    if not LivePage.objects.live().public().filter(pk=page_id).exists():
        raise Http404(_("Ce direct n'existe pas."))
    response = JsonResponse({"version": LiveVersion.current(page_id)})
    # Never personal: no Vary on Cookie; browsers ask Varnish every time, Varnish keeps it briefly.
    patch_cache_control(response, public=True, max_age=0, s_maxage=VERSION_MAX_AGE)
    return response


def _number(request: HttpRequest, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() and len(value) <= 9 else None


@require_safe
def changes(request: HttpRequest, page_id: int) -> HttpResponse:
    since, wanted = _number(request, "depuis"), _number(request, "version")
    if since is None or wanted is None:
        error = _("Les paramètres « depuis » et « version » doivent être des nombres entiers.")
        return JsonResponse({"erreur": error}, status=400)
    personal = is_personal(request)
    page = _public_live(page_id)
    current = LiveVersion.current(page_id)
    readable = page.may_read(request.user)
    entries = page.changes_since(since) if since < current else []
    payload: dict[str, object] = {
        "version": current,
        "entries": [
            {
                "id": entry.pk,
                "pinned": entry.pinned,
                "html": render_to_string(
                    "live/includes/entry.html", {"entry": entry, "readable": readable}, request=request
                ),
            }
            for entry in entries
        ],
    }
    if entries and readable:
        summary = {"key_events": page.key_events()}
        payload["summary"] = render_to_string("live/includes/summary.html", summary, request=request)
    response = JsonResponse(payload)
    if personal:
        return cache_for_visitor(request, response, personal)
    patch_vary_headers(response, ["Cookie"])  # a premium live's answer depends on the reader
    settled = wanted == current
    patch_cache_control(
        response,
        public=True,
        max_age=SETTLED_MAX_AGE if settled else 0,
        s_maxage=SETTLED_MAX_AGE if settled else VERSION_MAX_AGE,
    )
    return response
