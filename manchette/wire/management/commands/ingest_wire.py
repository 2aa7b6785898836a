"""Imports agency files by hand into a feed (backfills): manage.py ingest_wire FEED FILE…"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from manchette.wire import ingest
from manchette.wire.models import Feed
from manchette.wire.parsers import MAX_FILE_BYTES, ParseError


class Command(BaseCommand):
    help = "Importe des fichiers d'agence dans un fil (nom ou numéro du fil, puis les fichiers)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("feed", help="nom ou numéro du fil")
        parser.add_argument("files", nargs="+", type=Path)

    def handle(self, *args: Any, feed: str, files: list[Path], **options: Any) -> None:
        target = (
            Feed.objects.filter(pk=int(feed)).first()
            if feed.isdigit()
            else Feed.objects.filter(name=feed).first()
        )
        if target is None:
            raise CommandError(_("Fil introuvable : %(feed)s") % {"feed": feed})
        counts = {"new": 0, "updated": 0, "older": 0, "duplicate": 0, "skipped": 0, "quarantined": 0}
        total = len(files)
        for done, path in enumerate(files, start=1):
            if not path.is_file():
                raise CommandError(_("Fichier introuvable : %(path)s") % {"path": path})
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                result = ingest.refuse_file(target, path.name, size, ParseError.too_big(size))
            else:
                result = ingest.ingest_file(target, path.name, path.read_bytes())
            if result.error:
                counts["quarantined"] += 1
                self.stderr.write(f"\n{path}: {result.error}")
            elif result.skipped:
                counts["skipped"] += 1
            for outcome in result.outcomes:
                counts[outcome] += 1
            self._progress(done, total)
        self.stdout.write(
            "\n"
            + _(
                "%(new)s nouvelles, %(updated)s mises à jour, %(older)s anciennes versions, "
                "%(duplicate)s doublons, %(skipped)s fichiers déjà vus, %(quarantined)s en quarantaine."
            )
            % counts
        )

    def _progress(self, done: int, total: int) -> None:
        filled = 30 * done // total
        self.stdout.write(f"\r[{'#' * filled}{'-' * (30 - filled)}] {done}/{total}", ending="")
        self.stdout.flush()
