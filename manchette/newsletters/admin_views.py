"""The newsroom's download of one edition's link clicks, beside its table on the Audience screen."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from manchette.audience import reports
from manchette.audience.admin_views import may_see_audience

from . import edition_links


@require_safe
def edition_clicks_csv(request: HttpRequest, edition_id: int) -> HttpResponse:
    if not may_see_audience(request.user):
        raise PermissionDenied
    found = edition_links.clicks_of(edition_id)
    if found is None:
        raise Http404(_("Cette édition n'existe pas."))
    table = reports.Table([_("Article"), _("Adresse"), _("Clics")],
                          [[link.title, link.url, link.clicks] for link in found.links])
    return reports.csv_download(table, f"clics-edition-{edition_id}-{timezone.localdate().isoformat()}.csv")
