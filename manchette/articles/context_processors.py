from django.http import HttpRequest

from .models import SectionPage


def navigation(request: HttpRequest) -> dict:
    """The header's sections. A callable, so the query runs only when the template asks, and
    base.html caches the list per content generation: it runs once per change."""
    # public() asks for the view restrictions as soon as it is called.
    return {"nav_sections": lambda: SectionPage.objects.live().public().order_by("path")}
