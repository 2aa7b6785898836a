"""The picture sizes the templates ask for, so that they can be made when an article or a live
is published.

Keep these in step with the `srcset_image` tags of the templates named below: a test
renders the pages after `services.make_renditions` and checks no new size was needed.
"""

from collections.abc import Iterator

from wagtail.images.models import AbstractImage

from .models import ArticlePage, NewsPage
from .structured_data import JSON_LD_IMAGE_SPECS, SOCIAL_IMAGE_SPEC


def _sizes(template: str, sizes: list[str]) -> list[str]:
    return [template.format(size) for size in sizes]


# articles/article_page.html, the hero picture
HERO = _sizes("width-{}|format-webp", ["480", "800", "1200", "1600"])
# articles/includes/card.html, the lead story on the home page, then every other card
LEAD_CARD = _sizes("fill-{}|format-webp", ["480x270", "800x450", "1200x675"])
CARD = _sizes("fill-{}|format-webp", ["320x180", "640x360"])
# articles/blocks/image.html, pictures in the body
BODY = _sizes("width-{}|format-webp", ["480", "800", "1200"])


def needed_by(page: NewsPage) -> Iterator[tuple[AbstractImage, list[str]]]:
    """The hero picture (the live page shows it as the article's does), then an article's body
    pictures (a live's entries are not pages: theirs are made when they are first shown)."""
    if page.hero_image:
        yield page.hero_image, [*HERO, *LEAD_CARD, *CARD, SOCIAL_IMAGE_SPEC, *JSON_LD_IMAGE_SPECS]
    if not isinstance(page, ArticlePage):
        return
    for block in page.body:
        if block.block_type == "image" and block.value["image"] is not None:
            yield block.value["image"], BODY
