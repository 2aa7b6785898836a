import secrets

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from manchette.articles.models import SectionPage

from . import generation


def site(request: HttpRequest) -> dict:
    """The header's sections, and what templates key their cached fragments on.

    All three are read only if a template asks. The navigation is itself cached per
    content generation, so its query runs once per change. A preview (a draft seen in
    the admin) gets a generation of its own and stores nothing: a draft must never be
    read from, or left in, the fragments readers get.
    """
    previewing = getattr(request, "is_preview", False)
    return {
        # A callable: public() asks for the view restrictions as soon as it is called.
        "nav_sections": lambda: SectionPage.objects.live().public().order_by("path"),
        "content_generation": (
            f"preview-{secrets.token_hex(8)}"
            if previewing
            else SimpleLazyObject(lambda: generation.current(request))
        ),
        "fragment_seconds": 0 if previewing else generation.FRAGMENT_SECONDS,
    }
