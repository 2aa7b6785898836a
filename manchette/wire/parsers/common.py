"""The normalised wire item and what every parser shares: safe XML, encodings, body blocks."""

import html
import re
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any
from xml.etree.ElementTree import Element
from xml.etree.ElementTree import ParseError as XMLSyntaxError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

# A long agency story with its metadata is well under 1 MB; a picture's metadata far less.
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_BLOCK_CHARS = 10_000
MAX_SUBJECTS = 50

USABLE, CANCELED, WITHHELD = "usable", "canceled", "withheld"
UPDATE, CORRECTION, KILL = "update", "correction", "kill"


class ParseError(Exception):
    """A file nothing can be read from. The message is for the desk, in its language."""

    @staticmethod
    def too_big(size: int) -> str:
        return _("Fichier trop gros (%(size)s octets, au plus %(max)s).") % {
            "size": size,
            "max": MAX_FILE_BYTES,
        }

    @staticmethod
    def unknown_format(name: str) -> str:
        return _("Format inconnu : %(name)s.") % {"name": name}


@dataclass
class Picture:
    href: str
    caption: str = ""
    credit: str = ""
    width: int | None = None
    height: int | None = None


@dataclass
class WireItem:
    guid: str
    version: int = 1
    item_class: str = "text"  # text, picture, composite
    headline: str = ""
    slugline: str = ""
    standfirst: str = ""
    body: list[dict] = field(default_factory=list)  # {"type": paragraph|subheading|quote, "text": …}
    body_href: str = ""  # where the body is to be fetched (AP's NITF rendition), when not inline
    byline: str = ""
    dateline: str = ""
    credit: str = ""
    copyright: str = ""
    usage_terms: str = ""
    provider: str = ""
    urgency: int | None = None
    pub_status: str = USABLE
    embargo: datetime | None = None
    embargo_pending: bool = False  # an embargo is announced without a time: hold until one comes
    signals: list[str] = field(default_factory=list)
    ednote: str = ""
    subjects: list[str] = field(default_factory=list)
    language: str = ""
    pictures: list[Picture] = field(default_factory=list)
    version_created: datetime | None = None
    warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("embargo", "version_created"):
            data[key] = data[key].isoformat() if data[key] else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "WireItem":
        values = dict(data)
        for key in ("embargo", "version_created"):
            values[key] = parse_datetime(values[key]) if values.get(key) else None
        values["pictures"] = [Picture(**picture) for picture in values.get("pictures", [])]
        return cls(**values)

    @property
    def killed(self) -> bool:
        return self.pub_status == CANCELED or KILL in self.signals

    def body_text(self) -> str:
        return "\n\n".join(block["text"] for block in self.body)


@dataclass
class ParsedFile:
    items: list[WireItem]
    warnings: list[str] = field(default_factory=list)  # about the file, not one item
    cursor: str = ""  # HTTP feeds: where the next poll starts


# ----------------------------------------------------------------------------- text

_SPACES = re.compile(r"\s+")


def clean(text: str | None, limit: int = MAX_BLOCK_CHARS) -> str:
    """One line of plain text: whitespace collapsed, control characters gone, bounded."""
    if not text:
        return ""
    text = "".join(ch for ch in text if ch >= " " or ch in "\t\n")
    return _SPACES.sub(" ", text).strip()[:limit]


def to_int(value: object, warnings: list[str], what: str) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        warnings.append(
            _("%(what)s illisible : « %(value)s ».") % {"what": what, "value": clean(str(value), 40)}
        )
        return None


def to_datetime(value: object, warnings: list[str], what: str) -> datetime | None:
    """ISO 8601 and its compact form (20240710T130037Z) as agencies write them."""
    text = clean(str(value)) if value else ""
    if not text:
        return None
    compact = re.fullmatch(r"(\d{8})T(\d{6})(Z|[+-]\d{4})?", text)
    if compact:
        day, time_, zone = compact.groups()
        text = f"{day[:4]}-{day[4:6]}-{day[6:]}T{time_[:2]}:{time_[2:4]}:{time_[4:]}{zone or 'Z'}"
    text = re.sub(r"\s", "", text)  # some agencies put spaces inside their timestamps
    try:
        moment = parse_datetime(text)
    except ValueError:
        moment = None
    if moment is None:
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            warnings.append(_("%(what)s illisible : « %(value)s ».") % {"what": what, "value": text[:40]})
            return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def paragraphs_from_text(text: str) -> list[dict]:
    """Plain-text bodies: a blank line (or a line break, when there is no blank line) ends a paragraph."""
    chunks = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.splitlines()
    return [{"type": "paragraph", "text": clean(chunk)} for chunk in chunks if clean(chunk)]


# ----------------------------------------------------------------------------- XML

_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"'][^>]*\?>")
_LATIN = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "iso-8859-15", "windows-1252", "cp1252"}


def decode(data: bytes, warnings: list[str]) -> str:
    """The file's text, whatever its declaration says: AFP copy declared Latin-1 is often UTF-8,
    and UTF-8 declared files sometimes carry Windows-1252 bytes."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    match = _DECLARATION.match(data[:300])
    declared = match.group(1).decode("ascii").lower() if match else "utf-8"
    if declared in {"utf8", "utf-8"}:
        declared = "utf-8"
    if declared in _LATIN:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return data.decode("cp1252", errors="replace")
        if not text.isascii():
            warnings.append(
                _("Encodage déclaré %(declared)s, mais le fichier est en UTF-8 : lu en UTF-8.")
                % {"declared": declared}
            )
        return text
    try:
        return data.decode(declared)
    except LookupError:
        warnings.append(_("Encodage déclaré inconnu (%(declared)s) : lu en UTF-8.") % {"declared": declared})
    except UnicodeDecodeError:
        warnings.append(
            _("Le fichier n'est pas en %(declared)s comme il le déclare : lu en Windows-1252.")
            % {"declared": declared}
        )
        return data.decode("cp1252", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def local(name: str) -> str:
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def parse_xml(data: bytes, warnings: list[str]) -> Element:
    """The file's root element, namespaces dropped from tag and attribute names: agencies
    disagree on prefixes and on whether to declare the namespace at all (TT's root lacks it)."""
    text = decode(data, warnings)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text, count=1)
    try:
        root = fromstring(text, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise ParseError(_("Fichier refusé : il déclare des entités ou des ressources externes.")) from None
    except XMLSyntaxError as error:
        raise ParseError(_("XML illisible (%(error)s).") % {"error": error}) from None
    for element in root.iter():
        if isinstance(element.tag, str):
            element.tag = local(element.tag)
        if element.attrib:
            element.attrib = {local(key): value for key, value in element.attrib.items()}
    return root


def text_of(element: Element | None) -> str:
    return clean("".join(element.itertext())) if element is not None else ""


def find_any(parent: Element, *paths: str) -> Element | None:
    for path in paths:
        found = parent.find(path)
        if found is not None:
            return found
    return None


def first_text(parent: Element | None, *paths: str) -> str:
    if parent is None:
        return ""
    for path in paths:
        found = parent.find(path)
        if found is not None and text_of(found):
            return text_of(found)
    return ""


_SUBHEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6", "hl1", "hl2"}
_QUOTES = {"blockquote", "bq", "block.quote", "q"}
_DROPPED = {"script", "style", "head", "title", "iframe", "object", "embed", "noscript", "media", "figure"}
_PARAGRAPHS = {"p", "li", "pre", "caption", "credit", "tr", "dt", "dd"}


def blocks_from_xml(element: Element) -> list[dict]:
    """An XML body (NITF body.content, XHTML) to blocks of plain text, markup dropped."""
    blocks: list[dict] = []

    def walk(node: Element) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _DROPPED:
            return
        kind = (
            "subheading"
            if tag in _SUBHEADINGS
            else "quote"
            if tag in _QUOTES
            else "paragraph"
            if tag in _PARAGRAPHS
            else None
        )
        if kind:
            text = clean(" ".join(_visible_text(node)))
            if text:
                blocks.append({"type": kind, "text": text[:200] if kind == "subheading" else text})
            return
        if node.text and clean(node.text) and len(node):
            blocks.append({"type": "paragraph", "text": clean(node.text)})
        for child in node:
            walk(child)
            if child.tail and clean(child.tail):
                blocks.append({"type": "paragraph", "text": clean(child.tail)})

    walk(element)
    if not blocks and text_of(element):
        blocks = [{"type": "paragraph", "text": text_of(element)}]
    return blocks


def _visible_text(node: Element) -> list[str]:
    parts = [node.text or ""]
    for child in node:
        if not (isinstance(child.tag, str) and child.tag in _DROPPED):
            parts.extend(_visible_text(child))
        parts.append(child.tail or "")
    return parts


class _HTMLBlocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[dict] = []
        self.kind: str | None = None
        self.buffer: list[str] = []
        self.dropped = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:
            self.dropped += 1
        elif tag in _SUBHEADINGS or tag in _QUOTES or tag in _PARAGRAPHS or tag in {"div", "section", "br"}:
            self.flush()
            self.kind = "subheading" if tag in _SUBHEADINGS else "quote" if tag in _QUOTES else "paragraph"

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED:
            self.dropped = max(0, self.dropped - 1)
        elif tag in _SUBHEADINGS or tag in _QUOTES or tag in _PARAGRAPHS or tag in {"div", "section"}:
            self.flush()

    def handle_data(self, data: str) -> None:
        if not self.dropped:
            self.buffer.append(data)

    def flush(self) -> None:
        text = clean(" ".join(self.buffer))
        if text:
            kind = self.kind or "paragraph"
            self.blocks.append({"type": kind, "text": text[:200] if kind == "subheading" else text})
        self.buffer, self.kind = [], None


def blocks_from_html(markup: str) -> list[dict]:
    """An HTML body (ninjs body_html): text only; scripts, styles and attributes (event
    handlers, javascript: links) never survive."""
    parser = _HTMLBlocks()
    parser.feed(markup)
    parser.close()
    parser.flush()
    return parser.blocks


def strip_html(markup: str) -> str:
    return (
        clean(" ".join(block["text"] for block in blocks_from_html(markup)))
        if "<" in markup
        else clean(html.unescape(markup))
    )


def pub_status(code: str, warnings: list[str]) -> str:
    """stat:usable, Usable, canceled, cancelled, withheld, embargoed… to one of three."""
    value = local(code or "").strip().lower()
    if value in {"", "usable", "embargoed"}:
        return USABLE
    if value in {"canceled", "cancelled", "kill", "killed"}:
        return CANCELED
    if value == "withheld":
        return WITHHELD
    warnings.append(
        _("Statut de publication inconnu : « %(code)s », traité comme utilisable.") % {"code": code}
    )
    return USABLE


def require_guid(item: WireItem) -> None:
    if not item.guid:
        raise ParseError(_("Dépêche sans identifiant : impossible de la rattacher à une histoire."))
