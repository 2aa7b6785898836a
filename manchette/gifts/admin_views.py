"""The newsroom's "Articles offerts" screen: per article, links made, openings, and the
subscriptions started from the gift's banner.

For editors (the "Éditeurs" group) and whoever may see the audience. The figures come from
GiftTally, which names nobody: the screen cannot tell who gave what to whom.
"""

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from manchette.audience.models import Action, DailyActions
from manchette.newsroom.services import EDITORS

from .models import GiftTally

SHOWN = 100


def may_see_figures(user: User | AnonymousUser) -> bool:
    return user.is_active and (
        user.has_perm("gifts.view_gifttally") or user.groups.filter(name=EDITORS).exists()
    )


@require_safe
def figures(request: HttpRequest) -> HttpResponse:
    if not may_see_figures(request.user):
        raise PermissionDenied
    tallies = list(
        GiftTally.objects.select_related("article").order_by("-links", "-openings", "article_id")[:SHOWN]
    )
    # Subscriptions started from a gift's banner, counted by the audience's funnel per article:
    # an article's figure, never a reader's.
    shown = [tally.article_id for tally in tallies]
    started = dict(
        DailyActions.objects.filter(action=Action.GIFT_CHECKOUT, object_id__in=shown)
        .values("object_id")
        .annotate(total=Sum("count"))
        .values_list("object_id", "total")
    )
    context = {
        "page_title": _("Articles offerts"),
        "header_title": _("Articles offerts"),
        "header_icon": "pick",
        "rows": [(tally, started.get(tally.article_id, 0)) for tally in tallies],
    }
    return render(request, "gifts/admin/figures.html", context)
