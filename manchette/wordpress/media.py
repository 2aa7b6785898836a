"""Attachments as Wagtail images, read from a copy of the site's `wp-content/uploads`."""

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from manchette.wire.pictures import MAX_PICTURE_BYTES, PictureError, check

# A resized copy's name: photo-300x200.jpg is photo.jpg made smaller.
PICTURE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp"}
_SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.\w+$)")


@dataclass
class Attachment:
    """What posts need to know of an attachment, kept for the whole run (a few hundred bytes each)."""

    post_id: str
    url: str
    title: str
    alt: str
    caption: str
    credit: str
    parent: str
    link: str
    image_id: int | None = None


def relative_path(url: str) -> str:
    """The file's path inside the uploads folder (wordpress.com serves it from the host's root)."""
    path = unquote(urlsplit(url).path)
    if "/wp-content/uploads/" in path:
        return path.split("/wp-content/uploads/", 1)[1]
    return path.lstrip("/")


def url_key(url: str) -> str:
    """The same key for a picture's URL and for each resized copy's."""
    return _SIZE_SUFFIX.sub("", relative_path(url))


def is_picture(url: str) -> bool:
    return Path(relative_path(url)).suffix.lower() in PICTURE_SUFFIXES


def find_file(uploads: Path | None, url: str) -> Path | None:
    if uploads is None or not url:
        return None
    relative = relative_path(url)
    if not relative or ".." in Path(relative).parts:
        return None
    for candidate in (uploads / relative, uploads / _SIZE_SUFFIX.sub("", relative)):
        if candidate.is_file():
            return candidate
    return None


class MediaError(Exception):
    """Why a picture was not imported, in the reader's language."""


def load_picture(path: Path, title: str, alt: str) -> int:
    """A Wagtail image made of the file; MediaError when it is not a whole, usable picture."""
    if path.stat().st_size > MAX_PICTURE_BYTES:
        raise MediaError(_("fichier trop lourd (%(size)s octets).") % {"size": path.stat().st_size})
    data = path.read_bytes()
    try:
        extension = check(data)
    except PictureError as error:
        raise MediaError(str(error)) from None
    image = get_image_model()(title=(title or path.stem)[:255], description=alt[:255])
    image.file = ContentFile(data, name=f"{path.stem[:80]}.{extension}")
    image.save()
    return image.pk
