"""`manage.py restore BACKUP_DIR`: puts a backup back into a fresh (empty) database and folders.

Stop the site and its workers first. `--force` replaces a database and folders that are not
empty. Everything in the backup is checked before anything is changed.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError
from django.utils.translation import gettext as _

from manchette.backups import services
from manchette.backups.errors import BackupError


class Command(BaseCommand):
    help = "Restaure une sauvegarde (écrite par « manage.py backup ») dans une base et des dossiers vides."
    # The database is empty before a restore: checks that read it would fail.
    requires_system_checks = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("backup", metavar="BACKUP_DIR", type=Path, help="le dossier de la sauvegarde")
        parser.add_argument("--force", action="store_true",
                            help="remplacer la base et les dossiers même s'ils ne sont pas vides")

    def handle(self, *args: Any, backup: Path, force: bool, **options: Any) -> None:
        try:
            restored = services.restore_backup(backup.absolute(), force=force)
        except (BackupError, OSError, DatabaseError) as error:
            raise CommandError(_("Restauration impossible : %(error)s") % {"error": error}) from error
        self.stdout.write(_("Base de données restaurée depuis la sauvegarde du %(date)s.")
                          % {"date": restored.manifest.created_at})
        for name, count in restored.files.items():
            self.stdout.write(_("Dossier %(name)s : %(count)s fichier(s) restauré(s).")
                              % {"name": name, "count": count})
        if restored.pending_migrations:
            self.stdout.write(_("Cette version de Manchette a des migrations que la sauvegarde n'a pas :"
                                " lancez « manage.py migrate »."))
        self.stdout.write(_("Restauration terminée."))
