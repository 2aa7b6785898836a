"""Makes the audio of every published article, or of those named, skipping what is up to date.

Resumable: an interrupted run starts again where it stopped, since the articles already
spoken are up to date and skipped. Failures are recorded on the article's audio, tried
again at the end of the run, listed, and make the command exit with an error.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from manchette.articles.models import ArticlePage
from manchette.audio import services
from manchette.audio.models import ArticleAudio

BAR_WIDTH = 24


class Command(BaseCommand):
    help = "Génère la version audio des articles publiés (tous, ou ceux dont on donne l'identifiant)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("article_ids", nargs="*", type=int, help="identifiants (tous si absent)")
        parser.add_argument("--force", action="store_true", help="refaire même les versions à jour")
        parser.add_argument("--retries", type=int, default=1, help="essais de plus pour les échecs")

    def handle(self, *args: Any, article_ids: list[int], force: bool, retries: int, **options: Any) -> None:
        articles = ArticlePage.objects.live().order_by("pk")
        if article_ids:
            articles = articles.filter(pk__in=article_ids)
            missing = set(article_ids) - set(articles.values_list("pk", flat=True))
            if missing:
                listed = ", ".join(map(str, sorted(missing)))
                raise CommandError(f"Aucun article publié avec l'identifiant {listed}.")
        todo = list(articles.values_list("pk", "title"))
        failed = self._run(todo, force)
        for attempt in range(retries):
            if not failed:
                break
            self.stdout.write(f"Nouvel essai de {len(failed)} échec(s) ({attempt + 1}/{retries}).")
            failed = self._run(failed, force=False)
        if failed:
            reasons = ArticleAudio.objects.filter(article_id__in=[pk for pk, _title in failed])
            for audio in reasons:
                self.stderr.write(f"  article {audio.article_id} : {audio.error}")
            raise CommandError(f"{len(failed)} article(s) sans version audio : relancez la commande.")

    def _run(self, todo: list[tuple[int, str]], force: bool) -> list[tuple[int, str]]:
        failed = []
        for done, (pk, title) in enumerate(todo, start=1):
            result = services.generate(pk, force=force)
            audio = result.audio
            if audio is None:
                state = "dépublié entre-temps"
            elif audio.status == ArticleAudio.Status.FAILED:
                state = f"ÉCHEC : {audio.error}"
                failed.append((pk, title))
            elif result.made:
                state = f"générée ({audio.duration:.0f} s, {(audio.byte_size or 0) // 1024} Ko)"
            else:
                state = "à jour"
            filled = round(BAR_WIDTH * done / len(todo))
            bar = "█" * filled + "░" * (BAR_WIDTH - filled)
            self.stdout.write(f"[{bar}] {done}/{len(todo)} {title[:50]} : {state}")
            self.stdout.flush()
        return failed
