"""Public pseudonyms: what is allowed, and when two of them look the same.

A pseudonym signs a reader's comments, so nobody may take one that a reader
would confuse with another's: "Marie", "marie", "Maríe", "Mаrie" (with a Cyrillic
"а") and "M4rie"-style tricks all share one *skeleton*, and skeletons are unique.
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

# Capitals from other scripts that render like Latin capitals; mapped before case folding,
# since their lower cases differ (Greek "Η" is an H, its lower case "η" looks like an n).
_CAPITAL_CONFUSABLES = str.maketrans(
    dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ" "АВЕЅІЈКМНОРСТУХҮ", "ABEZHIKMNOPTYX" "ABESIJKMHOPCTYXY", strict=True))
)
# Small letters from other scripts (and digits) that render like Latin letters.
_CONFUSABLES = str.maketrans(
    {
        # Cyrillic
        "а": "a",
        "в": "b",
        "е": "e",
        "ё": "e",
        "к": "k",
        "м": "m",
        "н": "h",
        "о": "o",
        "р": "p",
        "с": "c",
        "т": "t",
        "у": "y",
        "х": "x",
        "і": "i",
        "ї": "i",
        "ј": "j",
        "ѕ": "s",
        "ԁ": "d",
        "ԛ": "q",
        "ԝ": "w",
        "һ": "h",
        "ӏ": "l",
        # Greek
        "α": "a",
        "β": "b",
        "ε": "e",
        "η": "n",
        "ι": "i",
        "κ": "k",
        "ν": "v",
        "ο": "o",
        "ρ": "p",
        "τ": "t",
        "υ": "u",
        "χ": "x",
        "ω": "w",
        # Digits and symbols used as letters
        "0": "o",
        "1": "l",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "8": "b",
        "|": "l",
        "!": "i",
        "ı": "i",
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
    }
)


def skeleton(pseudonym: str) -> str:
    """The form two look-alike pseudonyms share."""
    text = unicodedata.normalize("NFKC", pseudonym).translate(_CAPITAL_CONFUSABLES)
    text = text.casefold().translate(_CONFUSABLES)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = _SEPARATORS.sub("", text)
    # "rn" reads as "m", "vv" as "w", capital "I" (now "i") as "l".
    return text.replace("rn", "m").replace("vv", "w").replace("i", "l")


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
