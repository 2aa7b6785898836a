"""The demo's wire: a watched folder in var/wire/ with a few items written for the demo, and
its feed, polled by the worker `make run` starts. Running it again changes nothing."""

from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from manchette.articles.models import Agency
from manchette.wire import poller
from manchette.wire.models import Feed

FEED_NAME = "AMN — dossier de démonstration"
DOCKERS = "Les dockers des principaux ports ont voté jeudi la reconduction de leur grève pour 48 heures."
QUOTE = "« Nous irons jusqu'au bout », a déclaré un représentant syndical à la sortie de l'assemblée."


def _item(
    guid: str,
    version: int,
    urgency: int,
    slug: str,
    headline: str,
    paragraphs: list[str],
    extra_meta: str = "",
) -> str:
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:amn.demo:{guid}" version="{version}"
    standard="NewsML-G2" standardversion="2.35" xml:lang="fr">
  <rightsInfo><copyrightNotice>© Agence Méridien Nouvelles (démonstration)</copyrightNotice></rightsInfo>
  <itemMeta><itemClass qcode="ninat:text"/><provider literal="AMN"/>
    <pubStatus qcode="stat:usable"/>{extra_meta}</itemMeta>
  <contentMeta><urgency>{urgency}</urgency><language tag="fr"/>
    <subject qcode="demo:{slug}"><name>{slug}</name></subject>
    <slugline>{slug}</slugline><headline>{headline}</headline><creditline>AMN</creditline></contentMeta>
  <contentSet><inlineXML contenttype="application/xhtml+xml">
    <html xmlns="http://www.w3.org/1999/xhtml"><body>{body}</body></html></inlineXML></contentSet>
</newsItem>
"""


def demo_files() -> dict[str, str]:
    embargo = (timezone.now() + timedelta(days=1)).replace(hour=6, minute=0, second=0, microsecond=0)
    return {
        "01-ports-greve.xml": _item(
            "ports-greve",
            1,
            3,
            "social-ports",
            "Grève dans les ports : les dockers reconduisent le mouvement",
            [
                DOCKERS,
                QUOTE,
            ],
        ),
        "02-ports-greve-v2.xml": _item(
            "ports-greve",
            2,
            3,
            "social-ports",
            "Grève dans les ports : les dockers reconduisent le mouvement, le ministre les recevra",
            [
                DOCKERS,
                "Le ministre des Transports recevra les syndicats vendredi matin, a annoncé son cabinet.",
                QUOTE,
            ],
            '<signal qcode="sig:update"/>',
        ),
        "03-seisme-flash.xml": _item(
            "seisme",
            1,
            1,
            "seisme-mediterranee",
            "FLASH Séisme de magnitude 5,8 au large des côtes",
            ["Un séisme de magnitude 5,8 a été enregistré en mer, selon l'institut de géophysique."],
        ),
        "04-budget-embargo.xml": _item(
            "budget",
            1,
            4,
            "budget-regions",
            "Le budget des régions en hausse de 3 % (embargo)",
            [
                "Les régions prévoient d'augmenter leurs dépenses d'investissement l'an prochain.",
                "Le rapport sera présenté demain matin.",
            ],
            f"<embargoed>{embargo.isoformat()}</embargoed>",
        ),
    }


class Command(BaseCommand):
    help = "Installe le fil d'agence de démonstration (dossier surveillé dans var/wire/)."

    def handle(self, *args: Any, **options: Any) -> None:
        folder = Path(settings.VAR_DIR) / "wire" / "amn"
        folder.mkdir(parents=True, exist_ok=True)
        agency = Agency.objects.filter(short_name="AMN").first() or Agency.objects.create(
            name="Agence Méridien Nouvelles", short_name="AMN", slug="agence-meridien"
        )
        feed, _ = Feed.objects.get_or_create(
            name=FEED_NAME,
            defaults={
                "agency": agency,
                "format": Feed.Format.NEWSML_G2,
                "transport": Feed.Transport.FOLDER,
                "location": str(folder),
                "every_seconds": 5,
            },
        )
        if not any(folder.iterdir()):
            for name, text in demo_files().items():
                (folder / name).write_text(text, encoding="utf-8")
        poller.poll(feed)
        self.stdout.write(f"Fil de démonstration : {feed.location}")
