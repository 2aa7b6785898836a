"""French text normalisation: what the synthesiser is given to say, rule by rule."""

import pytest

from manchette.audio.french_text import cardinal, normalise, ordinal, roman_value


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, "zéro"),
        (16, "seize"),
        (17, "dix-sept"),
        (21, "vingt et un"),
        (22, "vingt-deux"),
        (71, "soixante et onze"),
        (77, "soixante-dix-sept"),
        (80, "quatre-vingts"),
        (81, "quatre-vingt-un"),
        (91, "quatre-vingt-onze"),
        (100, "cent"),
        (101, "cent un"),
        (200, "deux cents"),
        (250, "deux cent cinquante"),
        (1000, "mille"),
        (2023, "deux mille vingt-trois"),
        (80_000, "quatre-vingt mille"),
        (200_000, "deux cent mille"),
        (1_500_000, "un million cinq cent mille"),
        (3_000_000_000, "trois milliards"),
    ],
)
def test_cardinal_numbers(number: int, words: str) -> None:
    assert cardinal(number) == words


def test_feminine_cardinals() -> None:
    assert cardinal(1, feminine=True) == "une"
    assert cardinal(21, feminine=True) == "vingt et une"
    assert cardinal(81, feminine=True) == "quatre-vingt-une"
    assert cardinal(11, feminine=True) == "onze"


@pytest.mark.parametrize(
    ("number", "words"),
    [(1, "premier"), (2, "deuxième"), (4, "quatrième"), (5, "cinquième"), (9, "neuvième"),
     (11, "onzième"), (21, "vingt et unième"), (80, "quatre-vingtième"), (100, "centième")],
)  # fmt: skip
def test_ordinal_numbers(number: int, words: str) -> None:
    assert ordinal(number) == words


def test_roman_values() -> None:
    assert [roman_value(numeral) for numeral in ("XXI", "XIV", "IV", "MCMXC")] == [21, 14, 4, 1990]
    assert roman_value("IIII") is None
    assert roman_value("VX") is None


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        # numbers
        ("Il y a 12 candidats.", "Il y a douze candidats."),
        ("La ville compte 12 000 habitants.", "La ville compte douze mille habitants."),
        ("La ville compte 12\u202f000 habitants.", "La ville compte douze mille habitants."),
        ("Un taux de 3,5 en moyenne.", "Un taux de trois virgule cinq en moyenne."),
        ("Soit 3,05 de plus.", "Soit trois virgule zéro cinq de plus."),
        ("Un écart de -4 points.", "Un écart de moins quatre points."),
        ("Les années 2020-2024.", "Les années deux mille vingt à deux mille vingt-quatre."),
        ("De 10–15 ans.", "De dix à quinze ans."),
        ("Les chiffres 1, 2, 3.", "Les chiffres un, deux, trois."),
        ("Le recours au 49.3.", "Le recours au quarante-neuf trois."),
        # ordinals
        ("Le 1er ministre.", "Le premier ministre."),
        ("La 1re fois et la 1ère place.", "La première fois et la première place."),
        ("Le 2e tour.", "Le deuxième tour."),
        ("Le 3ème jour.", "Le troisième jour."),
        ("Le 2nd tour et la 2nde guerre.", "Le second tour et la seconde guerre."),
        ("Le 21e arrondissement.", "Le vingt et unième arrondissement."),
        ("Au XXIe siècle.", "Au vingt et unième siècle."),
        ("Au XIXe siècle.", "Au dix-neuvième siècle."),
        ("La Ve République.", "La cinquième République."),
        ("François Ier régnait.", "François premier régnait."),
        ("Louis XIV et Jean-Paul II.", "Louis quatorze et Jean-Paul deux."),
        ("Ce matin, Le Monde titrait.", "Ce matin, Le Monde titrait."),
        ("Vie chère.", "Vie chère."),
        # dates
        ("Le 13/09/2023.", "Le treize septembre deux mille vingt-trois."),
        ("Le 01/05/2024.", "Le premier mai deux mille vingt-quatre."),
        ("Le 2024-02-29.", "Le vingt-neuf février deux mille vingt-quatre."),
        ("Ouvert 7/7 et 24/24.", "Ouvert sept sur sept et vingt-quatre sur vingt-quatre."),
        ("Le 45/13/2023.", "Le quarante-cinq/treize/deux mille vingt-trois."),
        # times
        ("Rendez-vous à 11h.", "Rendez-vous à onze heures."),
        ("À 23 h 13 précises.", "À vingt-trois heures treize précises."),
        ("À 8h05.", "À huit heures cinq."),
        ("Dès 1h du matin.", "Dès une heure du matin."),
        ("À 21 h et à 23:13.", "À vingt et une heures et à vingt-trois heures treize."),
        ("Il y a 3 habitants.", "Il y a trois habitants."),
        # currencies and percentages
        ("Il coûte 12 €.", "Il coûte douze euros."),
        ("Il coûte 1 €.", "Il coûte un euro."),
        ("Le ticket à 3,50 €.", "Le ticket à trois euros cinquante."),
        ("Un café à 0,50 €.", "Un café à cinquante centimes."),
        ("Un budget de 15 M€.", "Un budget de quinze millions d'euros."),
        ("Un budget de 1,5 Md€.", "Un budget de un virgule cinq milliard d'euros."),
        ("Une dette de 1 000 €.", "Une dette de mille euros."),
        ("Un prix de $100 et 20 $.", "Un prix de cent dollars et vingt dollars."),
        ("Une livre à 1 £.", "Une livre à une livre."),
        ("En hausse de 12 %.", "En hausse de douze pour cent."),
        ("En hausse de 3,5%.", "En hausse de trois virgule cinq pour cent."),
        ("Une baisse de -2 %.", "Une baisse de moins deux pour cent."),
        ("En 2023 100 € de plus.", "En deux mille vingt-trois cent euros de plus."),
        # units
        ("À 130 km/h sur 1 km.", "À cent trente kilomètres heure sur un kilomètre."),
        ("Il fait -5 °C.", "Il fait moins cinq degrés."),
        ("Une forêt de 20 ha, 3 mois.", "Une forêt de vingt hectares, trois mois."),
        # abbreviations
        ("M. Dupont est venu.", "monsieur Dupont est venu."),
        ("MM. Dupont et Durand.", "messieurs Dupont et Durand."),
        ("Mme Durand et Mlle Roux.", "madame Durand et mademoiselle Roux."),
        ("Le Dr Martin et le Pr Leroy.", "Le docteur Martin et le professeur Leroy."),
        ("Me Dupond plaide.", "maître Dupond plaide."),
        ("Des pommes, des poires, etc.", "Des pommes, des poires, et cetera"),
        ("En 52 av. J.-C.", "En cinquante-deux avant Jésus-Christ"),
        ("Le n° 5 et la rue St-Denis.", "Le numéro cinq et la rue saint-Denis."),
        # guillemets and dashes
        ("Il a dit : « Nous gagnerons ».", "Il a dit : Nous gagnerons."),
        ("Le maire — élu en mai — a parlé.", "Le maire, élu en mai, a parlé."),
        ("Le maire – élu en mai – a parlé.", "Le maire, élu en mai, a parlé."),
        ("— Oui, dit-elle.", "Oui, dit-elle."),
        ("Un “mot” cité.", "Un mot cité."),
        # acronyms: spelled, or read as words
        ("Selon l'AFP.", "Selon l'a èf pé."),
        ("À l'ONU et à l'OTAN.", "À l'Onu et à l'Otan."),
        ("La SNCF et la RATP.", "La èsse ène cé èf et la èr a té pé."),
        ("Le PS, l'UE et les USA.", "Le pé èsse, l'u euh et les u èsse a."),
        ("L'UNESCO et le SMIC.", "L'Unesco et le Smic."),
        ("Selon l'OCDE.", "Selon l'o cé dé euh."),
        ("Des tonnes de CO2.", "Des tonnes de cé o deux."),
        ("URGENT : la NASA.", "Urgent : la Nasa."),
        # elisions
        ("L’Élysée et l’ONU.", "L'Élysée et l'Onu."),
        ("Qu’ il vienne, d’ accord.", "Qu'il vienne, d'accord."),
        ("Aujourd’hui, jusqu’à demain.", "Aujourd'hui, jusqu'à demain."),
        # issue 21: errors found by reading sentences aloud
        ("Un prêt de 1 000 000 de dollars.", "Un prêt de un million de dollars."),
        ("Des millions de dollars et 2 M$.", "Des millions de dollars et deux millions de dollars."),
        ("Ils sont 21 personnes.", "Ils sont vingt et une personnes."),
        ("En 31 semaines et 41 années.", "En trente et une semaines et quarante et une années."),
        ("1 fois, 21 voitures, 101 victimes.", "une fois, vingt et une voitures, cent une victimes."),
        ("Pendant 21 minutes et 21 min.", "Pendant vingt et une minutes et vingt et une minutes."),
        ("Il a 21 ans et 21 jours.", "Il a vingt et un ans et vingt et un jours."),
        (
            "Appelez le 01 23 45 67 89.",
            "Appelez le zéro un, vingt-trois, quarante-cinq, soixante-sept, quatre-vingt-neuf.",
        ),
        ("Ou le 06.12.34.56.78.", "Ou le zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit."),
        ("Une vitesse en km/h.", "Une vitesse en kilomètres heure."),
        ("L'ONU a voté.", "L'Onu a voté."),
        ("La COP28 s'ouvre.", "La Cop vingt-huit s'ouvre."),
        ("Le G20 et l'A380.", "Le gé vingt et l'a trois cent quatre-vingts."),
        ("La SNCF, la RATP et l'UE.", "La èsse ène cé èf, la èr a té pé et l'u euh."),
    ],
)
def test_normalise(written: str, spoken: str) -> None:
    assert normalise(written) == spoken


def test_normalise_keeps_plain_text() -> None:
    text = "Le conseil municipal a voté le budget de la ville, après un long débat."
    assert normalise(text) == text
