from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.images.widgets import AdminImageChooser

from manchette.articles.models import Author

from .entries import EntryText


class EntryForm(forms.Form):
    """The short form: text, and if wanted a title, a picture, key event, pin."""

    text = forms.CharField(
        label=_("Texte"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_("Une ligne vide sépare deux paragraphes."),
    )
    title = forms.CharField(label=_("Titre (facultatif)"), max_length=200, required=False)
    author = forms.ModelChoiceField(label=_("Signature"), queryset=Author.objects.all(), required=False)
    image = forms.ModelChoiceField(
        label=_("Photo (facultative)"),
        queryset=get_image_model().objects.all(),
        required=False,
        widget=AdminImageChooser(),
    )
    image_alt = forms.CharField(label=_("Texte alternatif de la photo"), max_length=250, required=False)
    image_caption = forms.CharField(label=_("Légende"), max_length=400, required=False)
    image_credit = forms.CharField(label=_("Crédit photo"), max_length=200, required=False)
    key_event = forms.BooleanField(label=_("Moment clé (dans « L'essentiel »)"), required=False)
    pinned = forms.BooleanField(label=_("Épingler en haut du direct"), required=False)

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        if cleaned.get("image") and not cleaned.get("image_alt", "").strip():
            self.add_error("image_alt", _("Décrivez la photo pour les lecteurs qui ne la voient pas."))
        return cleaned

    def content(self) -> EntryText:
        data = self.cleaned_data
        return EntryText(
            text=data["text"],
            title=data["title"],
            image=data["image"],
            image_alt=data["image_alt"],
            image_caption=data["image_caption"],
            image_credit=data["image_credit"],
        )


class CorrectionForm(EntryForm):
    """Correcting an entry: its text, title and key event; the picture and pin stay as they are."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("author", "image", "image_alt", "image_caption", "image_credit", "pinned"):
            del self.fields[name]

    def clean(self) -> dict:
        return forms.Form.clean(self) or {}

    def content(self) -> EntryText:
        return EntryText(text=self.cleaned_data["text"], title=self.cleaned_data["title"])
