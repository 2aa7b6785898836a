from typing import Any

from django.core.management.base import BaseCommand

from manchette.demo.loader import load_demo


class Command(BaseCommand):
    help = "Loads the demo newsroom content once; running it again changes nothing."

    def handle(self, *args: Any, **options: Any) -> None:
        created = load_demo()
        self.stdout.write(
            f"Demo content: {created['articles']} article(s) and {created['people']} account(s) created."
        )
