"""Mon compte: the reader's own space. Every view is private and never cached."""

import json

from allauth.account.app_settings import EmailVerificationMethod
from allauth.account.internal.flows.login import perform_password_login
from allauth.account.models import Login
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from wagtail.admin.views.account import LoginView as WagtailLoginView

from manchette.subscriptions.lifecycle import ProviderError
from manchette.subscriptions.summaries import subscription_summary

from . import services
from .forms import DeleteAccountForm, NewsroomLoginForm, PseudonymForm
from .requests import AuthenticatedRequest


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def overview(request: AuthenticatedRequest) -> HttpResponse:
    profile = services.profile_of(request.user)
    form = PseudonymForm(request.POST or None, initial={"pseudonym": profile.pseudonym})
    if request.method == "POST" and form.is_valid():
        try:
            services.set_pseudonym(request.user, form.cleaned_data["pseudonym"])
        except ValidationError as error:
            form.add_error("pseudonym", error)
        else:
            messages.success(request, _("Votre pseudonyme a été enregistré."))
            return redirect("accounts:overview")
    return render(
        request,
        "accounts/overview.html",
        {
            "tab": "overview",
            "profile": profile,
            "form": form,
            "subscription": subscription_summary(request.user),
        },
    )


@never_cache
@login_required
@require_safe
def subscription(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "accounts/subscription.html",
        {
            "tab": "subscription",
            "subscription": subscription_summary(request.user),
        },
    )


@never_cache
@login_required
@require_safe
def newsletters(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "accounts/newsletters.html", {"tab": "newsletters"})


@never_cache
@login_required
@require_safe
def export_data(request: AuthenticatedRequest) -> HttpResponse:
    payload = json.dumps(services.export_personal_data(request.user), ensure_ascii=False, indent=2)
    response = HttpResponse(payload, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="manchette-mes-donnees.json"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete_account(request: AuthenticatedRequest) -> HttpResponse:
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.delete_account(request.user)
        except ProviderError:
            messages.error(
                request,
                _(
                    "Votre abonnement n'a pas pu être arrêté auprès du service de paiement : votre "
                    "compte n'a pas été supprimé. Réessayez dans un instant."
                ),
            )
        else:
            logout(request)
            messages.success(request, _("Votre compte a été supprimé. Nous regrettons votre départ."))
            return redirect("/")
    return render(request, "accounts/delete.html", {"tab": "privacy", "form": form})


class NewsroomLoginView(WagtailLoginView):
    """Wagtail's login page, through allauth's login flow: its limits, then its second factor."""

    def get_form_class(self) -> type[NewsroomLoginForm]:
        return NewsroomLoginForm

    def form_valid(self, form: NewsroomLoginForm) -> HttpResponse:
        remember = form.cleaned_data.get("remember")
        self.request.session.set_expiry(settings.SESSION_COOKIE_AGE if remember else 0)
        # The form has already refused unconfirmed addresses; accounts an administrator
        # created have none to confirm. The password is recorded as this session's proof,
        # as allauth's own login does (setting up a second factor right after needs it).
        login = Login(
            user=form.get_user(),
            email_verification=EmailVerificationMethod.NONE,
            redirect_url=self.get_success_url(),
        )
        return perform_password_login(self.request, {"username": form.cleaned_data["username"]}, login)
