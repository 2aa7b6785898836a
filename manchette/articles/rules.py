"""Editorial rules that need no database: the byline's wording and where the paywall cuts."""

from collections.abc import Sequence

from django.utils.translation import gettext as _


def byline(author_names: Sequence[str], author_initials: Sequence[str], agency_short_name: str = "") -> str:
    """ "Par Léa Lambert", or with agency copy "Par L. L. avec ARP"."""
    names = list(author_initials if agency_short_name else author_names)
    if not names and agency_short_name:
        return agency_short_name
    if len(names) > 1:
        joined = _("%(first)s et %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}
    else:
        joined = names[0] if names else ""
    if agency_short_name:
        return _("Par %(names)s avec %(agency)s") % {"names": joined, "agency": agency_short_name}
    return _("Par %(names)s") % {"names": joined}


def paywall_cut(block_types: Sequence[str], premium: bool, free_paragraphs: int) -> int | None:
    """Where the premium part of a body starts: right after the `free_paragraphs`-th paragraph,
    so whatever follows it (subheading, quote, picture) is behind the wall. None when nothing is
    behind it: a free article, or a premium one too short to cut."""
    if not premium:
        return None
    if free_paragraphs <= 0:
        return 0 if block_types else None
    paragraphs = 0
    for position, block_type in enumerate(block_types):
        if block_type == "paragraph":
            paragraphs += 1
            if paragraphs == free_paragraphs:
                return position + 1 if position + 1 < len(block_types) else None
    return None
