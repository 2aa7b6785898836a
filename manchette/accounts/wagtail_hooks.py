"""The newsroom's account page links to its second factor (allauth's pages at /compte/2fa/)."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks


@hooks.register("register_account_menu_item")
def second_factor_menu_item(request: HttpRequest) -> dict[str, str]:
    return {
        "url": reverse("mfa_index"),
        "label": _("Authentification à deux facteurs"),
        "help_text": _(
            "Une application d'authentification et des codes de récupération protègent votre compte."
        ),
    }
