from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import referrers

MAX_ID = 2**63 - 1
KIND = r"^[a-z]{1,40}$"


def _flag() -> forms.TypedChoiceField:
    """A "0" or "1" field, False when left out."""
    return forms.TypedChoiceField(choices=[("0", "0"), ("1", "1")], coerce=lambda value: value == "1",
                                  # Django takes any empty value; its stubs only strings or None.
                                  required=False, empty_value=False)  # type: ignore[arg-type]


class BeaconForm(forms.Form):
    """What the beacon sends: `k` the page's type, `p` its id, `r` the referring host, `n` 1
    when the page was opened from a newsletter link, `w` 1 when it showed the paywall."""

    k = forms.RegexField(regex=KIND)
    p = forms.IntegerField(min_value=1, max_value=MAX_ID)
    r = forms.CharField(required=False, max_length=255, strip=True)
    n = _flag()
    w = _flag()

    def clean_r(self) -> str:
        host = referrers.clean_host(self.cleaned_data["r"])
        if host is None:
            raise ValidationError(_("Site d'origine invalide."))
        return host
