from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from manchette.newsletters import bounces


class Command(BaseCommand):
    help = "Reads delivery status notifications (RFC 3464) from a folder and suppresses hard bounces."

    def add_arguments(self, parser) -> None:
        parser.add_argument("folder", type=Path)

    def handle(self, folder: Path, **options) -> None:
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder")
        count = bounces.read_folder(folder)
        self.stdout.write(f"{count} address(es) suppressed")
