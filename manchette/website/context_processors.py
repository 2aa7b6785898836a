import secrets
from typing import TypedDict

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from . import generation


class SiteContext(TypedDict):
    content_generation: str | SimpleLazyObject  # a preview's own token, or the generation's when read
    fragment_seconds: int


def site(request: HttpRequest) -> SiteContext:
    """What templates key their cached fragments on (the header's sections come from
    articles.context_processors.navigation, cached under this generation).

    Both are read only if a template asks. A preview (a draft seen in the admin) gets a
    generation of its own and stores nothing: a draft must never be read from, or left in,
    the fragments readers get.
    """
    previewing = getattr(request, "is_preview", False)
    return {
        "content_generation": (
            f"preview-{secrets.token_hex(8)}"
            if previewing
            else SimpleLazyObject(lambda: generation.current(request))
        ),
        "fragment_seconds": 0 if previewing else generation.FRAGMENT_SECONDS,
    }
