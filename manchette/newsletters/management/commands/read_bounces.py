from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from manchette.newsletters import bounces


class Command(BaseCommand):
    help = (
        "Reads the newsletters' mailbox folder (files, or a Maildir): suppresses the addresses that "
        "delivery status notifications (RFC 3464) report as hard bounces, and unsubscribes the "
        "readers who wrote to their unsubscribe address (List-Unsubscribe mailto)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path)

    def handle(self, folder: Path, **options: Any) -> None:
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder")
        outcome = bounces.read_folder(folder)
        self.stdout.write(
            f"{outcome.suppressed} address(es) suppressed, {outcome.unsubscribed} reader(s) unsubscribed"
        )
