"""What an import (or a dry run) found and did, for the terminal and as a JSON file."""

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from .content import BLOCKS, SHORTCODES, Conversion

COUNTED = ("posts", "pages", "attachments", "authors", "categories", "tags", "comments")


@dataclass
class Report:
    dry_run: bool = False
    wxr_version: str = ""
    found: Counter = field(default_factory=Counter)  # what the file holds, by COUNTED kind
    done: Counter = field(default_factory=Counter)  # "articles created", "pictures imported"…
    shortcodes: Counter = field(default_factory=Counter)
    blocks: Counter = field(default_factory=Counter)
    unmapped_shortcodes: set[str] = field(default_factory=set)
    unmapped_blocks: set[str] = field(default_factory=set)
    dropped_markup: Counter = field(default_factory=Counter)
    missing_media: list[str] = field(default_factory=list)
    missing_seen: set[str] = field(default_factory=set, repr=False)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    not_overwritten: list[str] = field(default_factory=list)
    sticky: list[str] = field(default_factory=list)  # WordPress' sticky posts, imported live
    fatal: str = ""

    def add_conversion(self, conversion: Conversion) -> None:
        self.shortcodes.update(conversion.shortcodes)
        self.blocks.update(conversion.blocks)
        self.unmapped_shortcodes |= conversion.unmapped_shortcodes
        self.unmapped_blocks |= conversion.unmapped_blocks
        self.dropped_markup.update(conversion.dropped)

    def missing(self, what: str) -> None:
        # A set beside the list: an archive without its uploads has a line for most posts, and
        # looking each one up in the list made the report quadratic.
        if what not in self.missing_seen:
            self.missing_seen.add(what)
            self.missing_media.append(what)

    def as_dict(self) -> dict:
        return {
            "dry_run": self.dry_run,
            "wxr_version": self.wxr_version,
            "found": {kind: self.found[kind] for kind in COUNTED},
            "done": dict(sorted(self.done.items())),
            "shortcodes": {
                name: {"count": count, "mapped": name in SHORTCODES}
                for name, count in sorted(self.shortcodes.items())
            },
            "blocks": {
                name: {"count": count, "mapped": name in BLOCKS}
                for name, count in sorted(self.blocks.items())
            },
            "dropped_markup": dict(self.dropped_markup),
            "missing_media": self.missing_media,
            "skipped": [{"item": item, "reason": reason} for item, reason in self.skipped],
            "errors": [{"item": item, "reason": reason} for item, reason in self.errors],
            "not_overwritten": self.not_overwritten,
            "sticky": self.sticky,
            "fatal": self.fatal,
        }

    def write_json(self, path: Path) -> None:
        path.write_text(json.dumps(self.as_dict(), ensure_ascii=False, indent=2), encoding="utf-8")

    def lines(self) -> list[str]:
        labels = {
            "posts": _("articles"),
            "pages": _("pages"),
            "attachments": _("fichiers joints"),
            "authors": _("auteurs"),
            "categories": _("catégories"),
            "tags": _("mots-clés"),
            "comments": _("commentaires"),
        }
        out = [_("Simulation : rien n'a été écrit.") if self.dry_run else _("Import terminé.")]
        if self.wxr_version:
            out.append(_("Format WXR %(version)s.") % {"version": self.wxr_version})
        out.append(
            _("Dans le fichier : ") + ", ".join(f"{self.found[kind]} {labels[kind]}" for kind in COUNTED)
        )
        for what, count in sorted(self.done.items()):
            out.append(f"  {what} : {count}")
        out.append(_("Codes courts : %(list)s") % {"list": _names(self.shortcodes) or "—"})
        out.append(_("Blocs : %(list)s") % {"list": _names(self.blocks) or "—"})
        if self.unmapped_shortcodes:
            out.append(
                _("Codes courts sans correspondance (gardés en texte) : %(list)s")
                % {"list": ", ".join(sorted(self.unmapped_shortcodes))}
            )
        if self.unmapped_blocks:
            out.append(
                _("Blocs sans correspondance (texte gardé) : %(list)s")
                % {"list": ", ".join(sorted(self.unmapped_blocks))}
            )
        if self.dropped_markup:
            out.append(_("Balises jamais reprises : %(list)s") % {"list": _names(self.dropped_markup)})
        if self.missing_media:
            out.append(_("Images introuvables (%(count)s) :") % {"count": len(self.missing_media)})
            out.extend(f"  {what}" for what in self.missing_media)
        if self.skipped:
            out.append(_("Éléments écartés (%(count)s) :") % {"count": len(self.skipped)})
            out.extend(f"  {item} : {reason}" for item, reason in self.skipped)
        if self.not_overwritten:
            out.append(
                _("Articles modifiés dans Manchette depuis l'import, non écrasés (%(count)s) :")
                % {"count": len(self.not_overwritten)}
            )
            out.extend(f"  {item}" for item in self.not_overwritten)
        if self.sticky:
            out.append(
                _(
                    "Articles épinglés sur WordPress (%(count)s) : Manchette n'a pas de une choisie à la "
                    "main, sa une est l'article publié le plus récent ; à mettre en avant autrement :"
                )
                % {"count": len(self.sticky)}
            )
            out.extend(f"  {item}" for item in self.sticky)
        if self.errors:
            out.append(_("Erreurs (%(count)s) :") % {"count": len(self.errors)})
            out.extend(f"  {item} : {reason}" for item, reason in self.errors)
        if self.fatal:
            out.append(_("Import interrompu : %(reason)s") % {"reason": self.fatal})
        return out


def _names(counter: Counter) -> str:
    return ", ".join(f"{name} ({count})" for name, count in sorted(counter.items()))
