"""How toxic a comment looks, from 0 (not at all) to 1, and the word matching the rules share.

`COMMENTS_SCORER` (a dotted path to a class with `score(text) -> float`) replaces the
default, which needs nothing but this file: French and English word lists, matched after
undoing accents, leetspeak ("c0nn4rd") and stretched letters ("connnnard").
"""

import re
import unicodedata
from functools import cache
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class Scorer(Protocol):
    def score(self, text: str) -> float: ...


_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "€": "e"}
)
_WORD = re.compile(r"[^\W_]+")
_REPEATS = re.compile(r"(.)\1+")


def fold(word: str) -> str:
    """A word as the lists hold it: lower case, no accents, no leetspeak, no doubled letters."""
    decomposed = unicodedata.normalize("NFKD", word.casefold().translate(_LEET))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _REPEATS.sub(r"\1", plain)


def folded_words(text: str) -> set[str]:
    # Leetspeak digits and signs belong to the word they hide in: "c0nn@rd" is one word.
    return {fold(word) for word in _WORD.findall(text.casefold().translate(_LEET))}


def word_list(lines: str) -> set[str]:
    """An admin's list (one word per line) in the form `folded_words` gives."""
    return {fold(line.strip()) for line in lines.splitlines() if line.strip()}


# Insults and slurs a French or English comment section sees most; folded when loaded.
# Words a news debate also uses in earnest ("nazi", "mongol") are left out: every comment
# under a history or Mongolia story would wait for a moderator.
_FRENCH = """
connard connasse conard salaud salope enculé encule pute putain abruti crétin débile
ordure pourriture enfoiré batard bâtard facho gogol taré tocard fdp ntm
"""
_ENGLISH = """
idiot moron stupid bastard bitch asshole dumbass retard scum loser shithead fuck fucking
"""


class WordListScorer:
    """Half a point per listed word found: one insult holds a comment at the default threshold."""

    def __init__(self) -> None:
        self.words = word_list("\n".join((_FRENCH + _ENGLISH).split()))

    def score(self, text: str) -> float:
        return min(1.0, 0.5 * len(folded_words(text) & self.words))


@cache
def scorer() -> Scorer:
    path = getattr(settings, "COMMENTS_SCORER", "")
    return import_string(path)() if path else WordListScorer()
