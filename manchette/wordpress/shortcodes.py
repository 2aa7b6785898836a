"""The converters of WordPress's own shortcodes: [caption], [gallery] and the embeds."""

from bs4 import BeautifulSoup

from .markup import add_link, convert_html, picture_from_img, split_credit
from .pieces import Conversion, Picture
from .registry import shortcode


@shortcode("caption", "wp_caption")
def _caption(conversion: Conversion, attributes: dict[str, str], inner: str) -> None:
    soup = BeautifulSoup(inner, "html.parser")
    image = soup.find("img")
    if image is None:
        convert_html(conversion, inner)
        return
    link = image.find_parent("a")
    (link or image).extract()
    caption = attributes.get("caption") or soup.get_text(" ", strip=True)
    picture = picture_from_img(image)
    picture.attachment_id = picture.attachment_id or attributes.get("id", "").removeprefix("attachment_")
    picture.caption, credit = split_credit(caption)
    picture.credit = credit or picture.credit
    conversion.pieces.append(picture)


@shortcode("gallery")
def _gallery_shortcode(conversion: Conversion, attributes: dict[str, str], inner: str) -> None:
    ids = [
        i.strip() for i in (attributes.get("ids") or attributes.get("include") or "").split(",") if i.strip()
    ]
    for attachment_id in ids or conversion.context.attached_pictures:
        conversion.pieces.append(Picture(attachment_id=attachment_id))


@shortcode("embed", "video", "audio", "youtube", "tweet", "vimeo", "soundcloud", "playlist")
def _embed_shortcode(conversion: Conversion, attributes: dict[str, str], inner: str) -> None:
    url = (
        inner.strip()
        or attributes.get("src")
        or attributes.get("url")
        or attributes.get("mp4")
        or attributes.get("0", "")
    )
    if url.startswith(("http://", "https://")):
        add_link(conversion, url, "")
