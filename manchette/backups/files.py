"""The files' part of a backup: a folder (media, audio) as one tar archive, and back.

Pictures and audio are already compressed, so the archive is not: it costs no CPU, and one
file per folder is easy to checksum and to copy to another machine. Archives are unpacked with
tarfile's "data" filter, which refuses absolute paths, links out of the folder and device files.
"""

from __future__ import annotations

import os
import shutil
import tarfile
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from .errors import BackupError


@dataclass(frozen=True)
class Archived:
    path: Path
    files: int


def archive(folder: Path, target: Path) -> Archived:
    """Archives every file under `folder` (none if it does not exist yet) into `target`."""
    files = 0
    with tarfile.open(target, "w") as tar:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            try:
                tar.add(path, arcname=str(path.relative_to(folder)), recursive=False)
            except FileNotFoundError:
                continue  # deleted while the backup ran: not part of it
            files += path.is_file()
    return Archived(path=target, files=files)


def count_files(archive_path: Path) -> int:
    """The regular files in an archive, read to its end (a damaged archive raises BackupError)."""
    try:
        with tarfile.open(archive_path, "r") as tar:
            return sum(member.isfile() for member in tar)
    except (tarfile.TarError, OSError) as error:
        raise BackupError(_("L'archive %(file)s est illisible : %(error)s.")
                          % {"file": archive_path, "error": error}) from error


def is_empty(folder: Path) -> bool:
    """True when `folder` holds no file (it may not exist yet, or hold empty folders only)."""
    return not any(path.is_file() for path in folder.rglob("*")) if folder.is_dir() else True


def restore(archive_path: Path, folder: Path, replace: bool = False) -> int:
    """Unpacks the archive into `folder` (emptied first if `replace`); returns the files it now holds.

    The folder itself is kept, not replaced: it may be a mount point (shared media on NFS).
    """
    if replace and folder.is_dir():
        for child in folder.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with tarfile.open(archive_path, "r") as tar:
            tar.extractall(folder, filter="data")
    except (tarfile.TarError, OSError) as error:
        raise BackupError(_("Les fichiers de %(file)s n'ont pas pu être restaurés dans %(folder)s :"
                            " %(error)s.") % {"file": archive_path, "folder": folder, "error": error}
                          ) from error
    return sum(path.is_file() for path in folder.rglob("*"))


def seal(folder: Path) -> None:
    """Makes the backup's files readable by their owner only, and durably on disk before its rename.

    A backup holds every reader's address and password hash: nobody else on the machine reads it.
    """
    folder.chmod(0o700)
    for path in folder.iterdir():
        path.chmod(0o600)
        with path.open("rb") as stream:
            os.fsync(stream.fileno())
    sync_folder(folder)


def sync_folder(folder: Path) -> None:
    """Flushes a folder's entries (a rename in it) to disk."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
