"""The demo's Politique articles (fictional, written for the demo site only)."""

from typing import Any

ARTICLES: list[dict[str, Any]] = [
    {
        "slug": "budget-assemblee-adopte-partie-recettes",
        "section": "politique",
        "kicker": "Budget",
        "title": "Budget : l’Assemblée adopte la partie recettes au terme d’une nuit de débats",
        "standfirst": "Les députés ont voté le volet fiscal du projet de loi de finances par 289 voix contre 262. Le texte part désormais au Sénat, qui entend revoir plusieurs mesures.",
        "authors": ["thomas-mercier"],
        "agency": None,
        "premium": False,
        "tags": ["Budget", "Parlement", "Gouvernement"],
        "published_hours_ago": 6,
        "updated_hours_ago": 2,
        "image": {
            "motif": "parliament",
            "seed": 3,
            "caption": "L’hémicycle de l’Assemblée nationale pendant l’examen du projet de loi de finances.",
            "credit": "YANN KERBRAT / COLLECTIF LISIÈRE",
            "alt": "Vue d’un hémicycle aux sièges rouges remplis de députés, avec une tribune au centre.",
        },
        "body": [
            (
                "paragraph",
                "Il était un peu plus de quatre heures du matin lorsque le résultat s’est affiché sur les écrans de l’hémicycle. Par 289 voix contre 262, l’Assemblée nationale a adopté la première partie du projet de loi de finances, consacrée aux recettes de l’État, après six jours de débats et l’examen de plus de 2 000 amendements.",
            ),
            (
                "paragraph",
                "Le texte voté prévoit notamment une contribution exceptionnelle sur les très hauts revenus, reconduite pour deux ans, et un relèvement progressif de la fiscalité sur les billets d’avion en classe affaires. Les députés ont en revanche rejeté, à quelques voix près, la hausse de la taxe sur les boissons sucrées proposée par le gouvernement.",
            ),
            ("subheading", "Un compromis fragile"),
            (
                "paragraph",
                "Plusieurs groupes d’opposition ont choisi de s’abstenir, jugeant le texte « perfectible » mais refusant de bloquer la procédure. Ce choix a permis au gouvernement d’éviter le recours à l’article 49.3, qu’il s’était engagé à ne pas utiliser sur cette partie du budget.",
            ),
            (
                "quote",
                {
                    "text": "« Ce vote n’est pas un chèque en blanc. C’est la preuve qu’un budget peut se construire dans l’hémicycle, et pas seulement dans les ministères. »",
                    "attribution": "Hélène Garnier, rapporteure générale de la commission des finances",
                },
            ),
            (
                "paragraph",
                "Les députés entament dès lundi l’examen de la seconde partie, consacrée aux dépenses. Le Sénat, où l’équilibre politique est différent, a déjà fait savoir qu’il réécrirait plusieurs articles fiscaux. Une commission mixte paritaire devrait se réunir avant la fin de l’année pour tenter d’accorder les deux chambres.",
            ),
        ],
    },
    {
        "slug": "rennes-liste-citoyenne-municipales",
        "section": "politique",
        "kicker": "Municipales",
        "title": "À Rennes, une liste citoyenne veut bousculer le jeu municipal",
        "standfirst": "Née dans les associations de quartier, la liste « Quartiers d’abord » revendique déjà plus de 600 adhérents. Les partis installés observent la démarche avec un mélange d’intérêt et de prudence.",
        "authors": ["thomas-mercier"],
        "agency": None,
        "premium": False,
        "tags": ["Élections", "Territoires"],
        "published_hours_ago": 26,
        "updated_hours_ago": None,
        "image": {
            "motif": "city",
            "seed": 1,
            "caption": "Les façades du centre de Rennes, au bord de la Vilaine. La liste citoyenne veut faire de la rénovation des logements anciens un axe de campagne.",
            "credit": "LUCIE FAVRE / COLLECTIF LISIÈRE",
            "alt": "Une rangée d’immeubles aux toits d’ardoise se reflète dans l’eau d’une rivière, sous un ciel de fin de journée.",
        },
        "body": [
            (
                "paragraph",
                "Dans une salle paroissiale du quartier de Maurepas, une centaine de personnes ont débattu, mardi soir, de la place de la voiture en ville, des horaires des crèches et de la rénovation des écoles. Pas de tribune ni de micro pour les orateurs : les participants tirent au sort l’ordre des prises de parole. C’est la méthode revendiquée par « Quartiers d’abord », une liste citoyenne qui prépare les prochaines élections municipales.",
            ),
            (
                "paragraph",
                "Lancée il y a un an par des membres d’associations de locataires, de parents d’élèves et de clubs sportifs, la liste affirme compter plus de 600 adhérents. Son programme sera rédigé à partir de onze assemblées de quartier, dont les propositions seront soumises à un vote en ligne ouvert à tous les habitants.",
            ),
            (
                "quote",
                {
                    "text": "« Nous ne sommes contre personne. Nous voulons simplement que les décisions se prennent un peu plus près de ceux qui les vivent. »",
                    "attribution": "Soazig Le Bihan, coanimatrice de la liste",
                },
            ),
            (
                "paragraph",
                "Du côté des partis, on observe la démarche avec attention. Certains responsables locaux y voient un partenaire possible pour une éventuelle alliance ; d’autres soulignent la difficulté de gérer une ville de plus de 220 000 habitants sans expérience de la gestion publique. La liste n’exclut aucun rapprochement, mais refuse pour l’instant toute étiquette nationale.",
            ),
            (
                "paragraph",
                "Ce type d’initiative n’est pas nouveau en France, où plusieurs listes citoyennes ont déjà remporté des communes moyennes. Leur succès dépend souvent, rappellent les politistes, de leur capacité à durer au-delà du scrutin et à former des élus à la complexité des budgets municipaux.",
            ),
        ],
    },
    {
        "slug": "deserts-medicaux-senat-installation-medecins",
        "section": "politique",
        "kicker": "Santé",
        "title": "Déserts médicaux : le Sénat vote un encadrement de l’installation des médecins",
        "standfirst": "Les sénateurs ont adopté un dispositif qui conditionnerait l’installation dans les zones les mieux dotées au départ d’un confrère. Une mesure inédite, vivement contestée par les syndicats de médecins libéraux.",
        "authors": ["thomas-mercier"],
        "agency": None,
        "premium": True,
        "tags": ["Santé", "Parlement", "Territoires"],
        "published_hours_ago": 44,
        "updated_hours_ago": 40,
        "image": {
            "motif": "parliament",
            "seed": 8,
            "caption": "Les sénateurs lors de l’examen de la proposition de loi sur l’accès aux soins, au palais du Luxembourg.",
            "credit": "YANN KERBRAT / COLLECTIF LISIÈRE",
            "alt": "Un hémicycle vu d’en haut, avec des rangées de sièges rouges occupés et une tribune en bois.",
        },
        "body": [
            (
                "paragraph",
                "Le Sénat a adopté jeudi soir, par 198 voix contre 121, une proposition de loi transpartisane visant à réguler l’installation des médecins libéraux. Le cœur du texte est simple : dans les territoires où l’offre de soins est jugée suffisante, un nouveau médecin ne pourrait s’installer qu’à la condition qu’un confrère de la même spécialité cesse son activité. Dans les zones sous-dotées, l’installation resterait totalement libre.",
            ),
            (
                "paragraph",
                "Pour ses auteurs, issus de plusieurs groupes politiques, la mesure répond à une urgence. Près d’un Français sur trois vit aujourd’hui dans une commune où l’accès à un médecin généraliste est jugé insuffisant, et les délais pour consulter certains spécialistes dépassent six mois dans de nombreux départements ruraux.",
            ),
            ("subheading", "Une rupture avec la liberté d’installation"),
            (
                "paragraph",
                "La liberté d’installation est l’un des principes fondateurs de la médecine libérale en France. Les gouvernements successifs ont longtemps préféré les mesures incitatives : aides financières, maisons de santé, stages en zone rurale pour les étudiants. Ces dispositifs ont donné des résultats, reconnaissent les sénateurs, mais trop lents au regard des départs à la retraite attendus dans les dix prochaines années.",
            ),
            (
                "quote",
                {
                    "text": "« Nous avons tout essayé avec la carotte. Il ne s’agit pas de punir les médecins, mais de répartir un peu mieux une ressource devenue rare. »",
                    "attribution": "Bernard Lacombe, sénateur et coauteur du texte",
                },
            ),
            (
                "paragraph",
                "Les syndicats de médecins libéraux dénoncent une mesure « contre-productive ». Selon eux, la contrainte risque de détourner les jeunes diplômés de l’exercice libéral au profit du salariat ou de l’intérim hospitalier, sans créer un seul médecin de plus. Plusieurs organisations d’internes ont appelé à une journée de mobilisation la semaine prochaine.",
            ),
            (
                "quote",
                {
                    "text": "« On ne règle pas une pénurie en déplaçant la pénurie. Le vrai sujet, c’est le nombre de médecins formés et le temps médical libéré. »",
                    "attribution": "Dr Claire Vasseur, présidente d’un syndicat de généralistes",
                },
            ),
            (
                "paragraph",
                "Dans la Nièvre, où près d’un habitant sur cinq n’a pas de médecin traitant, le vote a été accueilli avec soulagement. « Notre dernier généraliste part à la retraite en juin, et nous n’avons reçu aucune candidature malgré un cabinet neuf et un logement offert », explique la maire d’une commune de 1 800 habitants, venue assister aux débats depuis les tribunes. Comme elle, de nombreux élus locaux estiment avoir épuisé les leviers à leur disposition.",
            ),
            (
                "paragraph",
                "Plusieurs pays européens encadrent déjà l’installation des médecins. En Allemagne, les caisses d’assurance maladie fixent depuis longtemps un nombre de places de médecins conventionnés par zone, un modèle souvent cité par les partisans du texte, même s’il n’a pas fait disparaître les difficultés dans les régions rurales.",
            ),
            ("subheading", "Un parcours encore long"),
            (
                "paragraph",
                "Le gouvernement s’est montré prudent pendant les débats. La ministre chargée de la santé a salué « une volonté partagée d’agir », tout en émettant des réserves sur la mise en œuvre : il faudrait en effet définir, zone par zone, des seuils de densité médicale et les actualiser régulièrement, ce que les agences régionales de santé ne sont pas toutes en mesure de faire à court terme.",
            ),
            (
                "paragraph",
                "Le texte doit maintenant être inscrit à l’ordre du jour de l’Assemblée nationale, où une proposition comparable avait été rejetée de justesse il y a deux ans. Les associations d’élus ruraux, qui soutiennent la régulation, comptent faire pression sur les députés de leurs départements. Dans plusieurs territoires, des maires ont déjà fait voter des motions de soutien.",
            ),
            (
                "paragraph",
                "Reste la question du calendrier. Même adoptée rapidement, la mesure ne produirait d’effets qu’au fil des départs à la retraite, donc progressivement. Ses partisans comme ses détracteurs s’accordent au moins sur un point : sans augmentation durable du nombre de médecins formés, aucune règle d’installation ne suffira à combler les manques.",
            ),
            (
                "related",
                {"article": "budget-assemblee-adopte-partie-recettes", "label": ""},
            ),
        ],
    },
    {
        "slug": "permis-de-conduire-consultation-delais-examen",
        "section": "politique",
        "kicker": "Transports",
        "title": "Permis de conduire : le gouvernement ouvre une consultation pour réduire les délais d’examen",
        "standfirst": "Les candidats attendent en moyenne plus de deux mois entre deux passages de l’épreuve pratique. Plusieurs pistes sont à l’étude, dont le recrutement d’examinateurs contractuels.",
        "authors": ["thomas-mercier"],
        "agency": "agence-meridien",
        "premium": False,
        "tags": ["Transports", "Gouvernement", "Emploi"],
        "published_hours_ago": 200,
        "updated_hours_ago": None,
        "image": {
            "motif": "city",
            "seed": 4,
            "caption": "Une rue de centre-ville à la tombée de la nuit. Dans les grandes agglomérations, les délais pour repasser le permis dépassent souvent trois mois.",
            "credit": "PAUL DEVERS / AMN",
            "alt": "Une rue la nuit, bordée d’immeubles aux fenêtres éclairées et de réverbères, avec quelques passants sur le trottoir.",
        },
        "body": [
            (
                "paragraph",
                "Le ministère de l’Intérieur a lancé lundi une consultation en ligne, ouverte jusqu’à la fin du mois prochain, sur l’organisation de l’examen du permis de conduire. Auto-écoles, candidats et associations de sécurité routière sont invités à donner leur avis sur une série de propositions destinées à réduire les délais d’attente.",
            ),
            (
                "paragraph",
                "Selon les chiffres communiqués par le ministère, un candidat ayant échoué à l’épreuve pratique attend en moyenne soixante-sept jours avant de pouvoir la repasser, et plus de cent jours dans certaines grandes agglomérations. Ces délais renchérissent le coût total de la formation, les élèves devant souvent reprendre des heures de conduite pour ne pas perdre la main.",
            ),
            (
                "quote",
                {
                    "text": "« Chaque mois d’attente, c’est un emploi ou une formation qui s’éloigne pour un jeune qui a besoin de sa voiture. »",
                    "attribution": "Julie Moreau, présidente d’une fédération d’auto-écoles",
                },
            ),
            (
                "paragraph",
                "Parmi les pistes soumises à la consultation figurent le recrutement d’examinateurs contractuels, déjà expérimenté dans quelques départements, l’ouverture de créneaux le samedi et une meilleure répartition des places entre les auto-écoles. Les syndicats d’inspecteurs se disent ouverts au débat mais mettent en garde contre toute baisse du niveau d’exigence.",
            ),
            (
                "paragraph",
                "Le gouvernement promet une synthèse publique des contributions et des premières mesures dès le printemps, certaines pouvant être prises par simple voie réglementaire.",
            ),
        ],
    },
]
