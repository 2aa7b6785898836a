"""Taking a backup and restoring one: the database first, then the media and audio folders.

A backup is a folder `manchette-<UTC time>` holding the database's copy, `media.tar`,
`audio.tar` and `manifest.json`. It is written under a hidden `.partial` name and renamed
once everything is on disk, so a backup cut short (a full disk, a killed process) never
looks like a good one.

The database is copied before the folders: a picture or an audio file is written before the
row that names it, so every file the copy names is already there when the folders are read
(files added meanwhile are merely extra).
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils import timezone
from django.utils.translation import gettext as _

from . import database, files
from .errors import BackupError
from .manifest import MANIFEST_NAME, Manifest, describe, read, verify

BACKUP_PREFIX = "manchette-"
BACKUP_NAME = re.compile(rf"^{BACKUP_PREFIX}\d{{8}}T\d{{6}}Z(-\d+)?$")


def backed_up_folders() -> dict[str, Path]:
    """The folders a backup holds, by the name of their archive: the public media, the private audio."""
    audio = cast(FileSystemStorage, storages["audio"])  # STORAGES["audio"] is a folder on disk
    return {"media": Path(settings.MEDIA_ROOT), "audio": Path(audio.location)}


def take_backup(destination: Path) -> tuple[Path, Manifest]:
    """Writes a complete backup into a new folder under `destination`; returns it and its manifest."""
    destination.mkdir(parents=True, exist_ok=True)
    now = timezone.now()
    final = _free_name(destination, f"{BACKUP_PREFIX}{now:%Y%m%dT%H%M%SZ}")
    partial = destination / f".{final.name}.partial"
    partial.mkdir(mode=0o700)
    try:
        dump = database.dump(partial)
        migrations = database.migration_state()
        folders = {}
        for name, folder in backed_up_folders().items():
            archived = files.archive(folder, partial / f"{name}.tar")
            folders[name] = describe(archived.path, files=archived.files)
        manifest = Manifest(created_at=now.isoformat(), engine=database.engine(), database=describe(dump),
                            folders=folders, migrations=migrations)
        manifest.write(partial)
        files.seal(partial)
        partial.rename(final)
        files.sync_folder(destination)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return final, manifest


def complete_backups(destination: Path) -> list[Path]:
    """The complete backups in a folder of backups, oldest first (their names sort by time)."""
    return sorted(path for path in destination.iterdir()
                  if BACKUP_NAME.match(path.name) and (path / MANIFEST_NAME).is_file())


def prune(destination: Path, keep: int) -> list[Path]:
    """Deletes all but the `keep` newest complete backups in `destination`; returns those deleted."""
    backups = complete_backups(destination)
    doomed = backups[:-keep] if keep > 0 else backups
    for path in doomed:
        shutil.rmtree(path)
    return doomed


@dataclass
class Restored:
    manifest: Manifest
    files: dict[str, int] = field(default_factory=dict)
    pending_migrations: list[str] = field(default_factory=list)


def restore_backup(backup: Path, force: bool = False) -> Restored:
    """Restores the backup in `backup` into the site's database and folders.

    Everything is checked before anything changes: the manifest, every checksum, the dump read
    by its own engine, the archives read to their end, the code knowing every migration, and
    (unless `force`) the database and folders being empty.
    """
    manifest = _read_manifest(backup)
    verify(backup, manifest)
    if manifest.engine != database.engine():
        raise BackupError(_("Cette sauvegarde vient d'une base %(backup)s ; le site utilise %(site)s.")
                          % {"backup": manifest.engine, "site": database.engine()})
    if unknown := database.unknown_migrations(manifest.migrations):
        raise BackupError(_("Cette sauvegarde vient d'une version plus récente de Manchette (migrations"
                            " inconnues : %(migrations)s) : installez cette version avant de restaurer.")
                          % {"migrations": ", ".join(unknown)})
    dump = backup / manifest.database.file
    database.check_dump(dump, manifest.engine)
    targets = backed_up_folders()
    _check_archives(backup, manifest, targets)
    if not force:
        _refuse_non_empty_targets(targets, manifest)

    database.restore(dump, replace=force)
    restored = Restored(manifest=manifest)
    for name, part in manifest.folders.items():
        restored.files[name] = files.restore(backup / part.file, targets[name], replace=force)
    restored.pending_migrations = database.pending_migrations()
    return restored


def _read_manifest(backup: Path) -> Manifest:
    try:
        return read(backup)
    except BackupError as error:
        backups = complete_backups(backup) if backup.is_dir() else []
        if not backups:
            raise
        raise BackupError(_("%(path)s contient des sauvegardes : indiquez celle à restaurer, par exemple"
                            " %(newest)s.") % {"path": backup, "newest": backups[-1]}) from error


def _check_archives(backup: Path, manifest: Manifest, targets: dict[str, Path]) -> None:
    for name, part in manifest.folders.items():
        if name not in targets:
            raise BackupError(_("La sauvegarde contient un dossier inconnu : %(name)s.") % {"name": name})
        if files.count_files(backup / part.file) != (part.files or 0):
            raise BackupError(_("La sauvegarde est abîmée : %(file)s ne contient pas le nombre de fichiers"
                                " annoncé.") % {"file": backup / part.file})


def _refuse_non_empty_targets(targets: dict[str, Path], manifest: Manifest) -> None:
    if not database.is_empty():
        raise BackupError(_("La base de données n'est pas vide : restaurez dans une base neuve, ou ajoutez"
                            " --force pour la remplacer."))
    for name in manifest.folders:
        if not files.is_empty(targets[name]):
            raise BackupError(_("Le dossier %(folder)s n'est pas vide : restaurez dans un dossier vide, ou"
                                " ajoutez --force pour le remplacer.") % {"folder": targets[name]})


def _free_name(destination: Path, name: str) -> Path:
    """`destination/name`, or with `-2`, `-3`… when a backup of the same second exists."""
    candidate, number = destination / name, 1
    while candidate.exists() or (destination / f".{candidate.name}.partial").exists():
        number += 1
        candidate = destination / f"{name}-{number}"
    return candidate
