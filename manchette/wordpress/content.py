"""WordPress bodies (classic editor HTML, shortcodes, Gutenberg block comments) as Manchette's
body pieces: paragraphs, subheadings, quotes and pictures. Never raw markup.

Two registries map what WordPress writes onto pieces: `SHORTCODES` and `BLOCKS`. A newsroom
adds its own with `@shortcode("name")` or `@block("namespace/name")`. Whatever has no entry
keeps its text (an unknown shortcode stays visible as text, so the desk can find it) and is
listed in the import report.
"""

import html
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag

SUBHEADING_MAX = 200
QUOTE_MAX = 1000
CAPTION_MAX = 400
CREDIT_MAX = 200
ALT_MAX = 250


@dataclass
class Paragraph:
    html: str  # Wagtail rich text: <p> with <b>, <i>, <a href> and <br/> only


@dataclass
class Subheading:
    text: str


@dataclass
class Quote:
    text: str
    attribution: str = ""


@dataclass
class Picture:
    url: str = ""
    attachment_id: str = ""
    alt: str = ""
    caption: str = ""
    credit: str = ""


Piece = Paragraph | Subheading | Quote | Picture


@dataclass
class Conversion:
    """The pieces of one body, and what the report must say about it."""

    context: "BodyContext"
    pieces: list[Piece] = field(default_factory=list)
    shortcodes: Counter = field(default_factory=Counter)
    blocks: Counter = field(default_factory=Counter)
    unmapped_shortcodes: set[str] = field(default_factory=set)
    unmapped_blocks: set[str] = field(default_factory=set)
    dropped: Counter = field(default_factory=Counter)  # scripts, styles, forms: never shown


@dataclass
class BodyContext:
    """What converters may need to know beyond the text: the site's address (links to it become
    paths, which the redirects answer) and the pictures attached to the post (a bare [gallery])."""

    site_url: str = ""
    attached_pictures: list[str] = field(default_factory=list)


ShortcodeConverter = Callable[[Conversion, dict[str, str], str], None]
BlockConverter = Callable[[Conversion, "Block"], None]
SHORTCODES: dict[str, ShortcodeConverter] = {}
BLOCKS: dict[str, BlockConverter] = {}


def shortcode(*names: str) -> Callable[[ShortcodeConverter], ShortcodeConverter]:
    def register(converter: ShortcodeConverter) -> ShortcodeConverter:
        for name in names:
            SHORTCODES[name] = converter
        return converter

    return register


def block(*names: str) -> Callable[[BlockConverter], BlockConverter]:
    def register(converter: BlockConverter) -> BlockConverter:
        for name in names:
            BLOCKS[name if "/" in name else f"core/{name}"] = converter
        return converter

    return register


def convert(content: str, context: BodyContext) -> Conversion:
    """The pieces of a post's body, whichever editor wrote it."""
    conversion = Conversion(context)
    if "<!-- wp:" in content:
        for node in parse_blocks(content):
            if isinstance(node, str):
                convert_html(conversion, node)
            else:
                convert_block(conversion, node)
    else:
        convert_html(conversion, content)
    return conversion


# --------------------------------------------------------------------------- Gutenberg blocks


@dataclass
class Block:
    name: str
    attrs: dict
    children: list["Block | str"] = field(default_factory=list)

    def html(self) -> str:
        """The block's own markup with its inner blocks' markup in place."""
        return "".join(child if isinstance(child, str) else child.html() for child in self.children)

    def inner_blocks(self) -> list["Block"]:
        return [child for child in self.children if isinstance(child, Block)]


_DELIMITER = re.compile(r"<!--\s+(/)?wp:([a-z][a-z0-9_-]*/)?([a-z][a-z0-9_-]*)\s+(\{.*?\}\s+)?(/)?-->", re.S)


def parse_blocks(content: str) -> list[Block | str]:
    """The block tree of a Gutenberg body; markup outside any block stays as text."""
    top: list[Block | str] = []
    stack: list[Block] = []
    position = 0
    for match in _DELIMITER.finditer(content):
        text = content[position : match.start()]
        position = match.end()
        (stack[-1].children if stack else top).append(text) if text.strip() else None
        closing, namespace, name, raw_attrs, self_closing = match.groups()
        full_name = f"{namespace or 'core/'}{name}"
        if closing:
            if stack and stack[-1].name == full_name:
                done = stack.pop()
                (stack[-1].children if stack else top).append(done)
            continue
        try:
            attrs = json.loads(raw_attrs) if raw_attrs else {}
        except ValueError:
            attrs = {}
        new = Block(full_name, attrs if isinstance(attrs, dict) else {})
        if self_closing:
            (stack[-1].children if stack else top).append(new)
        else:
            stack.append(new)
    rest = content[position:]
    if rest.strip():
        (stack[-1].children if stack else top).append(rest)
    while stack:  # a block never closed keeps what it had
        done = stack.pop()
        (stack[-1].children if stack else top).append(done)
    return top


def convert_block(conversion: Conversion, node: Block) -> None:
    conversion.blocks[node.name] += 1
    converter = BLOCKS.get(node.name) or (_embed if node.name.startswith(_OLD_EMBED) else None)
    if converter is None:
        conversion.unmapped_blocks.add(node.name)
        convert_html(conversion, node.html())
        return
    converter(conversion, node)


def _convert_children(conversion: Conversion, node: Block) -> None:
    for child in node.children:
        if isinstance(child, str):
            convert_html(conversion, child)
        else:
            convert_block(conversion, child)


@block("group", "columns", "column", "cover", "media-text")
def _container(conversion: Conversion, node: Block) -> None:
    """Layout around other blocks: each inner block is converted."""
    _convert_children(conversion, node)


@block(
    "paragraph",
    "heading",
    "list",
    "list-item",
    "table",
    "html",
    "shortcode",
    "freeform",
    "details",
    "buttons",
    "button",
    "missing",
    "footnotes",
    "verse",
    "preformatted",
    "code",
)
def _as_markup(conversion: Conversion, node: Block) -> None:
    """Blocks whose markup (inner blocks' included) says it all: read as classic HTML."""
    convert_html(conversion, node.html())


@block("quote", "pullquote")
def _quote(conversion: Conversion, node: Block) -> None:
    soup = BeautifulSoup(node.html(), "html.parser")
    _add_quote(conversion, soup)


@block("image")
def _image(conversion: Conversion, node: Block) -> None:
    before = len(conversion.pieces)
    convert_html(conversion, node.html())
    if node.attrs.get("id"):
        for piece in conversion.pieces[before:]:
            if isinstance(piece, Picture) and not piece.attachment_id:
                piece.attachment_id = str(node.attrs["id"])


@block("gallery")
def _gallery(conversion: Conversion, node: Block) -> None:
    if node.inner_blocks():
        _convert_children(conversion, node)
        return
    before = len(conversion.pieces)
    convert_html(conversion, node.html())
    ids = [str(i) for i in node.attrs.get("ids", [])]
    pictures = [piece for piece in conversion.pieces[before:] if isinstance(piece, Picture)]
    for picture, attachment_id in zip(pictures, ids, strict=False):
        picture.attachment_id = picture.attachment_id or attachment_id


@block("embed", "video", "audio", "file")
def _embed(conversion: Conversion, node: Block) -> None:
    url = node.attrs.get("url") or _first_source(node.html())
    if url:
        _add_link(conversion, url, node.attrs.get("providerNameSlug") or "")
    else:
        convert_html(conversion, node.html())


@block("separator", "spacer", "more", "nextpage")
def _nothing(conversion: Conversion, node: Block) -> None:
    """Layout only: nothing to carry over."""


def _first_source(markup: str) -> str:
    soup = BeautifulSoup(markup, "html.parser")
    for element in soup.find_all(["a", "video", "audio", "source", "iframe"]):
        url = element.get("href") or element.get("src")
        if url:
            return str(url)
    return ""


# Blocks named core-embed/youtube, core-embed/twitter… (WordPress before 5.6).
_OLD_EMBED = "core-embed/"


# --------------------------------------------------------------------------- shortcodes

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
    picture = _picture_from_img(image)
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
        _add_link(conversion, url, "")


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
            _add_link(self.conversion, bare.group(1), "")
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
            _add_quote(self.conversion, node)
        elif name in {"ul", "ol"}:
            self.list(node, ordered=name == "ol")
        elif name == "img":
            self.conversion.pieces.append(_picture_from_img(node))
        elif name == "figure":
            self.figure(node)
        elif name in {"iframe", "video", "audio", "object", "embed"}:
            url = node.get("src") or node.get("data") or _first_source(str(node))
            if url:
                _add_link(self.conversion, str(url), "")
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
                    self.conversion.pieces.append(_picture_from_img(image))
            return
        picture = _picture_from_img(images[0])
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


def _picture_from_img(image: Tag) -> Picture:
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


def _add_quote(conversion: Conversion, node: Tag) -> None:
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


def _add_link(conversion: Conversion, url: str, provider: str) -> None:
    """An embed as a link to what it showed: no script, no frame of another site."""
    href = _safe_href(url, conversion.context)
    if not href:
        return
    label = html.escape(url)
    conversion.pieces.append(Paragraph(f'<p><a href="{html.escape(href)}">{label}</a></p>'))
