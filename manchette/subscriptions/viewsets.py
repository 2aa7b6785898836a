"""Plans and subscriptions in the Wagtail admin, where the newsroom already works.

A subscription changes only through the services (grant, extend, revoke), each leaving
a line of history: there is no free-form edit, and none is ever deleted.
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy

from . import lifecycle
from .models import Plan, Subscription


class SubscriptionPermissionPolicy(ModelPermissionPolicy):
    """Staff's usual model permissions, except deleting: a subscription's history is kept."""

    def user_has_permission(self, user: User | AnonymousUser, action: str) -> bool:
        return action != "delete" and super().user_has_permission(user, action)


class GrantForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Adresse e-mail du lecteur"))
    plan = forms.ModelChoiceField(label=gettext_lazy("Formule"), queryset=Plan.objects.all())
    until = forms.DateTimeField(
        label=gettext_lazy("Jusqu'au"),
        required=False,
        help_text=gettext_lazy("Laissez vide pour une période de la formule."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    note = forms.CharField(label=gettext_lazy("Motif"), required=False, max_length=200)

    def __init__(
        self,
        *args: Any,
        instance: Subscription | None = None,
        for_user: User | None = None,
        **kwargs: Any,
    ) -> None:
        # Wagtail's create view hands model-form arguments to every form it builds.
        super().__init__(*args, **kwargs)
        self.instance = instance

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        self.reader = get_user_model().objects.filter(email__iexact=email).first()
        if not self.reader:
            raise forms.ValidationError(_("Aucun lecteur n'a cette adresse e-mail."))
        return email


class GrantView(generic.CreateView):
    """Adding a subscription is granting one (the manual provider)."""

    page_title = gettext_lazy("Offrir un abonnement")
    submit_button_label = gettext_lazy("Offrir l'abonnement")
    success_message = gettext_lazy("Abonnement offert : %(object)s.")

    def get_form_class(self) -> type[forms.Form]:
        return GrantForm

    def save_instance(self) -> Subscription:
        data = self.form.cleaned_data
        until: datetime | None = data["until"]
        note = data["note"] or _("Offert par %(staff)s") % {"staff": self.request.user.get_username()}
        return lifecycle.grant(self.form.reader, data["plan"], until, note=note)

    def get_edit_url(self) -> str:
        return reverse(self.inspect_url_name, args=(self.object.pk,))

    def get_success_buttons(self) -> list:
        return []


class SubscriptionInspectView(generic.InspectView):
    """A subscription, its history, and the staff's actions on it: extend, revoke."""

    template_name = "subscriptions/admin/inspect.html"
    fields = ["user", "plan", "status", "current_period_end", "provider", "provider_subscription_id"]

    def get_edit_url(self) -> None:
        return None  # changes go through the actions below, which keep the history

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["events"] = self.object.events.all()
        context["may_change"] = self.permission_policy.user_has_permission(self.request.user, "change")
        context["running"] = self.object.status != Subscription.Status.EXPIRED
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        action = request.POST.get("action")
        if action == "extend":
            lifecycle.extend(self.object)
            messages.success(request, _("Abonnement prolongé d'une période."))
        elif action == "revoke":
            try:
                lifecycle.revoke(self.object)
            except lifecycle.ProviderError:
                messages.error(
                    request,
                    _(
                        "L'abonnement n'a pas pu être arrêté chez Stripe (injoignable ou mal "
                        "configuré) : il continue. Réessayez."
                    ),
                )
            else:
                messages.success(request, _("Abonnement retiré."))
        return redirect(request.path)


class SubscriptionViewSet(ModelViewSet):
    model = Subscription
    pk_path_converter = "id"  # ids range-checked: manchette/website/converters.py
    icon = "user"
    menu_label = gettext_lazy("Abonnements")
    add_to_admin_menu = False
    list_display = ["user", "plan", "status", "current_period_end", "provider"]
    list_filter = ["status", "provider", "plan"]
    search_fields = ["user__email", "provider_subscription_id", "provider_customer_id"]
    search_backend_name = None
    inspect_view_enabled = True
    inspect_view_class = SubscriptionInspectView
    add_view_class = GrantView
    copy_view_enabled = False
    form_fields: list[str] = []  # never edited as a form: see GrantView and the inspect view's actions

    @cached_property
    def edit_view(self) -> Callable[..., HttpResponseBase]:
        # Rows of the listing link to "edit": show the subscription with its actions instead.
        return self.inspect_view


class PlanViewSet(ModelViewSet):
    model = Plan
    pk_path_converter = "id"  # ids range-checked: manchette/website/converters.py
    icon = "tag"
    menu_label = gettext_lazy("Formules")
    add_to_admin_menu = False
    list_display = ["name", "price", "period", "active"]
    list_filter = ["active", "period"]
    form_fields = [
        "name",
        "slug",
        "description",
        "price_cents",
        "currency",
        "period",
        "active",
        "stripe_price_id",
    ]
    copy_view_enabled = False
    inspect_view_enabled = False


class SubscriptionsGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Abonnements")
    menu_icon = "user"
    menu_order = 900
    items = (SubscriptionViewSet("abonnements"), PlanViewSet("formules"))
