from typing import Any

from django.core.management.base import BaseCommand

from manchette.articles.services import ensure_home_page


class Command(BaseCommand):
    help = "Creates the home page and the site if they are missing (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        home = ensure_home_page()
        self.stdout.write(f"Home page: {home.title} ({home.url_path})")
