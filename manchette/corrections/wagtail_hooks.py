from collections.abc import Iterator

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import Page
from wagtail.permissions import register_permission_policy

from .models import Correction
from .viewsets import AppendOnlyPolicy, CorrectionViewSet

CORRECTIONS_POLICY = AppendOnlyPolicy(Correction)
register_permission_policy(Correction, CORRECTIONS_POLICY)


@hooks.register("register_admin_viewset")
def register_corrections() -> CorrectionViewSet:
    return CorrectionViewSet("corrections")


class AddCorrectionButton(PageMenuItem):
    """The "Ajouter un rectificatif" button in the header of a published article's admin pages."""

    label = gettext_lazy("Ajouter un rectificatif")
    icon_name = "warning"

    def is_shown(self, user: AbstractBaseUser | AnonymousUser) -> bool:
        return self.page.live and CORRECTIONS_POLICY.user_has_permission(user, "add")

    @cached_property
    def url(self) -> str:
        return reverse("corrections:add") + "?" + urlencode({"article": self.page.pk})


@hooks.register("register_page_header_buttons")
def add_correction_button(
    page: Page, user: AbstractBaseUser | AnonymousUser, view_name: str, next_url: str | None = None
) -> Iterator[PageMenuItem]:
    if page.specific_class is not None and page.specific_class._meta.label == "articles.ArticlePage":
        yield AddCorrectionButton(page=page, priority=66)
