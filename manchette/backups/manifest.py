"""A backup's manifest: what it holds, when it was taken, and the checksums that prove it whole.

`manifest.json` is written last, inside a folder that only gets its final name once everything
is on disk: a folder named like a backup, with a manifest whose checksums match, is a good one.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from .errors import BackupError

MANIFEST_NAME = "manifest.json"
FORMAT = 1


@dataclass(frozen=True)
class Part:
    """One file of the backup: the database dump, or a folder's archive (`files` inside it)."""

    file: str
    bytes: int
    sha256: str
    files: int | None = None


@dataclass(frozen=True)
class Manifest:
    created_at: str
    engine: str
    database: Part
    folders: dict[str, Part]
    migrations: dict[str, str] = field(default_factory=dict)
    format: int = FORMAT

    def parts(self) -> list[Part]:
        return [self.database, *self.folders.values()]

    def write(self, folder: Path) -> Path:
        path = folder / MANIFEST_NAME
        path.write_text(json.dumps(asdict(self), indent=2, ensure_ascii=False, sort_keys=True) + "\n",
                        encoding="utf-8")
        return path


def describe(path: Path, files: int | None = None) -> Part:
    """The manifest's entry for `path`, a file of the backup folder."""
    with path.open("rb") as stream:
        digest = hashlib.file_digest(stream, "sha256").hexdigest()
    return Part(file=path.name, bytes=path.stat().st_size, sha256=digest, files=files)


def read(folder: Path) -> Manifest:
    """The manifest of the backup in `folder`; BackupError if there is none or it is unreadable."""
    if not folder.is_dir():
        raise BackupError(_("Sauvegarde introuvable : %(path)s n'est pas un dossier.") % {"path": folder})
    path = folder / MANIFEST_NAME
    if not path.is_file():
        raise BackupError(_("%(path)s n'est pas une sauvegarde de Manchette : il n'y a pas de %(manifest)s.")
                          % {"path": folder, "manifest": MANIFEST_NAME})
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise BackupError(_("Format de sauvegarde inconnu (%(format)s) dans %(path)s.")
                              % {"format": data.get("format"), "path": path})
        manifest = Manifest(
            created_at=str(data["created_at"]),
            engine=str(data["engine"]),
            database=Part(**data["database"]),
            folders={name: Part(**part) for name, part in data["folders"].items()},
            migrations={str(app): str(name) for app, name in data["migrations"].items()},
        )
        # File names only: a manifest never points outside its own folder.
        if any(Path(part.file).name != part.file for part in manifest.parts()):
            raise ValueError("a part outside the backup's folder")
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise BackupError(_("Le manifeste %(path)s est illisible ou incomplet : la sauvegarde est abîmée.")
                          % {"path": path}) from error
    return manifest


def verify(folder: Path, manifest: Manifest) -> None:
    """Checks every file the manifest lists against its size and checksum, before anything is touched."""
    for part in manifest.parts():
        path = folder / part.file
        if not path.is_file():
            raise BackupError(_("La sauvegarde est incomplète : le fichier %(file)s manque.")
                              % {"file": path})
        if describe(path).sha256 != part.sha256:
            raise BackupError(_("La sauvegarde est abîmée : %(file)s ne correspond pas à sa somme de"
                                " contrôle.") % {"file": path})
