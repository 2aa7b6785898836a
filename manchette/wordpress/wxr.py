"""Reading a WordPress export (WXR 1.0, 1.1, 1.2) as a stream.

The file is parsed with defusedxml's iterparse: entities and external resources are refused,
and each author, term and item is handed over as a small record, then cleared from the tree,
so a file of any size is read in the memory of one item.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.utils.translation import gettext as _

# WordPress writes this when a draft has no date yet.
NO_DATE = "0000-00-00 00:00:00"


class WXRError(Exception):
    """Why the file as a whole cannot be read, in the reader's language."""


@dataclass
class Channel:
    title: str = ""
    link: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    wxr_version: str = ""

    @property
    def site_url(self) -> str:
        return (self.base_blog_url or self.link).rstrip("/")


@dataclass
class WPAuthor:
    login: str
    display_name: str
    first_name: str = ""
    last_name: str = ""
    author_id: str = ""


@dataclass
class WPTerm:
    taxonomy: str  # category, post_tag, or another taxonomy (wp:term)
    term_id: str
    slug: str
    name: str
    parent: str = ""


@dataclass
class WPComment:
    comment_id: str
    author: str
    date_gmt: datetime | None
    content: str
    approved: str  # "1", "0", "spam", "trash"
    comment_type: str
    parent: str


@dataclass
class ItemTerm:
    domain: str  # category, post_tag, author (Co-Authors Plus)…
    slug: str
    name: str


@dataclass
class WPItem:
    post_id: str
    post_type: str
    status: str
    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    slug: str = ""
    date_gmt: datetime | None = None
    date_local: datetime | None = None  # what WordPress's date-based permalinks are made of
    modified_gmt: datetime | None = None
    parent: str = ""
    sticky: bool = False
    attachment_url: str = ""
    terms: list[ItemTerm] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    comments: list[WPComment] = field(default_factory=list)

    def label(self) -> str:
        """How the report names the item: its id and title."""
        return f"#{self.post_id} « {self.title or _('sans titre')} »"


Record = WPAuthor | WPTerm | WPItem


def _name(tag: str) -> str:
    """`{namespace}local` as `prefix:local`, whatever version of the namespaces the file uses."""
    if not tag.startswith("{"):
        return tag
    uri, local = tag[1:].split("}", 1)
    if "wordpress.org/export" in uri:
        return f"{'excerpt' if 'excerpt' in uri else 'wp'}:{local}"
    if "modules/content" in uri:
        return f"content:{local}"
    if "purl.org/dc/" in uri:
        return f"dc:{local}"
    return f"{uri.rstrip('/').rsplit('/', 1)[-1]}:{local}"


def _text(element: Element | None) -> str:
    return (element.text or "") if element is not None else ""


def _children(element: Element) -> dict[str, str]:
    """The text of each simple child, by name (the first of a name wins)."""
    found: dict[str, str] = {}
    for child in element:
        found.setdefault(_name(child.tag), (child.text or "").strip())
    return found


def parse_date(value: str) -> datetime | None:
    """A WXR GMT date ("2023-09-13 08:00:00") as an aware datetime; None for none or nonsense."""
    value = (value or "").strip()
    if not value or value == NO_DATE:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def _author(element: Element) -> WPAuthor:
    fields = _children(element)
    login = fields.get("wp:author_login", "")
    return WPAuthor(
        login=login,
        display_name=fields.get("wp:author_display_name") or login,
        first_name=fields.get("wp:author_first_name", ""),
        last_name=fields.get("wp:author_last_name", ""),
        author_id=fields.get("wp:author_id", ""),
    )


def _term(element: Element, kind: str) -> WPTerm:
    fields = _children(element)
    if kind == "wp:category":
        return WPTerm(
            "category",
            fields.get("wp:term_id", ""),
            fields.get("wp:category_nicename", ""),
            fields.get("wp:cat_name", ""),
            fields.get("wp:category_parent", ""),
        )
    if kind == "wp:tag":
        return WPTerm(
            "post_tag",
            fields.get("wp:term_id", ""),
            fields.get("wp:tag_slug", ""),
            fields.get("wp:tag_name", ""),
        )
    return WPTerm(
        fields.get("wp:term_taxonomy", ""),
        fields.get("wp:term_id", ""),
        fields.get("wp:term_slug", ""),
        fields.get("wp:term_name", ""),
        fields.get("wp:term_parent", ""),
    )


def _comment(element: Element) -> WPComment:
    fields = _children(element)
    return WPComment(
        comment_id=fields.get("wp:comment_id", ""),
        author=fields.get("wp:comment_author", ""),
        date_gmt=parse_date(fields.get("wp:comment_date_gmt", ""))
        or parse_date(fields.get("wp:comment_date", "")),
        content=_text(next((c for c in element if _name(c.tag) == "wp:comment_content"), None)),
        approved=fields.get("wp:comment_approved", "0"),
        comment_type=fields.get("wp:comment_type", ""),
        parent=fields.get("wp:comment_parent", "0"),
    )


# The item's plain fields: the element's name, and the WPItem attribute that takes its text.
_ITEM_STRIPPED = {
    "title": "title",
    "link": "link",
    "guid": "guid",
    "dc:creator": "creator",
    "wp:post_id": "post_id",
    "wp:post_type": "post_type",
    "wp:status": "status",
    "wp:post_name": "slug",
    "wp:post_parent": "parent",
    "wp:attachment_url": "attachment_url",
}
# Bodies keep their whitespace: it is part of the markup.
_ITEM_RAW = {"content:encoded": "content", "excerpt:encoded": "excerpt"}


def _item(element: Element) -> WPItem:
    item = WPItem(post_id="", post_type="", status="")
    for child in element:
        name, text = _name(child.tag), child.text or ""
        if name in _ITEM_STRIPPED:
            setattr(item, _ITEM_STRIPPED[name], text.strip())
        elif name in _ITEM_RAW:
            setattr(item, _ITEM_RAW[name], text)
        elif name == "wp:post_date_gmt":
            item.date_gmt = parse_date(text) or item.date_gmt
        elif name == "wp:post_date":
            item.date_local = parse_date(text)
            item.date_gmt = item.date_gmt or item.date_local  # corrected when the GMT date follows
        elif name == "wp:post_modified_gmt":
            item.modified_gmt = parse_date(text)
        elif name == "wp:is_sticky":
            item.sticky = text.strip() == "1"
        elif name == "category":
            item.terms.append(
                ItemTerm(child.get("domain", "category"), child.get("nicename", ""), text.strip())
            )
        elif name == "wp:postmeta":
            meta = _children(child)
            item.meta.setdefault(meta.get("wp:meta_key", ""), _meta_value(child))
        elif name == "wp:comment":
            item.comments.append(_comment(child))
    return item


def _meta_value(meta: Element) -> str:
    value = next((c for c in meta if _name(c.tag) == "wp:meta_value"), None)
    return _text(value)


class WXRReader:
    """Iterates over the records of an export; `channel` fills in as the stream goes."""

    RECORDS = {"item", "wp:author", "wp:category", "wp:tag", "wp:term"}

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.channel = Channel()
        self.saw_channel = False

    def __iter__(self) -> Iterator[Record]:
        try:
            yield from self._records()
        except DefusedXmlException as error:
            raise WXRError(
                _("Fichier refusé : il déclare des entités ou des ressources externes (%(what)s).")
                % {"what": type(error).__name__}
            ) from None
        except ParseError as error:
            line, column = getattr(error, "position", (0, 0))
            raise WXRError(
                _("Fichier XML illisible à la ligne %(line)s, colonne %(column)s : %(reason)s.")
                % {"line": line, "column": column, "reason": str(error).split(":")[0]}
            ) from None
        except OSError as error:
            raise WXRError(
                _("Fichier illisible : %(reason)s.") % {"reason": error.strerror or error}
            ) from None
        if not self.saw_channel:
            raise WXRError(
                _("Ce fichier n'est pas un export WordPress (WXR) : il n'a pas d'élément <channel>.")
            )

    def _records(self) -> Iterator[Record]:
        channel: Element | None = None
        depth = 0
        for event, element in iterparse(str(self.path), events=("start", "end")):
            if event == "start":
                depth += 1
                if depth == 2 and _name(element.tag) == "channel":
                    channel, self.saw_channel = element, True
                continue
            depth -= 1
            if channel is None or depth != 2:
                continue
            name = _name(element.tag)
            if name in self.RECORDS:
                if name == "item":
                    yield _item(element)
                elif name == "wp:author":
                    yield _author(element)
                else:
                    yield _term(element, name)
                element.clear()
                channel.remove(element)  # the channel keeps no empty shells either
            else:
                self._channel_field(name, (element.text or "").strip())

    def _channel_field(self, name: str, text: str) -> None:
        fields = {
            "title": "title",
            "link": "link",
            "wp:base_site_url": "base_site_url",
            "wp:base_blog_url": "base_blog_url",
            "wp:wxr_version": "wxr_version",
        }
        if name in fields and not getattr(self.channel, fields[name]):
            setattr(self.channel, fields[name], text)


_CREDIT = re.compile(r's:6:"credit";s:\d+:"([^"]*)"')


def attachment_credit(metadata: str) -> str:
    """The credit WordPress read from the picture's IPTC data, in its serialized metadata."""
    match = _CREDIT.search(metadata or "")
    return match.group(1).strip() if match else ""
