"""Authors and agencies in the newsroom admin, as snippets whose ids in URLs are range-checked."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Agency, Author


class AuthorViewSet(SnippetViewSet):
    model = Author
    pk_path_converter = "id"  # ids range-checked: manchette/website/converters.py


class AgencyViewSet(SnippetViewSet):
    model = Agency
    pk_path_converter = "id"  # ids range-checked: manchette/website/converters.py


register_snippet(AuthorViewSet)
register_snippet(AgencyViewSet)
