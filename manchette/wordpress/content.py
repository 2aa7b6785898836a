"""WordPress bodies (classic editor HTML, shortcodes, Gutenberg block comments) as Manchette's
body pieces: paragraphs, subheadings, quotes and pictures. Never raw markup.

The modules behind it: `pieces` (what a body becomes), `registry` (the converters of
shortcodes and blocks, which a newsroom extends with `@shortcode` and `@block`), `markup`
(classic HTML), `blocks` and `shortcodes` (WordPress's own). This module is what the importer
and a newsroom's own converters import.
"""

from . import blocks, shortcodes  # noqa: F401  (their converters register themselves)
from .blocks import convert_block, parse_blocks
from .markup import bare_credit, convert_html, split_credit
from .pieces import BodyContext, Conversion, Paragraph, Picture, Piece, Quote, Subheading
from .registry import BLOCKS, SHORTCODES, Block, block, shortcode

__all__ = [
    "BLOCKS",
    "SHORTCODES",
    "Block",
    "BodyContext",
    "Conversion",
    "Paragraph",
    "Picture",
    "Piece",
    "Quote",
    "Subheading",
    "bare_credit",
    "block",
    "convert",
    "shortcode",
    "split_credit",
]


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
