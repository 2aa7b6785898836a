"""`manage.py backup DEST_DIR`: a consistent backup of the database, the media and the audio files.

The last line of its output is the new backup's folder, for scripts; see the README's
"Sauvegardes / Backups" for scheduling it and copying it off the machine.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError
from django.utils.translation import gettext as _

from manchette.backups import services
from manchette.backups.errors import BackupError


class Command(BaseCommand):
    help = "Sauvegarde la base de données, les médias et les fichiers audio dans un dossier neuf de DEST_DIR."
    # A backup must run even when a check fails: it is what one takes before repairing.
    requires_system_checks = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("destination", metavar="DEST_DIR", type=Path,
                            help="dossier des sauvegardes (créé s'il n'existe pas)")
        parser.add_argument("--keep", type=int, default=0, metavar="N",
                            help="ne garder que les N sauvegardes les plus récentes de DEST_DIR")

    def handle(self, *args: Any, destination: Path, keep: int, **options: Any) -> None:
        if keep < 0:
            raise CommandError(_("--keep attend un nombre positif."))
        try:
            folder, manifest = services.take_backup(destination.absolute())
            pruned = services.prune(destination.absolute(), keep) if keep else []
        except (BackupError, OSError, DatabaseError) as error:
            raise CommandError(_("Sauvegarde impossible : %(error)s") % {"error": error}) from error
        self.stdout.write(_("Base de données (%(engine)s) : %(size)s octets.")
                          % {"engine": manifest.engine, "size": manifest.database.bytes})
        for name, part in manifest.folders.items():
            self.stdout.write(_("Dossier %(name)s : %(count)s fichier(s).")
                              % {"name": name, "count": part.files})
        for path in pruned:
            self.stdout.write(_("Ancienne sauvegarde supprimée : %(path)s") % {"path": path})
        self.stdout.write(str(folder))
