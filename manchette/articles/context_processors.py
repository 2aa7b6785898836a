from django.http import HttpRequest

from .models import SectionPage


def site_navigation(request: HttpRequest) -> dict:
    """The sections, for the header of every page (lazy: only queried when rendered)."""
    return {"nav_sections": SectionPage.objects.live().public().order_by("path")}
