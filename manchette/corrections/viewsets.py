"""Notices in the Wagtail admin: editors add them, nobody edits or deletes them.

A notice readers have seen stays as they saw it; a mistake in it is put right by another
notice. Adding goes through services.add_correction, which logs it and purges the caches.
"""

from collections.abc import Callable

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.http import HttpResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from . import services
from .models import Correction


class AppendOnlyPolicy(ModelPermissionPolicy):
    """Notices are added and read; no one, superusers included, changes or removes one."""

    def user_has_permission(self, user: AbstractBaseUser | AnonymousUser, action: str) -> bool:
        return action not in {"change", "delete"} and super().user_has_permission(user, action)


class CorrectionForm(WagtailAdminModelForm):
    def clean(self) -> dict:
        cleaned = super().clean()
        article = cleaned.get("article")
        for problem in services.check(article, cleaned.get("text") or "", cleaned.get("dated_at")):
            self.add_error(None, problem)
        return cleaned


class CorrectionCreateView(generic.CreateView):
    def get_initial(self) -> dict:
        """The article's admin page links here with ?article=<id>."""
        initial = super().get_initial()
        if (article := self.request.GET.get("article", "")).isdigit():
            initial["article"] = int(article)
        return initial

    def save_instance(self) -> Correction:
        data = self.form.cleaned_data
        return services.add_correction(
            data["article"].specific,
            data["kind"],
            data["text"],
            by=self.request.user,
            dated_at=data["dated_at"],
        )


class CorrectionViewSet(ModelViewSet):
    model = Correction
    pk_path_converter = "id"  # ids range-checked: manchette/website/converters.py
    icon = "warning"
    menu_label = gettext_lazy("Rectificatifs")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["article", "kind", "dated_at", "added_by"]
    list_filter = ["kind"]
    copy_view_enabled = False
    inspect_view_enabled = True
    add_view_class = CorrectionCreateView
    edit_handler = ObjectList(
        [FieldPanel("article"), FieldPanel("kind"), FieldPanel("text"), FieldPanel("dated_at")],
        base_form_class=CorrectionForm,
    )

    @cached_property
    def edit_view(self) -> Callable[..., HttpResponse]:
        return self.inspect_view
