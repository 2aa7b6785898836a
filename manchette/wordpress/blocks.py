"""Gutenberg bodies: the block tree WordPress writes in HTML comments, and the converters of
WordPress's own blocks."""

import json
import re

from bs4 import BeautifulSoup

from .markup import add_link, add_quote, convert_html, first_source
from .pieces import Conversion, Picture
from .registry import BLOCKS, Block, block

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
    add_quote(conversion, soup)


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
    url = node.attrs.get("url") or first_source(node.html())
    if url:
        add_link(conversion, url, node.attrs.get("providerNameSlug") or "")
    else:
        convert_html(conversion, node.html())


@block("separator", "spacer", "more", "nextpage")
def _nothing(conversion: Conversion, node: Block) -> None:
    """Layout only: nothing to carry over."""


# Blocks named core-embed/youtube, core-embed/twitter… (WordPress before 5.6).
_OLD_EMBED = "core-embed/"
