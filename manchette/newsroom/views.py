"""The newsroom's own admin pages."""

from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin


class EditorGuideView(WagtailAdminTemplateMixin, TemplateView):
    """Manchette's guide for its newsroom, in place of Wagtail's English one."""

    template_name = "newsroom/editor_guide.html"
    page_title = _("Guide de la rédaction")
    header_icon = "help"
    breadcrumbs_items = [
        *WagtailAdminTemplateMixin.breadcrumbs_items,
        {"url": "", "label": _("Guide de la rédaction")},
    ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "time_zone": settings.TIME_ZONE}
