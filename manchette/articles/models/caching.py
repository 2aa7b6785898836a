"""What every public page of the newsroom shares: the same bytes for anonymous readers."""

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from wagtail.models import PageViewRestriction

from manchette.website import generation
from manchette.website.caching import cache_for_visitor, is_personal

if TYPE_CHECKING:  # what the mixin is mixed into, so that its super() calls are Page's
    from wagtail.models import Page as _Page
else:
    _Page = object


class PublicCacheMixin(_Page):
    """Anonymous readers all get the same bytes, which a shared cache may keep briefly.

    A page behind a view restriction (password, login, groups) is never public, even once
    the reader got through: a shared cache would hand it to the next reader.
    """

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Decided before rendering: rendering consumes the flash messages.
        personal = is_personal(request) or self.restricted(generation.current(request))
        return cache_for_visitor(request, super().serve(request, *args, **kwargs), personal)

    def restricted(self, token: str) -> bool:
        wagtail_lookup = super().get_view_restrictions
        return generation.remember(token, f"restricted:{self.pk}", lambda: wagtail_lookup().exists())

    def get_view_restrictions(self) -> QuerySet[PageViewRestriction]:
        """Wagtail's restrictions, asked of the database only when the page has some.

        Wagtail's serve hook asks on every request, two queries (the ancestors, then their
        restrictions) for an answer that is nearly always "none" and changes only with the
        content: the router (manchette/website/views.py) hands the page its generation.
        """
        token = getattr(self, "content_generation", None)
        if token is not None and not self.restricted(token):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
