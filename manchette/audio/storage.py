"""Where audio files live: a storage of their own, never under the public /media/ address.

Media files are served to anyone and kept by Varnish for a month; audio is for subscribers,
so its files sit beside MEDIA_ROOT, not in it (or in `AUDIO_ROOT`), have no public URL, and
go out only through the view that checks rights.
"""

from functools import cached_property
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages


class PrivateAudioStorage(FileSystemStorage):
    @cached_property
    def base_location(self) -> str:
        # Read when first used, and again when MEDIA_ROOT changes (tests move it to a temporary folder).
        default = settings.AUDIO_ROOT or Path(settings.MEDIA_ROOT).parent / "audio"
        # _location is FileSystemStorage's own (the location given to it), absent from Django's stubs.
        return self._value_or_setting(self._location, default)  # type: ignore[attr-defined]

    def _clear_cached_properties(self, setting: str, **kwargs: Any) -> None:
        # Django calls this for every changed setting; its stubs list only the names FileSystemStorage knows.
        super()._clear_cached_properties(setting, **kwargs)  # type: ignore[arg-type]
        if setting == "AUDIO_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name: str | None) -> str:
        raise NotImplementedError("Audio files have no public address: see manchette.audio.views.listen.")


def audio_storage() -> Storage:
    return storages["audio"]
