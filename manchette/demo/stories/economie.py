"""The demo's Économie articles (fictional, written for the demo site only)."""

from typing import Any

ARTICLES: list[dict[str, Any]] = [
    {
        "slug": "ardennes-fonderie-reprise-cooperative",
        "section": "economie",
        "kicker": "Industrie",
        "title": "Dans les Ardennes, les salariés d’une fonderie reprennent leur usine en coopérative",
        "standfirst": "Placée en liquidation au printemps, la Fonderie de la Meuse redémarre sous forme de société coopérative avec 112 salariés sur les 180 d’origine. Un pari industriel et social suivi de près dans toute la vallée.",
        "authors": ["nadia-benali"],
        "agency": None,
        "premium": True,
        "tags": ["Industrie", "Emploi", "Énergie"],
        "published_hours_ago": 20,
        "updated_hours_ago": None,
        "image": {
            "motif": "factory",
            "seed": 3,
            "caption": "Le site de la Fonderie de la Meuse au petit matin. Les fours ont été rallumés lundi après sept mois d’arrêt.",
            "credit": "MATHIEU LORIOT / PCA",
            "alt": "Des bâtiments industriels aux toits en dents de scie et de hautes cheminées qui fument, sous un ciel orangé.",
        },
        "body": [
            (
                "paragraph",
                "Lundi, à six heures, le premier four de la Fonderie de la Meuse a été rallumé devant une cinquantaine de salariés, d’anciens collègues et quelques élus. Sept mois après la liquidation judiciaire de l’entreprise, l’usine redémarre sous un nouveau statut : celui de société coopérative, dont les salariés détiennent la majorité du capital et élisent la direction.",
            ),
            (
                "paragraph",
                "Fondée dans les années 1950, la fonderie produit des pièces en fonte pour les machines agricoles, les pompes et les équipements ferroviaires. Elle employait 180 personnes avant d’être emportée par la hausse des coûts de l’énergie et la perte de deux clients importants. La coopérative reprend 112 salariés, ainsi que les principaux contrats encore actifs. Le tribunal de commerce a retenu son offre face à celle d’un groupe étranger, qui ne proposait de conserver qu’une soixantaine de postes.",
            ),
            ("subheading", "Un tour de table inédit"),
            (
                "paragraph",
                "Pour réunir les 6 millions d’euros nécessaires au redémarrage, les salariés ont apporté une partie de leurs indemnités de licenciement, en moyenne 8 000 euros chacun. La région, une banque coopérative et un fonds d’investissement régional ont complété le financement, tandis que l’intercommunalité a racheté les bâtiments pour les louer à la nouvelle structure.",
            ),
            (
                "quote",
                {
                    "text": "« Personne ne nous a fait de cadeau. Nous avons mis nos économies dans l’usine parce que nous connaissons chaque machine et chaque client. »",
                    "attribution": "Sandrine Colin, mouleuse et nouvelle présidente de la coopérative",
                },
            ),
            (
                "paragraph",
                "Le plan d’affaires prévoit un retour à l’équilibre en trois ans. Il repose sur une réduction de la facture énergétique, grâce au remplacement de deux fours anciens par un four à induction plus sobre, et sur la conquête de nouveaux marchés dans la réparation de pièces pour le matériel ferroviaire, un créneau où la demande reste forte.",
            ),
            (
                "paragraph",
                "Côté clients, les premiers signaux sont encourageants. Un fabricant de pompes de la région lyonnaise, qui s’était tourné vers un fournisseur étranger pendant l’arrêt du site, a accepté de revenir pour une partie de ses commandes, convaincu par la proximité et des délais de livraison plus courts. La coopérative vise un chiffre d’affaires de 9 millions d’euros dès la première année, puis de 14 millions à terme.",
            ),
            ("subheading", "Des défis de gouvernance"),
            (
                "paragraph",
                "Le passage en coopérative ne règle pas tout. Les salariés doivent désormais apprendre à décider ensemble des investissements, des embauches et des salaires. Des formations à la gestion ont été organisées pendant l’été, avec l’aide d’une union régionale des coopératives qui accompagnera l’entreprise pendant ses premières années.",
            ),
            (
                "paragraph",
                "Les anciens cadres, eux, ne sont pas tous restés. Le directeur commercial a accepté de rejoindre l’aventure, mais la coopérative a dû recruter un responsable financier à l’extérieur. « Nous avions besoin de quelqu’un qui sache parler aux banques », reconnaît un membre du conseil d’administration.",
            ),
            (
                "quote",
                {
                    "text": "« Les coopératives industrielles résistent souvent mieux aux crises, parce que les salariés acceptent des efforts qu’ils ne consentiraient pas pour un actionnaire lointain. Mais elles ont besoin de temps. »",
                    "attribution": "Marc Delattre, économiste spécialiste de l’économie sociale",
                },
            ),
            (
                "paragraph",
                "Dans la vallée, où plusieurs sites industriels ont fermé ces vingt dernières années, la relance est suivie avec attention. Les sous-traitants locaux, qui assurent l’usinage et le transport des pièces, espèrent retrouver une partie de leur activité. La commune, elle, compte sur la réouverture pour maintenir une classe menacée à l’école primaire et faire revivre les deux cafés de la rue principale, qui avaient réduit leurs horaires.",
            ),
            (
                "paragraph",
                "Les 68 salariés non repris bénéficient d’un accompagnement de reclassement. Une vingtaine d’entre eux pourraient être réembauchés si la coopérative atteint ses objectifs de production d’ici à l’été prochain. Sandrine Colin se veut prudente : « Le premier four est rallumé. Le plus difficile commence maintenant. »",
            ),
        ],
    },
    {
        "slug": "prix-alimentaires-recul-troisieme-mois",
        "section": "economie",
        "kicker": "Consommation",
        "title": "Les prix alimentaires reculent pour le troisième mois consécutif",
        "standfirst": "Les prix de l’alimentation ont baissé de 0,4 % sur un mois, selon les chiffres publiés jeudi. Les fruits et légumes frais tirent la tendance, tandis que les produits transformés restent chers.",
        "authors": ["nadia-benali"],
        "agency": "presse-continentale",
        "premium": False,
        "tags": ["Consommation", "Prix"],
        "published_hours_ago": 4,
        "updated_hours_ago": None,
        "image": {
            "motif": "market",
            "seed": 2,
            "caption": "Sur un marché de plein air. Les prix des fruits et légumes de saison ont nettement reculé depuis l’été.",
            "credit": "SOPHIE ANDRIEU / PCA",
            "alt": "Des étals de marché sous des auvents rayés, chargés de fruits et de légumes colorés, devant des façades aux volets peints.",
        },
        "body": [
            (
                "paragraph",
                "Les prix de l’alimentation ont reculé de 0,4 % en un mois, selon les chiffres publiés jeudi par l’institut national de la statistique. C’est le troisième mois de baisse consécutif, une première depuis plusieurs années. Sur un an, la hausse des prix alimentaires n’est plus que de 0,8 %, contre plus de 10 % au plus fort de la crise inflationniste.",
            ),
            (
                "paragraph",
                "La baisse est surtout portée par les produits frais : les légumes ont perdu 3,1 % sur le mois et les fruits 2,4 %, grâce à de bonnes récoltes et à des coûts de transport en repli. Les produits laitiers et les huiles sont également orientés à la baisse.",
            ),
            (
                "quote",
                {
                    "text": "« Le mouvement est réel, mais il reste modeste au regard des hausses accumulées. Les ménages ne retrouvent pas les prix d’il y a trois ans. »",
                    "attribution": "Antoine Berthier, économiste dans un institut de conjoncture",
                },
            ),
            (
                "paragraph",
                "Les produits transformés, comme les biscuits, les plats préparés ou les boissons, continuent en revanche d’augmenter légèrement. Les industriels invoquent la hausse des salaires et des emballages, tandis que la grande distribution réclame des baisses de tarifs lors des prochaines négociations commerciales.",
            ),
            (
                "paragraph",
                "Sur l’ensemble des biens et services, l’inflation reste stable à 1,6 % sur un an. Les économistes anticipent une poursuite de la détente dans les prochains mois, sauf nouveau choc sur les prix de l’énergie.",
            ),
        ],
    },
    {
        "slug": "recolte-ble-tendre-baisse-printemps-pluvieux",
        "section": "economie",
        "kicker": "Agriculture",
        "title": "La récolte de blé tendre attendue en baisse de 8 % après un printemps pluvieux",
        "standfirst": "Les pluies abondantes d’avril et de mai ont pénalisé les semis et favorisé les maladies. Les prix mondiaux, eux, restent stables grâce à de bonnes récoltes ailleurs.",
        "authors": ["camille-ossart", "nadia-benali"],
        "agency": None,
        "premium": False,
        "tags": ["Agriculture", "Climat", "Prix"],
        "published_hours_ago": 70,
        "updated_hours_ago": 65,
        "image": {
            "motif": "field",
            "seed": 6,
            "caption": "Des balles de paille dans un champ moissonné de la Beauce. Les rendements sont inégaux selon les régions.",
            "credit": "HANS LANGE / COLLECTIF LISIÈRE",
            "alt": "Un champ doré parsemé de balles de paille rondes, avec un grand arbre et une ligne de collines à l’horizon.",
        },
        "body": [
            (
                "paragraph",
                "La récolte française de blé tendre devrait atteindre environ 32 millions de tonnes cette année, soit 8 % de moins que la moyenne des cinq dernières années, selon les premières estimations des services statistiques du ministère de l’Agriculture. Les orges d’hiver reculent également, tandis que le maïs, semé plus tard, s’annonce dans la moyenne.",
            ),
            (
                "paragraph",
                "En cause, un printemps particulièrement humide. Dans le Centre et le Nord, les pluies d’avril et de mai ont empêché les agriculteurs d’intervenir dans les champs au bon moment, et favorisé le développement de maladies comme la septoriose. Les rendements varient fortement d’une exploitation à l’autre, parfois du simple au double.",
            ),
            ("subheading", "Des revenus sous pression"),
            (
                "paragraph",
                "Pour les céréaliers, la baisse des volumes ne sera pas compensée par les prix. Les cours mondiaux du blé restent stables, soutenus par de bonnes récoltes en Amérique du Nord et dans la région de la mer Noire. Les organisations professionnelles s’inquiètent d’un revenu en recul pour la deuxième année consécutive dans les exploitations spécialisées.",
            ),
            (
                "quote",
                {
                    "text": "« On a fait les mêmes dépenses qu’une année normale, pour un quart de grain en moins dans certaines parcelles. »",
                    "attribution": "Pierre Gaudin, céréalier dans le Loiret",
                },
            ),
            (
                "paragraph",
                "Les meuniers se veulent rassurants sur l’approvisionnement : la qualité du grain est jugée correcte et les stocks suffisants pour couvrir les besoins du marché intérieur. La baisse pèsera surtout sur les exportations, en particulier vers l’Afrique du Nord.",
            ),
            (
                "related",
                {
                    "article": "prix-alimentaires-recul-troisieme-mois",
                    "label": "Les prix alimentaires reculent pour le troisième mois",
                },
            ),
        ],
    },
    {
        "slug": "immobilier-ventes-logements-anciens-reprise",
        "section": "economie",
        "kicker": "Immobilier",
        "title": "Immobilier : les ventes de logements anciens repartent, mais pas partout",
        "standfirst": "Portées par la détente des taux d’emprunt, les transactions progressent de 6 % sur un an. Les grandes métropoles restent à la traîne, tandis que les villes moyennes attirent les acheteurs.",
        "authors": ["nadia-benali"],
        "agency": None,
        "premium": True,
        "tags": ["Immobilier", "Consommation"],
        "published_hours_ago": 400,
        "updated_hours_ago": None,
        "image": {
            "motif": "city",
            "seed": 3,
            "caption": "Des immeubles anciens en centre-ville. Les prix continuent de baisser légèrement dans plusieurs grandes métropoles.",
            "credit": "LUCIE FAVRE / COLLECTIF LISIÈRE",
            "alt": "Des immeubles aux fenêtres éclairées se reflètent dans une rivière, sous un ciel étoilé.",
        },
        "body": [
            (
                "paragraph",
                "Le marché immobilier sort lentement de sa torpeur. Sur les douze derniers mois, environ 880 000 logements anciens ont changé de mains, soit 6 % de plus que l’année précédente, selon les données compilées par les notaires. Le rebond reste toutefois loin des niveaux record atteints avant la remontée des taux d’intérêt.",
            ),
            (
                "paragraph",
                "Le principal moteur de la reprise est la baisse des taux de crédit. Les emprunteurs obtiennent désormais des prêts sur vingt ans autour de 3,2 % en moyenne, contre plus de 4 % au plus haut. Pour un ménage qui emprunte 200 000 euros, la différence représente près de 100 euros de mensualité.",
            ),
            ("subheading", "Les villes moyennes en tête"),
            (
                "paragraph",
                "La reprise est inégale selon les territoires. Les villes moyennes bien desservies par le train, comme Angers, Poitiers ou Valence, enregistrent les plus fortes hausses de transactions. Dans plusieurs grandes métropoles, en revanche, les volumes peinent à repartir et les prix continuent de baisser légèrement.",
            ),
            (
                "quote",
                {
                    "text": "« Les acheteurs reviennent, mais ils négocient davantage. Un bien mal classé sur le plan énergétique peut rester des mois sans trouver preneur. »",
                    "attribution": "Isabelle Perrin, notaire à Tours",
                },
            ),
            (
                "paragraph",
                "La performance énergétique pèse en effet de plus en plus sur les prix. Les logements classés F ou G, qui seront progressivement interdits à la location, se vendent avec une décote moyenne de 10 à 15 % par rapport à des biens comparables mieux isolés. Certains investisseurs en profitent pour acheter à bas prix et rénover.",
            ),
            (
                "paragraph",
                "Les primo-accédants restent les plus pénalisés. Malgré la baisse des taux, l’apport personnel exigé par les banques demeure élevé, et les prix n’ont reculé que modestement. Beaucoup de jeunes ménages se tournent vers des communes plus éloignées des centres, au prix de trajets plus longs.",
            ),
            (
                "paragraph",
                "Les professionnels anticipent une poursuite de la reprise dans les prochains mois, à condition que les taux continuent de se détendre. Ils appellent aussi à simplifier les aides à la rénovation, jugées trop complexes par une partie des acheteurs.",
            ),
        ],
    },
]
