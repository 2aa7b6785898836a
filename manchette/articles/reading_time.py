"""Reading time of an article, computed from its text."""

import math
import re

from django.utils.html import strip_tags

# Silent reading speed of adult French readers: the IReST study (Trauzettel-Klosinski
# et al., 2012, standardised texts in 17 languages) measured 195 ± 26 words per minute
# for French, slower than English (228) because French words are longer.
FRENCH_WORDS_PER_MINUTE = 195

_WORD = re.compile(r"[\w’'-]+", re.UNICODE)


def count_words(text: str) -> int:
    return len(_WORD.findall(strip_tags(text)))


def reading_minutes(word_count: int) -> int:
    """Whole minutes, rounded up, never less than one."""
    return max(1, math.ceil(word_count / FRENCH_WORDS_PER_MINUTE))
