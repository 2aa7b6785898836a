"""Agency pictures: downloaded by a background task after their version is ingested, and
checked before they become images of the site (a whole file, in a format browsers show, of a
size a worker can decode).

The task lives here, beside its work, rather than in tasks.py: ingestion enqueues it, and
ingestion runs inside tasks.poll_feed, so tasks.py holding it would make an import circle.
"""

import hashlib
import io
import warnings
from urllib.parse import urlsplit

from django.core.files.base import ContentFile
from django.db import transaction
from django.tasks import task
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError
from wagtail.images import get_image_model

from . import desk, transports
from .models import StoryVersion

# AP's full-resolution JPEGs weigh 4 to 5 MB; a hero picture needs far less than the limits.
MAX_PICTURE_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a small file can decode to gigabytes: refused before decoding
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}


class PictureError(Exception):
    """Why a file is not taken as a picture, for the desk, in its language."""


def check(data: bytes) -> str:
    """The file extension of a picture that is whole and usable; PictureError otherwise."""
    unreadable = _("ce n'est pas une image lisible (JPEG, PNG, GIF ou WebP).")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                kind, (width, height) = image.format, image.size
                image.verify()  # the structure and checksums, without decoding
            if kind not in EXTENSIONS:
                raise PictureError(_("format d'image refusé : %(kind)s.") % {"kind": kind})
            if width * height > MAX_PIXELS:
                raise PictureError(
                    _("image trop grande (%(width)s × %(height)s pixels).")
                    % {"width": width, "height": height}
                )
            with Image.open(io.BytesIO(data)) as image:
                image.draft("RGB", (max(1, width // 8), max(1, height // 8)))  # JPEG: decoded at 1/8 scale
                image.load()  # a truncated file fails here: verify() does not read a JPEG's data
    except PictureError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PictureError(_("image trop grande pour être décodée.")) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise PictureError(unreadable) from None
    return EXTENSIONS[kind]


@task()
def fetch_picture(version_pk: int) -> None:
    """A background task, which ingestion enqueues for each version with a picture: downloads
    the version's first picture on its feed's transport and stores it as an image of the site,
    titled with its caption and credit. A picture that cannot be had, or that is not a picture,
    leaves a warning on the item, never an error: the feed goes on without it."""
    versions = StoryVersion.objects.select_related("story__agency", "story__feed", "file")
    version = versions.filter(pk=version_pk).first()
    if version is None or version.image_id or not version.data.get("pictures"):
        return
    item = desk.version_item(version)
    picture = item.pictures[0]
    page = (
        version.file.name if version.file and urlsplit(version.file.name).scheme in {"http", "https"} else ""
    )
    try:
        data = transports.read(version.story.feed, picture.href, page, limit=MAX_PICTURE_BYTES)
        extension = check(data)
    except (transports.TransportError, PictureError) as error:
        _warn(
            version_pk,
            _("Photo non récupérée (%(href)s) : %(error)s") % {"href": picture.href[:200], "error": error},
        )
        return
    digest = hashlib.sha1(data, usedforsecurity=False).hexdigest()  # Wagtail's file_hash
    image_model = get_image_model()
    image = image_model.objects.filter(file_hash=digest).first()  # the same picture in another version
    if image is None:
        title = picture.caption or item.headline or version.story.guid
        image = image_model(
            title=f"{title} {desk.picture_credit(item, version.story)}"[:255],
            file=ContentFile(data, name=f"fil-{version.story_id}-{version.version}.{extension}"),
            file_size=len(data),
            file_hash=digest,
        )
        image.save()
    StoryVersion.objects.filter(pk=version_pk).update(image=image)


def _warn(version_pk: int, warning: str) -> None:
    with transaction.atomic():
        version = StoryVersion.objects.select_for_update().filter(pk=version_pk).first()
        if version is not None and warning not in version.data["warnings"]:
            version.data["warnings"].append(warning)
            version.save(update_fields=["data"])
