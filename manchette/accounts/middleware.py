"""The doors into accounts: which requests may spend a limit, and the newsroom's second factor."""

from collections.abc import Callable
from typing import Any

from allauth.core import ratelimit
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils.deprecation import MiddlewareMixin
from django.utils.http import urlencode

from . import services

NEWSROOM_LOGIN = "wagtailadmin_login"


def _is_newsroom_login(request: HttpRequest) -> bool:
    match = request.resolver_match
    return match is not None and match.url_name == NEWSROOM_LOGIN


def _is_door(request: HttpRequest) -> bool:
    match = request.resolver_match
    if match is None:
        return False
    return match.url_name == NEWSROOM_LOGIN or (match.url_name or "").startswith(("account_", "mfa_"))


class AccountDoorsMiddleware(MiddlewareMixin):
    """Only a POST to a login, sign-up or reset form spends its rate limit.

    allauth counts every request but GET, so 45 HEADs (or TRACEs) used to lock the next
    reader out. On these pages HEAD is answered as GET is (the server sends no body),
    and methods the forms do not use get 405 before any limit is counted. The newsroom's
    login page is Wagtail's: its POSTs spend the same per-address "login" budget as the
    readers' login.
    """

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponseBase],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        if not _is_door(request):
            return None
        if request.method == "HEAD":
            request.method = "GET"
        elif request.method not in {"GET", "POST"}:
            return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
        if request.method == "POST" and _is_newsroom_login(request):
            return ratelimit.consume_or_429(request, action="login")
        return None


class NewsroomSecondFactorMiddleware(MiddlewareMixin):
    """With NEWSROOM_MFA_REQUIRED, editors and administrators set up TOTP before either admin."""

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponseBase],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        if not request.path.startswith((reverse("wagtailadmin_home"), reverse("admin:index"))):
            return None
        match = request.resolver_match
        if match is not None and match.url_name in {NEWSROOM_LOGIN, "wagtailadmin_logout"}:
            return None
        user = request.user
        if not user.is_authenticated or not services.requires_second_factor(user):
            return None
        if services.has_second_factor(user):
            return None
        target = reverse("mfa_activate_totp") + "?" + urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(target)
