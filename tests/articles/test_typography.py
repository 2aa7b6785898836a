"""French spacing: punctuation bound to its word, markup safe, user text still escaped."""

from django.template import Context, Template
from django.utils.safestring import mark_safe

from manchette.articles.templatetags.news import french_spacing


def test_guillemets_and_high_punctuation_get_non_breaking_spaces() -> None:
    assert french_spacing("« Il y a vingt ans » : hausse de 0,4 % ?") == (
        "«\u202fIl y a vingt ans\u202f»\u00a0: hausse de 0,4\u202f%\u202f?"
    )


def test_text_without_french_punctuation_is_unchanged() -> None:
    assert french_spacing("Budget 2027, vote final") == "Budget 2027, vote final"


def test_plain_text_is_still_escaped_in_templates() -> None:
    rendered = Template("{% load news %}{{ title|french_spacing }}").render(
        Context({"title": "<script>« x »</script>"})
    )
    assert "<script>" not in rendered
    assert rendered == "&lt;script&gt;«\u202fx\u202f»&lt;/script&gt;"


def test_safe_markup_stays_markup() -> None:
    rendered = Template("{% load news %}{{ body|french_spacing }}").render(
        Context({"body": mark_safe("<p>« Oui »</p>")})
    )
    assert rendered == "<p>«\u202fOui\u202f»</p>"
