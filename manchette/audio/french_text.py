"""French written text turned into the words a speaker says, before any synthesis.

Engines read digits, symbols and abbreviations each in their own way (espeak-ng reads
"XXIe" as letters, "11h" as "onze ache"): the text is spelled out here, once, so that
every engine says the same words. The rules run in an order that matters: dates and
times before bare numbers, currencies before numbers, Roman numerals before acronyms.
"""

import re
import unicodedata

__all__ = ["cardinal", "normalise", "ordinal"]

_UNITS = [
    "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
    "onze", "douze", "treize", "quatorze", "quinze", "seize",
]  # fmt: skip
_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}
_MONTHS = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]  # fmt: skip


def _below_hundred(number: int) -> str:
    if number <= 16:
        return _UNITS[number]
    if number < 20:
        return f"dix-{_UNITS[number - 10]}"
    tens, unit = divmod(number, 10)
    if tens in (7, 9):  # soixante-dix, quatre-vingt-dix: counted in twenties
        base = "soixante" if tens == 7 else "quatre-vingt"
        rest = number - (60 if tens == 7 else 80)
        if rest == 11 and tens == 7:
            return "soixante et onze"
        return f"{base}-{_below_hundred(rest)}"
    if tens == 8:
        return "quatre-vingts" if unit == 0 else f"quatre-vingt-{_UNITS[unit]}"
    if unit == 0:
        return _TENS[tens]
    if unit == 1:
        return f"{_TENS[tens]} et un"
    return f"{_TENS[tens]}-{_UNITS[unit]}"


def _below_thousand(number: int) -> str:
    hundreds, rest = divmod(number, 100)
    if hundreds == 0:
        return _below_hundred(rest)
    head = "cent" if hundreds == 1 else f"{_UNITS[hundreds]} cent"
    if rest == 0:
        return head if hundreds == 1 else f"{head}s"
    return f"{head} {_below_hundred(rest)}"


def cardinal(number: int, *, feminine: bool = False) -> str:
    """The number in words, traditional spelling: 80 → "quatre-vingts", 200 → "deux cents".

    `feminine` says "une" for a final "un" ("vingt et une heures").
    """
    if number < 0:
        return f"moins {cardinal(-number, feminine=feminine)}"
    words = []
    for value, singular in ((10**9, "milliard"), (10**6, "million")):
        count, number = divmod(number, value)
        if count:
            words.append(f"{cardinal(count)} {singular}{'s' if count > 1 else ''}")
    thousands, number = divmod(number, 1000)
    if thousands:
        # "quatre-vingt mille", "deux cent mille": mille takes no plural s before it.
        head = re.sub(r"(vingt|cent)s$", r"\1", _below_thousand(thousands))
        words.append("mille" if thousands == 1 else f"{head} mille")
    if number or not words:
        words.append(_below_thousand(number))
    text = " ".join(words)
    if feminine and (text == "un" or text.endswith((" un", "-un"))):
        text += "e"
    return text


def ordinal(number: int, *, feminine: bool = False) -> str:
    """1 → "premier" ("première"), 21 → "vingt et unième", 80 → "quatre-vingtième"."""
    if number == 1:
        return "première" if feminine else "premier"
    words = cardinal(number)
    if words.endswith(("vingts", "cents")):
        words = words[:-1]
    if words.endswith("e"):
        words = words[:-1]
    elif words.endswith("q"):
        words += "u"
    elif words.endswith("f"):
        words = words[:-1] + "v"
    return f"{words}ième"


# --------------------------------------------------------------------------- the rules

_APOSTROPHES = re.compile(r"[’ʼ‘`´]")
_SPACES = re.compile(r"[\u00a0\u202f\u2009\u2007\t ]+")
# The elided article or pronoun and the word after it, which some writers space apart.
_ELISION = re.compile(r"\b([cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)' +(?=\w)", re.IGNORECASE)


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _APOSTROPHES.sub("'", text)
    text = _SPACES.sub(" ", text)
    text = _ELISION.sub(lambda match: match.group(1) + "'", text)
    # Quotation marks are not read aloud; an incise between dashes is a pause, as commas are.
    text = re.sub(r"[«»“”„\"]", "", text)
    text = re.sub(r"(^|\n) *[—–-] +", r"\1", text)  # a dialogue dash opening a line
    text = re.sub(r"(\d) ?– ?(\d)", r"\1–\2", text)  # a range of numbers, read later
    text = re.sub(r" *(?:—|(?<!\d)–|–(?!\d)) *", ", ", text)
    text = re.sub(r"\s*…", "...", text)
    return text


def _dates(text: str) -> str:
    def numeric(match: re.Match) -> str:
        day, month = int(match["day"]), int(match["month"])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return match[0]
        return f"{'1er' if day == 1 else day} {_MONTHS[month - 1]} {int(match['year'])}"

    text = re.sub(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b", numeric, text)
    # The year is required: "7/7" is "sept jours sur sept", not the 7th of July.
    return re.sub(r"\b(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})\b", numeric, text)


def _hours(hours: str, minutes: str | None) -> str:
    count = int(hours)
    words = f"{cardinal(count, feminine=True)} heure{'s' if count > 1 else ''}"
    if minutes and int(minutes):
        words += f" {cardinal(int(minutes), feminine=True)}"
    return words


def _times(text: str) -> str:
    def spoken(match: re.Match) -> str:
        if int(match["hours"]) > 24 or (match["minutes"] and int(match["minutes"]) > 59):
            return match[0]
        return _hours(match["hours"], match["minutes"])

    text = re.sub(r"\b(?P<hours>\d{1,2}) ?h(?: ?(?P<minutes>\d{2}))?\b", spoken, text)
    return re.sub(r"\b(?P<hours>\d{1,2}):(?P<minutes>\d{2})\b", spoken, text)


# A number as French writes it: "12 000", "3,5", "-2".
_NUMBER = r"(?<![\w,])(?P<sign>[-+−])?(?P<int>\d{1,3}(?: \d{3})+|\d+)(?:,(?P<dec>\d+))?"


def _number(match: re.Match, *, feminine: bool = False) -> str:
    integer = int(match["int"].replace(" ", ""))
    words = cardinal(integer, feminine=feminine and not match["dec"])
    if match["dec"]:
        decimals = match["dec"]
        leading = len(decimals) - len(decimals.lstrip("0"))
        spoken = ["zéro"] * leading + ([cardinal(int(decimals))] if decimals.strip("0") else [])
        words += " virgule " + " ".join(spoken)
    sign = {"-": "moins ", "−": "moins ", "+": "plus "}.get(match["sign"] or "", "")
    return sign + words


def _plural(match: re.Match) -> bool:
    """French puts the noun in the plural from two on: "1,5 million", "2 millions"."""
    return int(match["int"].replace(" ", "")) >= 2


_CURRENCIES = {"€": ("euro", "euros"), "$": ("dollar", "dollars"), "£": ("livre", "livres")}
_SCALES = {"M": "million", "Md": "milliard", "Mds": "milliard", "Mrd": "milliard", "k": "mille"}


def _money(text: str) -> str:
    def amount(match: re.Match) -> str:
        singular, plural = _CURRENCIES[match["cur"]]
        feminine = match["cur"] == "£"
        scale = match["scale"]
        if scale == "k":
            return f"{_number(match)} mille {plural}"
        if scale:
            name = _SCALES[scale] + ("s" if _plural(match) else "")
            return f"{_number(match)} {name} de {plural}"
        if match["dec"] and match["cur"] != "£" and len(match["dec"]) == 2:
            # "3,50 €" is said "trois euros cinquante", "0,50 €" "cinquante centimes".
            whole, cents = int(match["int"].replace(" ", "")), int(match["dec"])
            if whole == 0:
                return f"{cardinal(cents)} centime{'s' if cents > 1 else ''}"
            words = f"{cardinal(whole)} {singular if whole < 2 else plural}"
            return f"{words} {cardinal(cents)}" if cents else words
        return f"{_number(match, feminine=feminine)} {plural if _plural(match) else singular}"

    symbols = "€$£"
    text = re.sub(rf"{_NUMBER} ?(?P<scale>Mds|Mrd|Md|M|k)? ?(?P<cur>[{symbols}])", amount, text)
    text = re.sub(rf"(?P<cur>[{symbols}]) ?{_NUMBER}(?: ?(?P<scale>Mds|Mrd|Md|M|k)\b)?", amount, text)
    # Elision before a vowel only: "millions d'euros", but "millions de dollars".
    return re.sub(r"\bde (?=euros\b)", "d'", text)


_UNITS_AFTER_NUMBERS = {
    "%": ("pour cent", "pour cent"),
    "°C": ("degré", "degrés"),
    "°": ("degré", "degrés"),
    "km/h": ("kilomètre heure", "kilomètres heure"),
    "km²": ("kilomètre carré", "kilomètres carrés"),
    "m²": ("mètre carré", "mètres carrés"),
    "km": ("kilomètre", "kilomètres"),
    "kg": ("kilogramme", "kilogrammes"),
    "ha": ("hectare", "hectares"),
    "cm": ("centimètre", "centimètres"),
    "mm": ("millimètre", "millimètres"),
    "m": ("mètre", "mètres"),
    "g": ("gramme", "grammes"),
    "min": ("minute", "minutes"),
}
_UNIT_PATTERN = "|".join(re.escape(unit) for unit in _UNITS_AFTER_NUMBERS)


def _units(text: str) -> str:
    def measure(match: re.Match) -> str:
        singular, plural = _UNITS_AFTER_NUMBERS[match["unit"]]
        return f"{_number(match, feminine=match['unit'] == 'min')} {plural if _plural(match) else singular}"

    text = re.sub(rf"{_NUMBER} ?(?P<unit>{_UNIT_PATTERN})(?![\w²])", measure, text)
    return re.sub(r"\bkm/h\b", "kilomètres heure", text)  # without a number: "en km/h"


_ABBREVIATIONS = [
    # Titles before a name (a capital letter follows).
    (r"\bMM\.(?= [A-ZÀ-Ý])", "messieurs"),
    (r"\bM\.(?= )", "monsieur"),
    (r"\bMmes\b\.?(?= [A-ZÀ-Ý])", "mesdames"),
    (r"\bMme\b\.?(?= [A-ZÀ-Ý])", "madame"),
    (r"\bMlle\b\.?(?= [A-ZÀ-Ý])", "mademoiselle"),
    (r"\bDr\b\.?(?= [A-ZÀ-Ý])", "docteur"),
    (r"\bPr\b\.?(?= [A-ZÀ-Ý])", "professeur"),
    (r"\bMe\b\.?(?= [A-ZÀ-Ý])", "maître"),
    (r"\bMgr\b\.?(?= [A-ZÀ-Ý])", "monseigneur"),
    (r"\bSte\b\.?(?=[ -][A-ZÀ-Ý])", "sainte"),
    (r"\bSt\b\.?(?=[ -][A-ZÀ-Ý])", "saint"),
    # Anywhere.
    (r"\betc\.", "et cetera"),
    (r"\bav\. J\.-C\.", "avant Jésus-Christ"),
    (r"\bapr\. J\.-C\.", "après Jésus-Christ"),
    (r"\b[Nn]°\s?(?=\d)", "numéro "),
    (r"\bcf\.", "voir"),
    (r"&", " et "),
    (r"\bCO2\b", "CO 2"),  # then spelled, "cé o deux"
]


def _abbreviations(text: str) -> str:
    for pattern, words in _ABBREVIATIONS:
        text = re.sub(pattern, words, text)
    return text


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_ROMAN = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")


def roman_value(numeral: str) -> int | None:
    """The value of a well-formed Roman numeral ("XXI" → 21), else None."""
    if not numeral or not _ROMAN.match(numeral):
        return None
    total = 0
    for letter, following in zip(numeral, [*numeral[1:], ""], strict=True):
        value = _ROMAN_VALUES[letter]
        total += -value if following and _ROMAN_VALUES[following] > value else value
    return total


def _romans(text: str) -> str:
    def roman_ordinal(match: re.Match) -> str:
        value = roman_value(match["roman"])
        if value is None:
            return match[0]
        return ordinal(value, feminine=match["suffix"] in ("re", "ère"))

    def regnal(match: re.Match) -> str:
        value = roman_value(match["roman"])
        return match[0] if value is None else f"{match['name']} {cardinal(value)}"

    # I, V and X only (centuries, "Ve République"): "Ce" and "Le" are not 100th and 50th.
    text = re.sub(r"\b(?P<roman>[IVX]+)(?P<suffix>er|re|ère|e|ème)\b", roman_ordinal, text)
    # "Louis XIV", "Jean-Paul II", "Napoléon III": a name, then a numeral of I, V, X alone.
    name = r"[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?"
    return re.sub(rf"\b(?P<name>{name}) (?P<roman>[IVX]{{2,}}|V|X)\b", regnal, text)


def _ordinals(text: str) -> str:
    def spoken(match: re.Match) -> str:
        value, suffix = int(match["n"]), match["suffix"]
        if suffix in ("nd", "nde") and value == 2:
            return "seconde" if suffix == "nde" else "second"
        return ordinal(value, feminine=suffix in ("re", "ère"))

    return re.sub(r"\b(?P<n>\d+)(?P<suffix>er|re|ère|ème|e|è|nde|nd)\b", spoken, text)


# Count nouns that are feminine: the number before them says "une" ("vingt et une personnes").
FEMININE_NOUNS = {
    "personne", "heure", "minute", "seconde", "fois", "année", "semaine", "journée", "nuit",
    "voiture", "femme", "fille", "victime", "famille", "entreprise", "ville", "commune", "région",
    "école", "classe", "page", "place", "voix", "tonne", "maison", "vie", "élection", "mesure",
    "circonscription", "espèce", "manifestation", "plainte", "question", "proposition", "étape",
}  # fmt: skip
_FEMININE_AFTER = "|".join(
    sorted({*FEMININE_NOUNS, *(f"{noun}s" for noun in FEMININE_NOUNS)}, key=len, reverse=True)
)
# A French telephone number, in pairs: "01 23 45 67 89", "01.23.45.67.89", "0123456789".
_PHONE = re.compile(r"(?<![\d,])0\d(?:[ .]?\d{2}){4}(?![\d,])")


def _phone(match: re.Match) -> str:
    """Pair by pair, the leading zero said: "zéro un, vingt-trois, quarante-cinq…"."""
    digits = re.sub(r"\D", "", match[0])
    pairs = [digits[start : start + 2] for start in range(0, len(digits), 2)]
    spoken = [f"zéro {_UNITS[int(pair[1])]}" if pair[0] == "0" else cardinal(int(pair)) for pair in pairs]
    return ", ".join(spoken)


def _numbers(text: str) -> str:
    text = _PHONE.sub(_phone, text)
    # A name and its number written together: "COP28", "G20" are "COP 28", "gé 20" (a lone
    # letter spelled here: the acronym rule takes two letters or more).
    text = re.sub(
        r"\b([A-Z]{1,6})(\d{1,4})\b",
        lambda match: f"{LETTERS[match[1]] if len(match[1]) == 1 else match[1]} {match[2]}",
        text,
    )
    # Ranges first: "2020-2024", "10-15 ans" are "2020 à 2024", "10 à 15".
    text = re.sub(r"\b(\d+)[-–](\d+)\b", r"\1 à \2", text)
    text = re.sub(r"(?<!/)\b(\d+)/(\d+)\b(?!/)", r"\1 sur \2", text)  # "7/7", "24/24"
    text = re.sub(r"\b(\d+)\.(\d+)\b(?!\.\d)", r"\1 \2", text)  # "l'article 49.3": "quarante-neuf trois"
    feminine = re.compile(rf"{_NUMBER}(?= (?:{_FEMININE_AFTER})\b)")
    text = feminine.sub(lambda match: _number(match, feminine=True), text)
    return re.sub(_NUMBER, _number, text)


# Acronyms said as a word although short or poor in vowels, and long ones spelled all the same.
READ_AS_WORDS = {
    "OTAN", "UNESCO", "UNICEF", "NASA", "SMIC", "INSEE", "ENA", "OPEP", "COVID", "SIDA", "CAC",
    "FIFA", "UEFA", "CAF", "ZAD", "CNIL", "INSERM", "IFOP", "CROUS", "MEDEF", "GIEC", "URSSAF",
    "ONU", "COP", "SAMU", "ZEP",
}  # fmt: skip
SPELLED = {"OCDE", "UDI", "OQTF", "AFPA", "ONERA"}
# Letter names as a French reader spells an acronym ("AFP": "a èf pé").
LETTERS = {
    "A": "a", "B": "bé", "C": "cé", "D": "dé", "E": "euh", "F": "èf", "G": "gé", "H": "ache",
    "I": "i", "J": "ji", "K": "ka", "L": "èl", "M": "èm", "N": "ène", "O": "o", "P": "pé",
    "Q": "ku", "R": "èr", "S": "èsse", "T": "té", "U": "u", "V": "vé", "W": "double vé",
    "X": "ixe", "Y": "i grec", "Z": "zèd",
}  # fmt: skip


def _acronyms(text: str) -> str:
    def spoken(match: re.Match) -> str:
        word = match[0]
        if word in READ_AS_WORDS:
            return word.capitalize()
        vowels = sum(letter in "AEIOUY" for letter in word)
        if len(word) <= 3 or vowels < 2 or word in SPELLED:
            return " ".join(LETTERS[letter] for letter in word)
        return word.capitalize()  # long and pronounceable: a word ("Urgent" in a headline)

    return re.sub(r"\b[A-Z]{2,6}\b", spoken, text)


def normalise(text: str) -> str:
    """The words to say for a French text: numbers, dates, times, amounts, abbreviations spelled out."""
    rules = (_clean, _dates, _times, _money, _units, _abbreviations, _romans, _ordinals, _numbers, _acronyms)
    for rule in rules:
        text = rule(text)
    text = re.sub(r" +([,.])", r"\1", text)
    return re.sub(r" {2,}", " ", text).strip()
