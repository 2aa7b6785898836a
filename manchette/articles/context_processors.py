from collections.abc import Callable
from typing import TypedDict

from django.db.models import QuerySet
from django.http import HttpRequest

from .models import SectionPage


class NavigationContext(TypedDict):
    nav_sections: Callable[[], QuerySet[SectionPage]]


def navigation(request: HttpRequest) -> NavigationContext:
    """The header's sections. A callable, so the query runs only when the template asks, and
    base.html caches the list per content generation: it runs once per change."""
    # public() asks for the view restrictions as soon as it is called.
    return {"nav_sections": lambda: SectionPage.objects.live().public().order_by("path")}
