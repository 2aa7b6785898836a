"""Classic editor markup (and what blocks hand over as markup) as body pieces, with the
shortcodes it holds expanded through the registry."""

import html
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag

from .pieces import (
    ALT_MAX,
    CAPTION_MAX,
    CREDIT_MAX,
    QUOTE_MAX,
    SUBHEADING_MAX,
    BodyContext,
    Conversion,
    Paragraph,
    Picture,
    Piece,
    Quote,
    Subheading,
)
from .registry import SHORTCODES

_SHORTCODE = re.compile(r"\[(\[?)(/?)([a-zA-Z][\w-]*)((?:\s[^\]]*)?)(/?)\](\]?)")
_ATTRIBUTE = re.compile(
    r'([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*\'([^\']*)\'|([\w-]+)\s*=\s*([^\s\'"]+)|"([^"]*)"|(\S+)'
)
_PIECE = "wp-piece"


def parse_attributes(raw: str) -> dict[str, str]:
    attributes: dict[str, str] = {}
    for position, match in enumerate(_ATTRIBUTE.finditer(html.unescape(raw))):
        groups = match.groups()
        if groups[0]:
            attributes[groups[0].lower()] = groups[1]
        elif groups[2]:
            attributes[groups[2].lower()] = groups[3]
        elif groups[4]:
            attributes[groups[4].lower()] = groups[5]
        else:
            attributes[str(position)] = groups[6] if groups[6] is not None else groups[7]
    return attributes


def _expand_shortcodes(conversion: Conversion, content: str, pending: list[list[Piece]]) -> str:
    """The markup with each known shortcode replaced by a placeholder for its pieces, and each
    unknown one's brackets kept as visible text."""
    out: list[str] = []
    position = 0
    while True:
        match = _SHORTCODE.search(content, position)
        if match is None:
            out.append(content[position:])
            return "".join(out)
        out.append(content[position : match.start()])
        escaped, closing, name, raw, self_closing, _end = match.groups()
        position = match.end()
        if escaped and _end:  # [[name]] is WordPress's way of writing the brackets themselves
            out.append(html.escape(match.group(0)[1:-1]))
            continue
        if escaped:
            out.append("[")
        name_lower = name.lower()
        if closing:
            out.append(html.escape(match.group(0)) if name_lower not in SHORTCODES else "")
            continue
        inner = ""
        end = re.compile(rf"\[/{re.escape(name)}\]", re.I)
        closing_match = None if self_closing else end.search(content, position)
        converter = SHORTCODES.get(name_lower)
        conversion.shortcodes[name_lower] += 1
        if converter is None:
            conversion.unmapped_shortcodes.add(name_lower)
            out.append(html.escape(match.group(0)))  # the inner markup goes on as it is
            continue
        if closing_match is not None:
            inner = content[position : closing_match.start()]
            position = closing_match.end()
        sub = Conversion(conversion.context)
        converter(sub, parse_attributes(raw), inner)
        _merge_reports(conversion, sub)
        pending.append(sub.pieces)
        out.append(f'<{_PIECE} n="{len(pending) - 1}"></{_PIECE}>')


def _merge_reports(into: Conversion, other: Conversion) -> None:
    into.shortcodes.update(other.shortcodes)
    into.blocks.update(other.blocks)
    into.unmapped_shortcodes |= other.unmapped_shortcodes
    into.unmapped_blocks |= other.unmapped_blocks
    into.dropped.update(other.dropped)


# --------------------------------------------------------------------------- classic HTML

_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "main",
    "figure",
    "blockquote",
    "ul",
    "ol",
    "dl",
    "table",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "iframe",
    "img",
    "video",
    "audio",
    "object",
    "embed",
    "center",
    "address",
    "details",
    "nav",
    "form",
    _PIECE,
}
_DROPPED = {"script", "style", "noscript", "form", "template", "svg", "button", "input", "select", "textarea"}
_BOLD = {"b", "strong"}
_ITALIC = {"i", "em", "cite"}
_BARE_URL = re.compile(r"^\s*(https?://\S+)\s*$")


def convert_html(conversion: Conversion, markup: str) -> None:
    """Classic editor markup (paragraphs made from blank lines, as WordPress's autop does)."""
    if not markup.strip():
        return
    pending: list[list[Piece]] = []
    expanded = _expand_shortcodes(conversion, markup, pending)
    soup = BeautifulSoup(expanded, "html.parser")
    _Walker(conversion, pending).walk_block(soup)


class _Walker:
    def __init__(self, conversion: Conversion, pending: list[list[Piece]]) -> None:
        self.conversion, self.pending = conversion, pending
        self.line: list[str] = []  # the paragraph being built, as safe rich text

    def flush(self) -> None:
        text = "".join(self.line).strip()
        while text.endswith("<br/>"):
            text = text.removesuffix("<br/>").strip()
        while text.startswith("<br/>"):
            text = text.removeprefix("<br/>").strip()
        self.line = []
        if not text:
            return
        bare = _BARE_URL.match(html.unescape(re.sub(r"<[^>]+>", "", text)))
        if bare and "<a " not in text:  # a URL alone on its line: WordPress embeds it
            add_link(self.conversion, bare.group(1), "")
            return
        self.conversion.pieces.append(Paragraph(f"<p>{text}</p>"))

    def walk_block(self, parent: Tag) -> None:
        for node in list(parent.children):
            if isinstance(node, NavigableString):
                if type(node) is not NavigableString:  # comments, CDATA, doctype
                    continue
                self.text(str(node), autop=True)
            elif isinstance(node, Tag):
                self.element(node)
        self.flush()

    def text(self, text: str, autop: bool) -> None:
        if autop:
            parts = re.split(r"\n\s*\n", text)
            for index, part in enumerate(parts):
                if index:
                    self.flush()
                self.line.append(html.escape(part).replace("\n", "<br/>"))
        else:
            self.line.append(html.escape(text))

    def element(self, node: Tag) -> None:
        name = node.name.lower()
        if name in _DROPPED:
            self.conversion.dropped[name] += 1
            return
        if name not in _BLOCK_TAGS:
            self.inline(node)
            return
        self.flush()
        if name == _PIECE:
            self.conversion.pieces.extend(self.pending[int(str(node.get("n", "0")))])
        elif name in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            _add_subheading(self.conversion, node.get_text(" ", strip=True))
        elif name == "blockquote":
            add_quote(self.conversion, node)
        elif name in {"ul", "ol"}:
            self.list(node, ordered=name == "ol")
        elif name == "img":
            self.conversion.pieces.append(picture_from_img(node))
        elif name == "figure":
            self.figure(node)
        elif name in {"iframe", "video", "audio", "object", "embed"}:
            url = node.get("src") or node.get("data") or first_source(str(node))
            if url:
                add_link(self.conversion, str(url), "")
        elif name == "hr":
            pass
        elif name == "pre":
            self.line.append(html.escape(node.get_text()).replace("\n", "<br/>"))
        elif name == "table":
            for row in node.find_all("tr"):
                cells = [cell.get_text(" ", strip=True) for cell in row.find_all(["td", "th"])]
                self.line.append(html.escape(" | ".join(cell for cell in cells if cell)))
                self.flush()
        else:
            self.walk_block(node)
        self.flush()

    def figure(self, node: Tag) -> None:
        images = node.find_all("img")
        if not images:
            self.walk_block(node)
            return
        figcaption = node.find("figcaption", recursive=False)
        caption, credit = split_credit(figcaption.get_text(" ", strip=True) if figcaption else "")
        if len(images) > 1 or node.find("figure"):  # a gallery: each picture with its own caption
            for inner in node.find_all("figure") or []:
                if inner.find("img"):
                    self.figure(inner)
            if not node.find("figure"):
                for image in images:
                    self.conversion.pieces.append(picture_from_img(image))
            return
        picture = picture_from_img(images[0])
        picture.caption, picture.credit = caption, credit or picture.credit
        self.conversion.pieces.append(picture)

    def list(self, node: Tag, ordered: bool) -> None:
        for number, item in enumerate(node.find_all("li", recursive=False), start=1):
            marker = f"{number}. " if ordered else "• "
            self.line.append(marker)
            for child in item.children:
                if isinstance(child, Tag) and child.name in {"ul", "ol"}:
                    self.line.append("<br/>")
                    self.list(child, ordered=child.name == "ol")
                elif isinstance(child, Tag):
                    self.element(child)
                elif type(child) is NavigableString:
                    self.text(str(child).strip("\n"), autop=False)
            self.line.append("<br/>")
        self.flush()

    def inline(self, node: Tag) -> None:
        name = node.name.lower()
        if name == "br":
            self.line.append("<br/>")
            return
        wrap = "b" if name in _BOLD else "i" if name in _ITALIC else None
        href = _safe_href(str(node.get("href", "")), self.conversion.context) if name == "a" else ""
        opened = len(self.line)
        if wrap:
            self.line.append(f"<{wrap}>")
        if href:
            self.line.append(f'<a href="{html.escape(href)}">')
        for child in list(node.children):
            if isinstance(child, Tag):
                if child.name.lower() in _BLOCK_TAGS:  # an image inside a link or a span
                    self.element(child)
                    opened = len(self.line)
                else:
                    self.inline(child)
            elif type(child) is NavigableString:
                self.text(str(child), autop=True)
        if len(self.line) > opened:
            if href:
                self.line.append("</a>")
            if wrap:
                self.line.append(f"</{wrap}>")
        else:
            del self.line[opened:]


def _safe_href(href: str, context: BodyContext) -> str:
    href = href.strip()
    parts = urlsplit(href)
    if parts.scheme in {"http", "https"}:
        site = urlsplit(context.site_url)
        if site.netloc and parts.netloc == site.netloc:
            return href.split(site.netloc, 1)[1] or "/"  # the old address: the redirects answer it
        return href
    if parts.scheme == "mailto" or (not parts.scheme and href.startswith(("/", "#"))):
        return href
    return ""


def picture_from_img(image: Tag) -> Picture:
    classes: Iterable[str] = image.get("class") or []
    attachment = next((c.removeprefix("wp-image-") for c in classes if c.startswith("wp-image-")), "")
    return Picture(
        url=str(image.get("src", "")),
        attachment_id=attachment or str(image.get("data-id", "")),
        alt=str(image.get("alt", ""))[:ALT_MAX],
    )


_CREDIT = re.compile(r"\s*(?:[-–—|/]\s*)?((?:©|\(c\)|Crédit\s*:|Photo\s*:).*)$", re.I)


_CREDIT_MARK = re.compile(r"^(?:©|\(c\)|Crédit\s*:|Photo\s*:)\s*", re.I)


def bare_credit(credit: str) -> str:
    """The photographer or agency alone: Manchette's pages print the "©" before it."""
    return _CREDIT_MARK.sub("", " ".join(credit.split()))[:CREDIT_MAX]


def split_credit(caption: str) -> tuple[str, str]:
    """A caption and the credit it ends with ("Le port au matin © Jeanne Martin" → "Jeanne Martin")."""
    caption = " ".join(caption.split())
    match = _CREDIT.search(caption)
    if not match or (match.start() == 0 and len(caption) == len(match.group(1))):
        return caption[:CAPTION_MAX], (bare_credit(match.group(1)) if match else "")
    return caption[: match.start()].strip()[:CAPTION_MAX], bare_credit(match.group(1))


def _add_subheading(conversion: Conversion, text: str) -> None:
    if not text:
        return
    if len(text) > SUBHEADING_MAX:
        conversion.pieces.append(Paragraph(f"<p><b>{html.escape(text)}</b></p>"))
    else:
        conversion.pieces.append(Subheading(text))


def add_quote(conversion: Conversion, node: Tag) -> None:
    cite = node.find(["cite", "footer"])
    attribution = cite.get_text(" ", strip=True) if cite else ""
    if cite:
        cite.extract()
    text = "\n".join(part.get_text(" ", strip=True) for part in node.find_all("p")) or node.get_text(
        " ", strip=True
    )
    if not text:
        return
    if len(text) > QUOTE_MAX:  # too long for a quote: kept whole, as paragraphs in italics
        for part in text.split("\n"):
            conversion.pieces.append(Paragraph(f"<p><i>{html.escape(part)}</i></p>"))
        return
    conversion.pieces.append(Quote(text.strip('«» \n"“”'), attribution[:200]))


def add_link(conversion: Conversion, url: str, provider: str) -> None:
    """An embed as a link to what it showed: no script, no frame of another site."""
    href = _safe_href(url, conversion.context)
    if not href:
        return
    label = html.escape(url)
    conversion.pieces.append(Paragraph(f'<p><a href="{html.escape(href)}">{label}</a></p>'))


def first_source(markup: str) -> str:
    soup = BeautifulSoup(markup, "html.parser")
    for element in soup.find_all(["a", "video", "audio", "source", "iframe"]):
        url = element.get("href") or element.get("src")
        if url:
            return str(url)
    return ""
