"""Newsletter pages. Signing up from the shared-cached article page works without a CSRF token.

The article page is the same bytes for every anonymous reader, so its signup form cannot
carry a per-reader token. The signup endpoint is protected otherwise:

- cross-site requests are refused from the browser's own statement of where the request
  comes from: `Sec-Fetch-Site` (same-origin, or none for a typed URL), else `Origin`,
  else `Referer`, must name this site; a request naming none of them is refused too;
- the only effect of a request is a confirmation mail (double opt-in), at most one an hour
  per address, so a forged request could not subscribe anyone anyway;
- requests are counted per client address and per inbox (accounts.limits' client address,
  the same limiter as the login door, in a cache every process shares: Redis, or the database
  in the embedded default), so the endpoint cannot be used to flood.

Links in mails (confirm, unsubscribe, preferences) carry a signed token, which is the proof:
their POSTs need no session or CSRF token (RFC 8058 one-click unsubscribe requires that).
A GET on them never changes anything, since mail scanners fetch links.
"""

from typing import Any
from urllib.parse import urlsplit

from allauth.core.internal import ratelimit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from manchette import addresses
from manchette.accounts.requests import AuthenticatedRequest
from manchette.audience import funnel

from . import signups, tokens, unsubscribing
from .forms import AddressForm, ChoicesForm, SignupForm
from .models import Newsletter, Signup

# Requests that send a mail: per client address, and per inbox (the key).
MAIL_LIMITS = {"signup": "30/h/ip,5/h/key", "manage_link": "30/h/ip,3/h/key"}


def _from_this_site(request: HttpRequest) -> bool:
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site:
        return fetch_site in {"same-origin", "none"}
    ours = {request.build_absolute_uri("/").rstrip("/"), settings.SITE_URL, *settings.CSRF_TRUSTED_ORIGINS}
    origin = request.headers.get("Origin")
    if origin:
        return origin in ours
    referer = urlsplit(request.headers.get("Referer", ""))
    return bool(referer.scheme) and f"{referer.scheme}://{referer.netloc}" in ours


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _refuse(
    request: HttpRequest, message: str, status: int, newsletter: Newsletter | None = None
) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse({"ok": False, "error": message}, status=status)
    return render(
        request, "newsletters/refused.html", {"message": message, "newsletter": newsletter}, status=status
    )


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    newsletters = Newsletter.objects.filter(active=True).select_related("section")
    return render(request, "newsletters/index.html", {"newsletters": newsletters, "form": SignupForm()})


@require_safe
def terms(request: HttpRequest) -> HttpResponse:
    return render(request, "newsletters/terms.html")


@never_cache
@csrf_exempt
@require_POST
def signup(request: HttpRequest, slug: str) -> HttpResponse:
    newsletter = get_object_or_404(Newsletter, slug=slug, active=True)
    if not _from_this_site(request):
        return _refuse(request, _("Cette inscription doit être faite depuis notre site."), 403, newsletter)
    form = SignupForm(request.POST)
    if not form.is_valid():
        error = form.errors["email"][0]
        if _wants_json(request):
            return JsonResponse({"ok": False, "error": error}, status=400)
        return render(
            request, "newsletters/signup.html", {"newsletter": newsletter, "form": form}, status=400
        )
    email = form.cleaned_data["email"]
    # Counted per inbox: "lea+1@…", "LEA@…" and "lea+2@…" all reach the same reader.
    allowed = ratelimit.consume(
        request, app="newsletters", action="signup", config=MAIL_LIMITS, key=addresses.mailbox_key(email)
    )
    if not allowed:
        return _refuse(
            request, _("Trop de demandes d'inscription : réessayez dans une heure."), 429, newsletter
        )
    signups.request_signup(newsletter, email, source=form.cleaned_data["source"])
    funnel.count_signup(request, form.cleaned_data["source"])
    if _wants_json(request):
        return JsonResponse({"ok": True, "message": _signed_up_message(email)})
    done = reverse("newsletters:signed_up", args=[newsletter.slug])
    return redirect(f"{done}?{urlencode({'a': tokens.signed_up_token(email)})}")


def _signed_up_message(email: str) -> str:
    return _(
        "Votre inscription est enregistrée pour l'adresse %(email)s. Pour la confirmer, cliquez sur le "
        "lien du message que nous venons de vous envoyer."
    ) % {"email": email}


@never_cache
@require_safe
def signed_up(request: HttpRequest, slug: str) -> HttpResponse:
    newsletter = get_object_or_404(Newsletter, slug=slug)
    try:
        email = tokens.address_from_signed_up_token(request.GET.get("a", ""))
    except tokens.BadToken:
        return redirect("newsletters:index")
    return render(
        request,
        "newsletters/signed_up.html",
        {"newsletter": newsletter, "message": _signed_up_message(email)},
    )


@never_cache
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "GET":
        return render(request, "newsletters/confirm.html", {"token": token})
    try:
        signup = signups.confirm(token)
    except tokens.BadToken as error:
        return _refuse(request, error.message, 400)
    return render(
        request,
        "newsletters/confirmed.html",
        {"signup": signup, "manage_token": tokens.manage_token(signup.email)},
    )


@never_cache
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """RFC 8058: mail clients POST here without a session; a GET only shows the button."""
    try:
        signup = tokens.signup_from_unsubscribe_token(token)
    except tokens.BadToken as error:
        return _refuse(request, error.message, 400)
    if request.method == "POST":
        unsubscribing.unsubscribe(signup)
        signup.refresh_from_db()
    # An old mail still unsubscribes, but no longer opens the preferences.
    recent = tokens.unsubscribe_link_is_recent(token)
    manage_token = tokens.manage_token(signup.email) if recent else ""
    return render(
        request,
        "newsletters/unsubscribe.html",
        {
            "signup": signup,
            "token": token,
            "done": signup.status == Signup.Status.UNSUBSCRIBED,
            "manage_token": manage_token,
        },
    )


@never_cache
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    """Preferences of an address without an account, reached from the link in every mail."""
    try:
        email = tokens.address_from_manage_token(token)
    except tokens.ManageLinkExpired as expired:
        return _expired_manage_link(request, expired.email)
    except tokens.BadToken as error:
        return _refuse(request, error.message, 400)
    return _preferences(request, email, "newsletters/manage.html", {"token": token}, user=None)


def _expired_manage_link(request: HttpRequest, linked: str) -> HttpResponse:
    """Asks for the address again and mails a fresh link to it, if it is the expired link's."""
    form = AddressForm(request.POST if "email" in request.POST else None)
    sent = form.is_valid()
    if sent:
        typed = form.cleaned_data["email"]
        inbox = addresses.mailbox_key(typed)
        allowed = ratelimit.consume(
            request, app="newsletters", action="manage_link", config=MAIL_LIMITS, key=inbox
        )
        if not allowed:
            return _refuse(request, _("Trop de demandes : réessayez dans une heure."), 429)
        signups.send_manage_link(linked, typed)
    context = {"form": form, "sent": sent, "days": settings.NEWSLETTER_MANAGE_LINK_DAYS}
    return render(request, "newsletters/manage_expired.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def account(request: AuthenticatedRequest) -> HttpResponse:
    """The "Newsletters" tab of Mon compte, for the account's own address."""
    return _preferences(
        request, request.user.email, "newsletters/account.html", {"tab": "newsletters"}, user=request.user
    )


def _preferences(
    request: HttpRequest, email: str, template: str, context: dict[str, Any], user: User | None
) -> HttpResponse:
    choices = signups.choices_for(email)
    # Every box unticked posts an empty form: still a submitted one (unsubscribe from all).
    form = ChoicesForm(request.POST if request.method == "POST" else None, choices=choices)
    if request.method == "POST" and form.is_valid():
        signups.set_choices(email, form.cleaned_data["newsletters"], source=request.path, user=user)
        messages.success(request, _("Vos choix de newsletters sont enregistrés."))
        return redirect(request.path)
    return render(request, template, {**context, "form": form, "choices": choices, "email": email})
