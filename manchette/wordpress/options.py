"""What a run of the import is asked to do, and why one item was not imported."""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _


@dataclass
class Options:
    uploads: Path | None = None
    section_map: dict[str, str] = field(default_factory=dict)  # WordPress category slug → section slug
    dry_run: bool = False


class ItemError(Exception):
    """Why one item was not imported, in the reader's language."""


def read_section_map(path: Path) -> dict[str, str]:
    """A JSON object, or lines "category-slug = section-slug" (blank lines and # comments allowed)."""
    text = path.read_text(encoding="utf-8")
    if text.lstrip().startswith("{"):
        data = json.loads(text)
        return {str(key): str(value) for key, value in data.items()}
    mapping = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if "=" not in line:
            raise ValueError(_("ligne %(number)s : « catégorie = rubrique » attendu.") % {"number": number})
        category, section = (part.strip() for part in line.split("=", 1))
        mapping[category] = section
    return mapping
