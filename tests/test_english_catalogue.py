"""The English catalogue: complete, not fuzzy, compiled, and with the French placeholders.

French is the source language; `make messages` rebuilds manchette/locale/en. A string
changed in French without its translation comes back "fuzzy" or empty: these tests fail
until someone translates it and compiles the catalogue again.
"""

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings

CATALOGUE = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]")


@dataclass
class Entry:
    msgctxt: str = ""
    msgid: str = ""
    msgid_plural: str = ""
    msgstrs: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)


def read_po(path: Path) -> list[Entry]:
    """The entries of a .po file (the header, whose msgid is empty, left out)."""
    entries, entry, target = [], Entry(), None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry.msgid:
                entries.append(entry)
            entry, target = Entry(), None
        elif line.startswith("#,"):
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif match := re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?) (\".*\")$", line):
            keyword, index, text = match.groups()
            target = (keyword.split("[")[0], int(index or 0))
            _append(entry, target, ast.literal_eval(text))
        elif line.startswith('"') and target:
            _append(entry, target, ast.literal_eval(line))
    return entries


def _append(entry: Entry, target: tuple[str, int], text: str) -> None:
    keyword, index = target
    if keyword == "msgstr":
        entry.msgstrs[index] = entry.msgstrs.get(index, "") + text
    else:
        setattr(entry, keyword, getattr(entry, keyword) + text)


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    return read_po(CATALOGUE / "django.po")


def test_catalogue_has_the_interface_strings(entries: list[Entry]) -> None:
    msgids = {entry.msgid for entry in entries}
    assert {"S'identifier", "Mon compte", "À ne pas manquer", "Déjà abonné ?"} <= msgids


def test_every_string_is_translated_and_none_is_fuzzy(entries: list[Entry]) -> None:
    fuzzy = [entry.msgid for entry in entries if "fuzzy" in entry.flags]
    untranslated = [entry.msgid for entry in entries if not all(entry.msgstrs.values()) or not entry.msgstrs]
    assert not fuzzy, f"fuzzy translations: {fuzzy}"
    assert not untranslated, f"untranslated: {untranslated}"


def test_translations_keep_the_placeholders(entries: list[Entry]) -> None:
    broken = [
        entry.msgid
        for entry in entries
        for msgstr in entry.msgstrs.values()
        if sorted(PLACEHOLDER.findall(msgstr)) != sorted(PLACEHOLDER.findall(entry.msgid))
    ]
    assert not broken, f"placeholders differ from the French: {broken}"


def test_compiled_catalogue_matches_the_sources(entries: list[Entry]) -> None:
    with (CATALOGUE / "django.mo").open("rb") as compiled:
        english = gettext.GNUTranslations(compiled)
    stale = []
    for entry in entries:
        # gettext keys an entry with a context as "context\x04msgid"; without one, msgid alone.
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            got = [english.ngettext(key, entry.msgid_plural, count) for count in (1, 2)]
            want = [entry.msgstrs[0], entry.msgstrs[1]]
        else:
            got = [english.gettext(key)]
            want = [entry.msgstrs[0]]
        if got != want:
            stale.append(entry.msgid)
    assert not stale, f"django.mo is older than django.po for: {stale} (run `make messages`)"
