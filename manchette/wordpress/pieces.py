"""What a WordPress body becomes: Manchette's body pieces (paragraphs, subheadings, quotes,
pictures), and the conversion that gathers them with what the import report must say."""

from collections import Counter
from dataclasses import dataclass, field

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
