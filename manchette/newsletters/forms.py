from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from manchette import addresses

from . import signups


class AddressForm(forms.Form):
    # Checked by addresses.clean_address, which says in French what is wrong with it.
    email = forms.CharField(label=_("Votre adresse e-mail"), required=False, strip=False)

    def clean_email(self) -> str:
        return addresses.clean_address(self.cleaned_data["email"])


class SignupForm(AddressForm):
    source = forms.CharField(required=False)

    def clean_source(self) -> str:
        # Only a path of this site is kept as the consent's page.
        source = self.cleaned_data["source"]
        if not source.startswith("/") or source.startswith("//") or any(c in source for c in "\r\n\\"):
            return ""
        return source[:300]


class ChoicesForm(forms.Form):
    newsletters = forms.TypedMultipleChoiceField(
        label=_("Mes newsletters"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, choices: list[signups.Choice], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.TypedMultipleChoiceField, self.fields["newsletters"])  # declared above
        field.choices = [(choice.newsletter.pk, choice.newsletter.name) for choice in choices]
        self.initial.setdefault("newsletters", [c.newsletter.pk for c in choices if c.subscribed])
