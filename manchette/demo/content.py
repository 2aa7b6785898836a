"""Demo content for Manchette: sections, journalists, agencies and articles.

Everything here is fictional (people, companies, quotes, figures) and written for the
demo site only. Plain Python data, no Django imports: the loader turns it into pages.
"""

from typing import Any

from .stories import culture, economie, international, politique

SECTIONS: list[dict[str, str]] = [
    {
        "slug": "international",
        "title": "International",
        "intro": "L’actualité du monde racontée par nos envoyés spéciaux et nos correspondants, des capitales aux régions oubliées.",
    },
    {
        "slug": "politique",
        "title": "Politique",
        "intro": "La vie politique française au Parlement, au gouvernement et dans les territoires.",
    },
    {
        "slug": "economie",
        "title": "Économie",
        "intro": "Entreprises, emploi, consommation et finances publiques : les enjeux économiques expliqués simplement.",
    },
    {
        "slug": "culture",
        "title": "Culture",
        "intro": "Livres, scènes, musique et cinéma : nos critiques et nos rencontres avec celles et ceux qui font la création.",
    },
]

AUTHORS: list[dict[str, str]] = [
    {
        "slug": "lea-lambert",
        "name": "Léa Lambert",
        "initials": "L. L.",
        "bio": "Grande reporter au service International, elle a couvert l’Amérique latine pendant dix ans depuis Santiago et Buenos Aires.",
    },
    {
        "slug": "thomas-mercier",
        "name": "Thomas Mercier",
        "initials": "T. M.",
        "bio": "Journaliste au service Politique, il suit les travaux du Parlement et la vie des partis depuis 2015.",
    },
    {
        "slug": "nadia-benali",
        "name": "Nadia Benali",
        "initials": "N. B.",
        "bio": "Journaliste au service Économie, elle est spécialiste de l’industrie, de l’emploi et du dialogue social.",
    },
    {
        "slug": "julien-ferrand",
        "name": "Julien Ferrand",
        "initials": "J. F.",
        "bio": "Critique de théâtre et de littérature, il arpente les salles et les librairies de France depuis quinze ans.",
    },
    {
        "slug": "camille-ossart",
        "name": "Camille Ossart",
        "initials": "C. O.",
        "bio": "Journaliste spécialisée dans l’environnement, l’agriculture et la transition énergétique.",
    },
]

AGENCIES: list[dict[str, str]] = [
    {"slug": "agence-meridien", "name": "Agence Méridien Nouvelles", "short_name": "AMN"},
    {"slug": "presse-continentale", "name": "Presse continentale associée", "short_name": "PCA"},
]

# In the order the loader publishes them: the first international article is the demo's lead.
ARTICLES: list[dict[str, Any]] = [
    *international.ARTICLES,
    *politique.ARTICLES,
    *economie.ARTICLES,
    *culture.ARTICLES,
]

# Notices added after publication (manchette/corrections), by the article's slug.
CORRECTIONS: list[dict[str, Any]] = [
    {
        "article": "norvege-tromso-ferries-electriques",
        "kind": "rectificatif",
        "hours_ago": 4,
        "text": "Une version précédente de cet article indiquait que chaque navire peut embarquer 280 passagers : "
        "leur capacité est de 180 passagers.",
    },
]
