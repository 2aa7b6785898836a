"""manage.py import_wordpress EXPORT.xml [--uploads DIR] [--section-map FILE] [--dry-run] [--report FILE]"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from manchette.wordpress.importer import Importer, Options, read_section_map

BAR_WIDTH = 24


class Command(BaseCommand):
    help = _(
        "Importe un export WordPress (WXR) : articles, images, auteurs, rubriques, commentaires, adresses."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("export", type=Path, help=_("le fichier d'export WordPress (Outils → Exporter)"))
        parser.add_argument("--uploads", type=Path, help=_("une copie du dossier wp-content/uploads du site"))
        parser.add_argument(
            "--section-map", type=Path, help=_("correspondance catégorie WordPress = rubrique")
        )
        parser.add_argument(
            "--dry-run", action="store_true", help=_("ne rien écrire, dire ce qui serait fait")
        )
        parser.add_argument("--report", type=Path, help=_("écrire aussi le rapport dans ce fichier JSON"))

    def handle(
        self,
        *args: object,
        export: Path,
        uploads: Path | None,
        section_map: Path | None,
        dry_run: bool,
        report: Path | None,
        **options: object,
    ) -> None:
        if not export.is_file():
            raise CommandError(_("Fichier introuvable : %(path)s") % {"path": export})
        if uploads is not None and not uploads.is_dir():
            raise CommandError(_("Dossier introuvable : %(path)s") % {"path": uploads})
        mapping = {}
        if section_map is not None:
            try:
                mapping = read_section_map(section_map)
            except (OSError, ValueError) as error:
                raise CommandError(
                    _("Correspondance des rubriques illisible : %(reason)s") % {"reason": error}
                ) from None
        importer = Importer(export, Options(uploads, mapping, dry_run), progress=self._progress)
        result = importer.run()
        sys.stderr.write("\n")
        for line in result.lines():
            self.stdout.write(line)
        if not dry_run:
            self.stdout.write(
                _(
                    "Versions audio : aucune n'est faite pendant l'import ; « manage.py generate_audio » "
                    "les fait quand la rédaction le souhaite (il reprend où il s'est arrêté)."
                )
            )
        if report is not None:
            result.write_json(report)
        if result.fatal:
            raise CommandError(result.fatal)

    def _progress(self, stage: str, count: int, total: int | None) -> None:
        if total:
            filled = round(BAR_WIDTH * count / total)
            sys.stderr.write(f"\r{stage} [{'█' * filled}{'░' * (BAR_WIDTH - filled)}] {count}/{total}")
        else:
            sys.stderr.write(f"\r{stage} : {count}")
        sys.stderr.flush()
