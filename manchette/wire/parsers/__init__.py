"""Agency files to normalised wire items, one module per format.

Parsers never trust the file: XML goes through defusedxml (no DTD entities, no external
resources), every file has a size limit, the declared encoding is checked against the bytes,
and bodies become plain-text blocks (paragraphs, subheadings, quotes), so nothing in agency
copy is ever rendered as markup. What can be read is kept; what cannot is listed in the item's
warnings. A file nothing can be read from raises ParseError, and the feed quarantines it.
"""

from . import newsml12, newsmlg2, ninjs, nitf
from .common import MAX_FILE_BYTES, ParsedFile, ParseError, WireItem

PARSERS = {
    "newsmlg2": newsmlg2.parse,
    "ninjs": ninjs.parse,
    "nitf": nitf.parse,
    "newsml12": newsml12.parse,
}

__all__ = ["MAX_FILE_BYTES", "PARSERS", "ParseError", "ParsedFile", "WireItem", "parse"]


def parse(format_name: str, data: bytes) -> ParsedFile:
    if len(data) > MAX_FILE_BYTES:
        raise ParseError(ParseError.too_big(len(data)))
    try:
        parser = PARSERS[format_name]
    except KeyError:
        raise ParseError(ParseError.unknown_format(format_name)) from None
    return parser(data)
