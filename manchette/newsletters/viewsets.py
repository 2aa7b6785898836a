"""Newsletters, editions and readers in the Wagtail admin.

Editions written by hand wait for an editor: preview, a test to oneself, then "approve and
send". Automatic editions go out on their schedule (see editions.prepare_edition).
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy

from manchette.accounts.requests import AuthenticatedRequest
from manchette.newsroom.tables import yes_no

from . import editions, mail, reports, tasks
from .models import Edition, Newsletter, Signup
from .schedule import WEEKDAYS


class NewsletterForm(WagtailAdminModelForm):
    weekdays = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Jours d'envoi"), choices=WEEKDAYS, coerce=str, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial["weekdays"] = list(self.instance.weekdays or "")

    def clean_weekdays(self) -> str:
        return "".join(sorted(set(self.cleaned_data["weekdays"])))


class NewsletterInspectView(generic.InspectView):
    """The newsletter's readers over time (confirmed signups, week by week)."""

    template_name = "newsletters/admin/newsletter_inspect.html"
    fields = ["name", "section", "audience", "active", "sender_email"]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["weeks"] = reports.readers_by_week(self.object)
        return context


class NewsletterViewSet(ModelViewSet):
    model = Newsletter
    pk_path_converter = "id"  # ids range-checked: manchette/website/converters.py
    icon = "mail"
    menu_label = gettext_lazy("Newsletters")
    add_to_admin_menu = False
    list_display = [
        "name",
        "section",
        Column("schedule_label", label=gettext_lazy("Envoi")),
        "audience",
        yes_no(Newsletter, "active"),
    ]
    list_filter = ["active", "audience"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = NewsletterInspectView
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("slug"),
            FieldPanel("pitch"),
            FieldPanel("section"),
            FieldPanel("default_for_sections"),
            FieldPanel("weekdays"),
            FieldPanel("send_time"),
            FieldPanel("sender_name"),
            FieldPanel("sender_email"),
            FieldPanel("audience"),
            FieldPanel("active"),
        ],
        base_form_class=NewsletterForm,
    )


class EditionInspectView(generic.InspectView):
    """Preview, counts, and the editor's actions: send a test to oneself, approve and send."""

    template_name = "newsletters/admin/edition_inspect.html"
    fields = ["newsletter", "subject", "status", "started_at", "finished_at"]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["counts"] = editions.counts(self.object)
        context["preview"] = mail.render_edition(self.object).html
        context["may_change"] = self.permission_policy.user_has_permission(self.request.user, "change")
        return context

    # The admin: signed in.
    def post(self, request: AuthenticatedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        action = request.POST.get("action")
        if action == "test":
            mail.test_message(self.object, request.user.email).send()
            messages.success(request, _("Envoi de test adressé à %(email)s.") % {"email": request.user.email})
        elif action == "send" and self.object.status == Edition.Status.DRAFT:
            editions.approve(self.object)
            tasks.start_edition.enqueue(self.object.pk)
            messages.success(request, _("Édition approuvée : l'envoi commence."))
        return redirect(request.path)


class EditionViewSet(ModelViewSet):
    model = Edition
    pk_path_converter = "id"  # ids range-checked: manchette/website/converters.py
    icon = "doc-full"
    menu_label = gettext_lazy("Éditions")
    add_to_admin_menu = False
    list_display = ["subject", "newsletter", "status", "created_at"]
    list_filter = ["status", "newsletter"]
    form_fields = ["newsletter", "subject", "intro", "articles"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = EditionInspectView


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Signups change through the readers' own links and pages (their consent), never by hand."""

    def user_has_permission(self, user: User | AnonymousUser, action: str) -> bool:
        return action not in {"add", "change", "delete"} and super().user_has_permission(user, action)


class SignupViewSet(ModelViewSet):
    model = Signup
    pk_path_converter = "id"  # ids range-checked: manchette/website/converters.py
    icon = "user"
    menu_label = gettext_lazy("Inscrits")
    add_to_admin_menu = False
    list_display = ["email", "newsletter", "status", "created_at", "confirmed_at"]
    list_filter = ["status", "newsletter"]
    search_fields = ["email"]
    search_backend_name = None
    form_fields: list[str] = []
    copy_view_enabled = False
    inspect_view_enabled = True

    @cached_property
    def edit_view(self) -> Callable[..., HttpResponseBase]:
        return self.inspect_view


class NewslettersGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Newsletters")
    menu_icon = "mail"
    menu_order = 910
    items = (NewsletterViewSet("lettres"), EditionViewSet("editions"), SignupViewSet("inscrits"))
