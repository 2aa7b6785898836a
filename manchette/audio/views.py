"""Serving audio files to the readers entitled to them, with HTTP Range requests (seeking)."""

import re

from django.conf import settings
from django.core.files.storage import Storage
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from manchette.audience import funnel
from manchette.audience.models import Action

from . import engines, services
from .storage import audio_storage

# The most one answer carries. The answer is read whole before it is returned, so the application
# server writes it to the listener from its own I/O (granian's threads, or Varnish's fetch in
# production) and no Python worker waits on a slow listener. Browsers ask for audio by Range
# (`bytes=0-`) and ask again for what follows, so each answer stays this small; only a client
# that asks without Range gets the whole file at once.
MOST_BYTES_PER_ANSWER = 2 * 1024 * 1024


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


def _missing() -> HttpResponse:
    return _refused(_("Le fichier audio est introuvable : rechargez la page de l'article."), 404)


def _starts_a_play(request: HttpRequest, wanted: tuple[int, int] | None) -> bool:
    """Whether this request is a listener pressing play: the file from its first byte.

    The player asks for nothing before play (preload="none"); then the browser asks the whole
    file or `bytes=0-`, and every further part (the next 2 MB, a jump, a resumed position) starts
    past byte 0, so one play is counted once. Safari's `bytes=0-1`, asked before the real
    request, is a probe; a HEAD reads no sound.
    """
    return request.method == "GET" and (wanted is None or (wanted[0] == 0 and wanted[1] > 1))


def _read(storage: Storage, name: str, first: int, length: int) -> bytes:
    with storage.open(name, "rb") as file:
        file.seek(first)
        return file.read(length)


@require_safe
def listen(request: HttpRequest, token: str) -> HttpResponse:
    try:
        audio = services.audio_to_serve(token, request.user)
    except services.ListeningRefused as refusal:
        return _refused(refusal.message, refusal.status)
    storage = audio_storage()
    try:
        size = storage.size(audio.file_name)
    except FileNotFoundError:
        return _missing()
    try:
        wanted = byte_range(request.headers.get("Range", ""), size)
    except ValueError:
        response = _refused("", 416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    if wanted is None:
        status, first, last = 200, 0, size - 1
    else:
        first, last = wanted
        status, last = 206, min(last, first + MOST_BYTES_PER_ANSWER - 1)
    try:
        body = _read(storage, audio.file_name, first, last - first + 1)
    except FileNotFoundError:
        return _missing()
    if _starts_a_play(request, wanted):
        # Counted for the article alone (robots and the rate limit aside), never for the listener.
        funnel.count(request, Action.AUDIO_PLAY, audio.article_id)
    response = HttpResponse(body, status=status, content_type=engines.ENCODING["content_type"])
    response["Content-Length"] = str(len(body))
    if status == 206:
        response["Content-Range"] = f"bytes {first}-{first + len(body) - 1}/{size}"
    response["Accept-Ranges"] = "bytes"
    response["ETag"] = f'"{audio.text_hash[:20]}"'
    # The link is this reader's and this version's: their browser may keep it, no shared cache may.
    patch_cache_control(response, private=True, max_age=settings.AUDIO_URL_MAX_AGE)
    patch_vary_headers(response, ["Cookie"])
    return response
