"""The demo's live: a finished one, about twenty entries over an evening, with a pinned entry,
key events, a correction and an entry from agency copy. The text is the demo's own."""

from datetime import timedelta

from django.utils import timezone

from manchette.articles.models import Agency, Author, SectionPage

from . import entries
from .models import LiveEntry, LivePage

SLUG = "sommet-de-lisbonne-en-direct"
# (minutes after the start, title, text, key event, pinned)
ENTRIES = [
    (
        0,
        "Ouverture du sommet",
        "Les vingt-sept chefs d'État et de gouvernement arrivent au palais d'Ajuda. "
        "L'ordre du jour : l'énergie, la défense et le budget commun.",
        True,
        False,
    ),
    (12, "", "Le président du Conseil européen promet « des décisions, pas des communiqués ».", False, False),
    (
        25,
        "",
        "Dans la salle de presse, plus de huit cents journalistes accrédités attendent le premier point.",
        False,
        False,
    ),
    (
        41,
        "",
        "La délégation néerlandaise fait savoir qu'elle s'opposera à tout nouvel emprunt commun.",
        False,
        False,
    ),
    (
        58,
        "Premier désaccord sur l'énergie",
        "Le plafonnement du prix du gaz divise les pays du Nord et ceux du Sud. "
        "La séance est suspendue une demi-heure.",
        True,
        False,
    ),
    (
        73,
        "",
        "Reprise des discussions. Un compromis circulerait sur un plafond « dynamique », révisé chaque mois.",
        False,
        False,
    ),
    (
        90,
        "",
        "Manifestation pacifique devant le palais : quelques centaines de personnes réclament "
        "des aides pour les ménages.",
        False,
        False,
    ),
    (
        104,
        "",
        "Le chancelier allemand quitte la salle pour un entretien bilatéral avec la présidente du Conseil "
        "italien.",
        False,
        False,
    ),
    (
        121,
        "",
        "Les ministres des finances, réunis en parallèle, valident le calendrier de la réforme "
        "des règles budgétaires.",
        False,
        False,
    ),
    (
        139,
        "Accord sur le gaz",
        "Les Vingt-Sept s'entendent sur un mécanisme de plafonnement temporaire, "
        "pour un an, avec une clause de sortie.",
        True,
        False,
    ),
    (150, "", "Réaction de la Commission : « un signal clair envoyé aux marchés ».", False, False),
    (168, "", "Le volet défense s'ouvre par un exposé sur les stocks de munitions.", False, False),
    (185, "", "Plusieurs pays baltes demandent un fonds commun pour l'achat d'équipements.", False, False),
    (
        203,
        "",
        "Le Premier ministre portugais propose de reporter la question du fonds au prochain sommet.",
        False,
        False,
    ),
    (
        221,
        "",
        "Dîner de travail : le menu, servi au palais, met à l'honneur la cuisine de l'Alentejo.",
        False,
        False,
    ),
    (
        246,
        "Pas d'accord sur la défense",
        "Les dirigeants renvoient le fonds commun à leurs ministres, "
        "qui devront rendre un rapport dans trois mois.",
        True,
        False,
    ),
    (
        262,
        "",
        "La présidente de la Commission salue « un sommet utile, qui a tenu ses promesses sur l'énergie ».",
        False,
        False,
    ),
    (
        275,
        "",
        "Conférence de presse finale : les questions portent surtout sur le plafond du gaz.",
        False,
        False,
    ),
    (
        289,
        "Ce qu'il faut retenir",
        "Un plafond temporaire du prix du gaz, un calendrier pour les règles "
        "budgétaires, et le fonds de défense renvoyé à plus tard. Fin de ce direct, merci de l'avoir suivi.",
        True,
        True,
    ),
]
CORRECTED = 41  # the entry whose first version named the wrong country
WRONG_TEXT = "La délégation belge fait savoir qu'elle s'opposera à tout nouvel emprunt commun."
AGENCY_ENTRY = 150


def load_demo_live(sections: dict[str, SectionPage]) -> bool:
    """Creates the demo's finished live once (False when it is there already)."""
    if LivePage.objects.filter(slug=SLUG).exists():
        return False
    author = Author.objects.order_by("pk").first()
    agency = Agency.objects.order_by("pk").first()
    started = timezone.now() - timedelta(hours=30)
    ended = started + timedelta(minutes=ENTRIES[-1][0] + 1)
    live = LivePage(
        title="Sommet européen de Lisbonne : accord sur le gaz, la défense attendra",
        slug=SLUG,
        standfirst="Les Vingt-Sept se sont réunis toute la soirée à Lisbonne : le sommet heure par heure.",
        status=LivePage.Status.FINISHED,
        ended_at=ended,
    )
    sections["international"].add_child(instance=live)
    if author:
        live.live_authors.create(author=author)
    live.save_revision().publish()
    for minutes, title, text, key_event, pinned in ENTRIES:
        entry = entries.post_entry(
            live,
            entries.EntryText(text=WRONG_TEXT if minutes == CORRECTED else text, title=title),
            author=author,
            agency=agency if minutes == AGENCY_ENTRY else None,
            key_event=key_event,
            pinned=pinned,
        )
        LiveEntry.objects.filter(pk=entry.pk).update(posted_at=started + timedelta(minutes=minutes))
        if minutes == CORRECTED:
            entries.correct_entry(entry, entries.EntryText(text=text), key_event=False)
            LiveEntry.objects.filter(pk=entry.pk).update(
                corrected_at=started + timedelta(minutes=minutes + 9)
            )
    ended = started + timedelta(minutes=ENTRIES[-1][0] + 1)
    LivePage.objects.filter(pk=live.pk).update(
        first_published_at=started, last_published_at=ended, ended_at=ended
    )
    return True
