from typing import Any

from allauth.account.adapter import get_adapter
from allauth.account.forms import AddEmailForm as AllauthAddEmailForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.core.validators import validate_email
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from . import services
from .pseudonyms import MAX_LENGTH


class PseudonymForm(forms.Form):
    pseudonym = forms.CharField(
        label=_("Pseudonyme public"),
        max_length=MAX_LENGTH,
        help_text=_("Il signe vos commentaires. 3 à 30 caractères."),
        error_messages={"max_length": _("Votre pseudonyme doit compter au plus %(limit_value)d caractères.")},
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label=_("Votre mot de passe, pour confirmer"), widget=forms.PasswordInput)

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Mot de passe incorrect."), code="wrong_password")
        return password


class CheckedAddressMixin:
    """The address is checked by manchette.addresses alone (the adapter's clean_email), so a
    bad address gets the message every other form of the site gives it, not Django's."""

    fields: dict[str, forms.Field]  # the form it is mixed into has them

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["email"]
        field.validators = [check for check in field.validators if check is not validate_email]


class AddEmailForm(CheckedAddressMixin, AllauthAddEmailForm):
    pass


class SignupForm(CheckedAddressMixin, AllauthSignupForm):
    def try_save(self, request: HttpRequest) -> tuple[AbstractBaseUser | None, HttpResponse | None]:
        if self.account_already_exists:
            # A new account costs a password hash; an address that already has one must
            # cost the same, or the answer's timing tells which addresses have accounts.
            make_password(self.cleaned_data.get("password1") or "")
        return super().try_save(request)


class NewsroomLoginForm(WagtailLoginForm):
    """The newsroom's login: the readers' limits, and only verified newsroom accounts."""

    error_messages = {
        **WagtailLoginForm.error_messages,
        "invalid_login": _("Identifiant ou mot de passe incorrect."),
        "no_newsroom_access": _("Ce compte n'a pas accès à la rédaction."),
        "unverified": _("Confirmez d'abord votre adresse e-mail avec le lien que vous avez reçu."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Wagtail's field has no label: Django would print its name, "Password", in English.
        self.fields["password"].label = _("Mot de passe")

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if not username or not password:
            return self.cleaned_data
        adapter = get_adapter(self.request)
        # Spends the account's and the address's "login_failed" budget, shared with
        # /compte/login/, and gives it back if the password is right.
        user = adapter.authenticate(self.request, username=username, password=password)
        if user is None:
            raise self.get_invalid_login_error()
        if not services.may_enter_newsroom(user):
            raise forms.ValidationError(self.error_messages["no_newsroom_access"], code="no_newsroom_access")
        if not services.has_confirmed_address(user):
            raise forms.ValidationError(self.error_messages["unverified"], code="unverified")
        self.confirm_login_allowed(user)
        self.user_cache = user
        return self.cleaned_data

    def get_invalid_login_error(self) -> forms.ValidationError:
        return forms.ValidationError(self.error_messages["invalid_login"], code="invalid_login")
