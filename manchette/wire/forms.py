"""The feed form of the admin: the password is written, never shown, and the address is
checked the way the worker will check it before it is saved."""

import re
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm

from . import safe_fetch
from .models import Feed, without_password

HOST_ENTRY = re.compile(r"^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$")


class FeedForm(WagtailAdminModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Write-only: the page never carries the stored password, and a blank field keeps it.
        self.fields["password"].widget = forms.PasswordInput(render_value=False)
        self.fields["password"].required = False

    def clean_password(self) -> str:
        return self.cleaned_data.get("password") or (self.instance.password if self.instance.pk else "")

    def clean_other_hosts(self) -> str:
        entries = [line.strip().lower() for line in self.cleaned_data["other_hosts"].splitlines()]
        for entry in filter(None, entries):
            if not HOST_ENTRY.match(entry):
                raise forms.ValidationError(
                    _("« %(entry)s » n'est pas un nom d'hôte (photos.agence.fr ou photos.agence.fr:8443).")
                    % {"entry": entry[:100]}
                )
        return "\n".join(filter(None, entries))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        location = cleaned.get("location", "").strip()
        transport = cleaned.get("transport")
        # An address typed with its password keeps the password in its own field only.
        location, password = without_password(location)
        if password:
            cleaned["password"] = password
        cleaned["location"] = location
        if transport in {Feed.Transport.FTP, Feed.Transport.HTTP} and location:
            self._check_address(transport, location)
        return cleaned

    def _check_address(self, transport: str, location: str) -> None:
        try:
            scheme = safe_fetch.Origin.of(location).scheme
            if transport == Feed.Transport.FTP and scheme != "ftp":
                self.add_error("location", _("Pour un serveur FTP, l'adresse commence par ftp://."))
            elif transport == Feed.Transport.HTTP and scheme not in {"http", "https"}:
                self.add_error(
                    "location", _("Pour une API HTTP, l'adresse commence par http:// ou https://.")
                )
            else:
                safe_fetch.check_location(location)
        except safe_fetch.FetchError as error:
            self.add_error("location", str(error))

    def save(self, commit: bool = True) -> Feed:
        feed = super().save(commit=False)
        if "location" in self.changed_data:
            feed.cursor = ""  # a cursor from the old address is no page of the new one
        if commit:
            feed.save()
            self.save_m2m()
        return feed
