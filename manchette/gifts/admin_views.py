"""The newsroom's "Articles offerts" screen: per article, links made and openings.

For editors (the "Éditeurs" group) and whoever may see the audience. The figures come from
GiftTally, which names nobody: the screen cannot tell who gave what to whom.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from manchette.newsroom.services import EDITORS

from .models import GiftTally

SHOWN = 100


def may_see_figures(user) -> bool:
    return user.is_active and (
        user.has_perm("gifts.view_gifttally") or user.groups.filter(name=EDITORS).exists()
    )


@require_safe
def figures(request: HttpRequest) -> HttpResponse:
    if not may_see_figures(request.user):
        raise PermissionDenied
    tallies = GiftTally.objects.select_related("article").order_by("-links", "-openings", "article_id")
    context = {
        "page_title": _("Articles offerts"),
        "header_title": _("Articles offerts"),
        "header_icon": "pick",
        "tallies": tallies[:SHOWN],
    }
    return render(request, "gifts/admin/figures.html", context)
