"""What `manage.py restore` and `manage.py backup` refuse: a clear French message, exit status 1,
no traceback, and nothing changed (the target database stays empty, no half backup is left)."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.stack.servers import StackDatabase, run_manage

from .commands import manage
from .conftest import Drill, Site

COUNT_TABLES = "from django.db import connection; print(len(connection.introspection.table_names()))"


@pytest.fixture
def empty_site(tmp_path: Path) -> Iterator[Site]:
    """A fresh database (nothing in it) and no media or audio folder yet."""
    database = StackDatabase.empty(tmp_path / "target")
    yield Site(database, database.env())
    database.drop()


@pytest.fixture
def backup_copy(drill: Drill, tmp_path: Path) -> Path:
    """A copy of the drill's backup that a test may damage."""
    return Path(shutil.copytree(drill.backup, tmp_path / "backups" / drill.backup.name))


def refused(site: Site, *args: str) -> str:
    """Runs the command, checks it failed cleanly and changed nothing; returns its message."""
    done = manage(site.env, *args)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert run_manage(site.env, "shell", "--no-imports", "-c", COUNT_TABLES).strip() == "0"
    assert not site.database.media.exists() or not any(site.database.media.iterdir())
    return done.stderr


def test_a_damaged_archive_is_refused(empty_site: Site, backup_copy: Path) -> None:
    archive = backup_copy / "media.tar"
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    archive.write_bytes(bytes(data))
    message = refused(empty_site, "restore", str(backup_copy))
    assert "Restauration impossible : La sauvegarde est abîmée" in message
    assert "media.tar ne correspond pas à sa somme de contrôle" in message


def test_a_dump_its_engine_cannot_read_is_refused_even_with_matching_checksums(
    empty_site: Site, backup_copy: Path
) -> None:
    """A manifest rewritten to match a damaged dump does not get it past the engine's own check."""
    manifest_path = backup_copy / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    dump = backup_copy / manifest["database"]["file"]
    dump.write_bytes(b"pas une base de donnees" * 100)
    manifest["database"]["sha256"] = hashlib.sha256(dump.read_bytes()).hexdigest()
    manifest_path.write_text(json.dumps(manifest))
    message = refused(empty_site, "restore", str(backup_copy))
    assert "est illisible" in message


def test_a_missing_file_is_refused(empty_site: Site, backup_copy: Path) -> None:
    (backup_copy / "audio.tar").unlink()
    message = refused(empty_site, "restore", str(backup_copy))
    assert "La sauvegarde est incomplète : le fichier" in message
    assert "audio.tar manque" in message


def test_an_unreadable_manifest_is_refused(empty_site: Site, backup_copy: Path) -> None:
    (backup_copy / "manifest.json").write_text('{"format": 1, "engine": ')
    message = refused(empty_site, "restore", str(backup_copy))
    assert "manifest.json est illisible ou incomplet : la sauvegarde est abîmée." in message


def test_a_folder_that_is_no_backup_is_refused(empty_site: Site, tmp_path: Path) -> None:
    (tmp_path / "vide").mkdir()
    assert "n'est pas une sauvegarde de Manchette" in refused(empty_site, "restore", str(tmp_path / "vide"))
    assert "n'est pas un dossier" in refused(empty_site, "restore", str(tmp_path / "absent"))


def test_the_folder_of_backups_names_the_newest(empty_site: Site, backup_copy: Path) -> None:
    message = refused(empty_site, "restore", str(backup_copy.parent))
    assert "contient des sauvegardes : indiquez celle à restaurer" in message
    assert str(backup_copy) in message


def test_a_folder_that_is_not_empty_is_refused(empty_site: Site, drill: Drill) -> None:
    audio = empty_site.database.folder / "audio"
    audio.mkdir(parents=True)
    (audio / "autre-site.mp3").write_bytes(b"ID3")
    message = refused(empty_site, "restore", str(drill.backup))
    assert f"Le dossier {audio} n'est pas vide" in message
    assert (audio / "autre-site.mp3").read_bytes() == b"ID3"


def test_a_backup_that_fails_leaves_nothing_behind(tmp_path: Path, drill: Drill) -> None:
    """A database that cannot be read: an error, and no folder that could pass for a backup."""
    env = {**drill.restored.env, "DATABASE_URL": f"sqlite:///{tmp_path / 'absente' / 'manchette.sqlite3'}"}
    if drill.restored.database.postgres_name:
        env["DATABASE_URL"] = drill.restored.database.url.rsplit("/", 1)[0] + "/manchette_absente"
    done = manage(env, "backup", str(tmp_path / "backups"))
    assert done.returncode == 1
    assert "Sauvegarde impossible" in done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert not any((tmp_path / "backups").iterdir())


def test_keep_deletes_the_oldest_backups(tmp_path: Path, drill: Drill) -> None:
    destination = tmp_path / "backups"
    made = [Path(run_manage(drill.restored.env, "backup", str(destination)).strip().splitlines()[-1])
            for _ in range(2)]
    output = run_manage(drill.restored.env, "backup", str(destination), "--keep", "2")
    newest = Path(output.strip().splitlines()[-1])
    assert sorted(destination.iterdir()) == sorted([made[1], newest])
    assert f"Ancienne sauvegarde supprimée : {made[0]}" in output
