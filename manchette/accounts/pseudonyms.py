"""Public pseudonyms: what is allowed, and when two of them look the same.

A pseudonym signs a reader's comments, so nobody may take one that a reader
would confuse with another's: "Marie", "marie", "Maríe", "Mаrie" (with a Cyrillic
"а"), "Ꮮecteur" (a Cherokee letter) and "M4rie"-style tricks all share one *skeleton*,
and skeletons are unique. Look-alikes come from Unicode's own list (UTS #39), so every
script is covered, not only those someone thought of.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MIN_LENGTH = 3
MAX_LENGTH = 30
# The skeleton's column. NFKC turns some single characters into many (U+FDFA into 18 letters),
# so a pseudonym of MAX_LENGTH characters may have a far longer skeleton: those are refused.
SKELETON_MAX_LENGTH = 120
_ALLOWED = re.compile(r"^[^\W_][\w .'’-]*$", re.UNICODE)
_SEPARATORS = re.compile(r"[\s._'’-]+")

# Digits read as letters ("M4rie"): a reading trick rather than a look-alike glyph, so
# Unicode's confusables data (which maps "0" to "O" and "1" to "l") has no entry for them.
_DIGITS_AS_LETTERS = str.maketrans({"3": "e", "4": "a", "5": "s", "7": "t", "8": "b"})
# Marks that Unicode's data files use to display right-to-left characters; not characters.
_DIRECTION_MARKS = str.maketrans({"\u200e": None, "\u200f": None})


def _prototypes() -> dict[int, str]:
    """Each confusable character's prototype, from Unicode's confusables.txt (UTS #39).

    confusable_homoglyphs ships that file as a graph: every line "source → prototype"
    links both ways. A source has one line, so one link; a prototype links to all its
    sources. Where two characters only link to each other, the file does not say which
    is the prototype: either represents the pair, as long as it is always the same one
    (an ASCII one first, then the lower code point).
    """
    from confusable_homoglyphs.confusables import confusables_data

    def clean(text: str) -> str:
        return unicodedata.normalize("NFD", text.translate(_DIRECTION_MARKS))

    def rank(text: str) -> tuple[bool, list[int]]:
        return (not text.isascii(), [ord(c) for c in text])

    table: dict[int, str] = {}
    for character, links in confusables_data.items():
        if len(character) != 1 or len(links) != 1:
            continue  # a prototype (several look-alikes map to it), or a sequence
        other = clean(links[0]["c"])
        mutual = len(other) == 1 and [link["c"] for link in confusables_data.get(other, [])] == [character]
        if mutual and rank(character) < rank(other):
            continue  # this one represents the pair
        table[ord(character)] = other
    return table


_PROTOTYPES = _prototypes()


def _to_prototypes(text: str) -> str:
    # A prototype may itself be (or contain) the stand-in of an undirected pair: map
    # until nothing changes, so every spelling of a look-alike lands on the same text.
    for _round in range(4):
        mapped = unicodedata.normalize("NFD", text.translate(_PROTOTYPES))
        if mapped == text:
            break
        text = mapped
    return text


def skeleton(pseudonym: str) -> str:
    """The form two look-alike pseudonyms share: UTS #39 skeletons, made case- and accent-blind.

    Prototypes are taken before case folding too, since a capital from another script may
    look Latin while its small letter does not (Greek "Η" is an H, its "η" looks like an n).
    """
    text = unicodedata.normalize("NFKC", pseudonym).translate(_DIGITS_AS_LETTERS)
    text = _to_prototypes(_to_prototypes(text).casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _SEPARATORS.sub("", text)
    # Capital "I" has "l" as prototype, small "i" itself: "MARIE" and "Marie" must meet.
    return text.replace("i", "l")


def normalise(pseudonym: str) -> str:
    return " ".join(unicodedata.normalize("NFC", pseudonym).split())


def validate_pseudonym(pseudonym: str) -> None:
    if len(pseudonym) < MIN_LENGTH or len(pseudonym) > MAX_LENGTH:
        raise ValidationError(
            _("Votre pseudonyme doit compter entre %(min)d et %(max)d caractères."),
            code="length",
            params={"min": MIN_LENGTH, "max": MAX_LENGTH},
        )
    if any(unicodedata.category(c) in {"Cc", "Cf", "Co", "Cs", "Cn"} for c in pseudonym):
        raise ValidationError(
            _("Votre pseudonyme contient des caractères invisibles ou invalides."), code="invisible"
        )
    if not _ALLOWED.match(pseudonym):
        raise ValidationError(
            _(
                "Utilisez des lettres, des chiffres, des espaces, points, tirets ou apostrophes, "
                "en commençant par une lettre ou un chiffre."
            ),
            code="characters",
        )
    bare = skeleton(pseudonym)
    if len(bare) > SKELETON_MAX_LENGTH:
        raise ValidationError(
            _("Ce pseudonyme est trop long : certains de ses caractères équivalent à plusieurs lettres."),
            code="expands",
        )
    if len(bare) < MIN_LENGTH:
        raise ValidationError(
            _("Ce pseudonyme est trop court une fois la ponctuation retirée."), code="length"
        )
