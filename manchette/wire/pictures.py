"""Agency pictures are checked before they become images of the site: a whole file, in a
format browsers show, of a size a worker can decode."""

import io
import warnings

from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

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
