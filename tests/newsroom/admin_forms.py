"""The article edit form of the Wagtail admin, as a browser posts it."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def article_form(
    *, title: str, slug: str, authors: dict, kicker: str = "", standfirst: str = "Un chapô.",
    body_html: str = "<p>Les étals rouvrent.</p>", **actions: str,
) -> dict:
    """POST data for an article with one author link (`authors`: an inline formset)."""
    return nested_form_data(
        {
            "kicker": kicker,
            "title": title,
            "slug": slug,
            "standfirst": standfirst,
            "article_authors": authors,
            "agency": "",
            "hero_image": "",
            "hero_alt": "",
            "hero_caption": "",
            "hero_credit": "",
            "body": streamfield([("paragraph", rich_text(body_html))]),
            "tags": "",
            "updated_at": "",
            "must_reads": inline_formset([]),
            "comments": inline_formset([]),
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
            **actions,
        }
    )
