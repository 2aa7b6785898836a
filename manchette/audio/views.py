"""Serving audio files to the readers entitled to them, with HTTP Range requests (seeking)."""

import re

from django.conf import settings
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from . import engines, services
from .storage import audio_storage

_CHUNK = 64 * 1024


def byte_range(header: str, size: int) -> tuple[int, int] | None:
    """The (first, last) bytes a single-range `Range` header asks for; None to send it all.

    Raises ValueError for a range that lies outside the file (answered 416). Several ranges at
    once are answered with the whole file, which HTTP allows.
    """
    match = re.fullmatch(r"\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*", header or "")
    if not match or not (match[1] or match[2]):
        return None
    if match[1]:
        first = int(match[1])
        last = min(int(match[2]), size - 1) if match[2] else size - 1
        if first >= size or last < first:
            raise ValueError(header)
        return first, last
    suffix = int(match[2])
    if suffix == 0:
        raise ValueError(header)
    return max(size - suffix, 0), size - 1


def _refused(message: str, status: int) -> HttpResponse:
    response = HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    patch_cache_control(response, private=True, no_store=True)
    return response


def _chunks(file, length: int):
    with file:
        while length > 0:
            data = file.read(min(_CHUNK, length))
            if not data:
                break
            length -= len(data)
            yield data


@require_safe
def listen(request: HttpRequest, token: str) -> HttpResponse:
    try:
        audio = services.audio_to_serve(token, request.user)
    except services.ListeningRefused as refusal:
        return _refused(refusal.message, refusal.status)
    storage = audio_storage()
    try:
        file = storage.open(audio.file_name, "rb")
    except FileNotFoundError:
        return _refused(_("Le fichier audio est introuvable : rechargez la page de l'article."), 404)
    size = storage.size(audio.file_name)
    content_type = engines.ENCODING["content_type"]
    try:
        wanted = byte_range(request.headers.get("Range", ""), size)
    except ValueError:
        file.close()
        response = _refused("", 416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    if wanted is None:
        response: HttpResponse = FileResponse(file, content_type=content_type)
        response["Content-Length"] = str(size)
    else:
        first, last = wanted
        file.seek(first)
        chunks = _chunks(file, last - first + 1)
        response = StreamingHttpResponse(chunks, status=206, content_type=content_type)
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
        response["Content-Length"] = str(last - first + 1)
    response["Accept-Ranges"] = "bytes"
    response["ETag"] = f'"{audio.text_hash[:20]}"'
    # The link is this reader's and this version's: their browser may keep it, no shared cache may.
    patch_cache_control(response, private=True, max_age=settings.AUDIO_URL_MAX_AGE)
    patch_vary_headers(response, ["Cookie"])
    return response
