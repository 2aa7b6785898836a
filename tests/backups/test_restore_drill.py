"""The restore drill (tests/backups/conftest.py): the restored site serves the same pages (same
titles, bodies, comment counts, the subscriber's subscription and audio) and the same files."""

from __future__ import annotations

import difflib
import hashlib
import json

from .commands import manage
from .conftest import Drill, checksums


def test_the_restored_site_serves_the_same_pages(drill: Drill) -> None:
    assert drill.facts["comment_lists"], "the demo has comments to compare"
    assert set(drill.after) == set(drill.before)
    failed = [f"{name} answered {status} before the backup" for name, (status, _body) in drill.before.items()
              if status != 200]
    assert not failed, failed
    differences = []
    for name, (status, body) in drill.before.items():
        restored_status, restored_body = drill.after[name]
        if (restored_status, restored_body) != (status, body):
            lines = difflib.unified_diff(body.splitlines(), restored_body.splitlines(), lineterm="", n=1)
            differences.append(f"{name} ({status} → {restored_status}):\n" + "\n".join(lines))
    assert not differences, "\n\n".join(differences)


def test_the_compared_pages_hold_what_a_newsroom_would_miss(drill: Drill) -> None:
    """The comparison is not vacuous: comments, the subscription and the audio player are in it."""
    comments = drill.after[drill.facts["comment_lists"][0]][1]
    assert "commentaire" in comments.lower()
    subscription = drill.after["abonné /mon-compte/abonnement/"][1]
    assert "abonn" in subscription.lower()
    export = json.loads(drill.after["abonné /mon-compte/mes-donnees.json"][1])
    assert "abonne@manchette.test" in json.dumps(export)
    premium = drill.after[f"abonné {drill.facts['premium']}"][1]
    assert "/audio/" in premium, "the subscriber's premium article offers its audio"


def test_media_and_audio_files_are_identical(drill: Drill) -> None:
    assert drill.files_before["media"], "the demo has pictures"
    assert drill.files_before["audio"], "the premium article has its audio"
    assert drill.files_after == drill.files_before
    # And the restored site serves the audio to its subscriber, from the restored folder.
    [served_checksum] = drill.files_before["audio"].values()
    assert hashlib.sha256(drill.audio_served).hexdigest() == served_checksum


def test_the_backup_says_what_it_holds(drill: Drill) -> None:
    manifest = json.loads((drill.backup / "manifest.json").read_text())
    assert manifest["engine"] in {"sqlite", "postgresql"}
    assert manifest["folders"]["media"]["files"] == len(drill.files_before["media"])
    assert manifest["folders"]["audio"]["files"] == len(drill.files_before["audio"])
    assert manifest["migrations"]["comments"].startswith("00")
    assert drill.backup.stat().st_mode & 0o077 == 0, "only its owner reads a backup"
    assert not [path for path in drill.backup.parent.iterdir() if path.name.endswith(".partial")]
    assert "Restauration terminée." in drill.restore_output


def test_restoring_over_a_site_is_refused_without_force(drill: Drill) -> None:
    done = manage(drill.restored.env, "restore", str(drill.backup))
    assert done.returncode != 0
    assert "La base de données n'est pas vide" in done.stderr
    assert "--force" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_force_replaces_the_database_and_folders(drill: Drill) -> None:
    stray = drill.restored.database.media / "ajout-apres-restauration.txt"
    stray.write_text("pas dans la sauvegarde")
    done = manage(drill.restored.env, "restore", "--force", str(drill.backup))
    assert done.returncode == 0, done.stderr
    assert not stray.exists()
    assert {"media": checksums(drill.restored.database.media),
            "audio": checksums(drill.restored.audio)} == drill.files_before
