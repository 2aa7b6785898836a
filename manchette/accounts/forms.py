from django import forms
from django.utils.translation import gettext_lazy as _

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

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Mot de passe incorrect."), code="wrong_password")
        return password
