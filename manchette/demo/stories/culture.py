"""The demo's Culture articles (fictional, written for the demo site only)."""

from typing import Any

ARTICLES: list[dict[str, Any]] = [
    {
        "slug": "theatre-la-maison-des-courants-d-air",
        "section": "culture",
        "kicker": "Théâtre",
        "title": "« La Maison des courants d’air », une comédie familiale qui touche juste",
        "standfirst": "Au Théâtre des Quatre-Vents, à Nantes, la metteuse en scène Lou Martel réunit une fratrie autour de la vente de la maison d’enfance. Une pièce drôle et pudique, servie par une troupe remarquable.",
        "authors": ["julien-ferrand"],
        "agency": None,
        "premium": False,
        "tags": ["Théâtre", "Critique"],
        "published_hours_ago": 14,
        "updated_hours_ago": None,
        "image": {
            "motif": "stage",
            "seed": 3,
            "caption": "La troupe de « La Maison des courants d’air » sur la scène du Théâtre des Quatre-Vents.",
            "credit": "ÉLISE MARCHAL / COLLECTIF LISIÈRE",
            "alt": "Quatre comédiens debout sur une scène éclairée par des projecteurs, encadrée de rideaux rouges, devant un public dans l’ombre.",
        },
        "body": [
            (
                "paragraph",
                "Ils sont quatre, deux sœurs et deux frères, réunis un week-end de novembre dans la maison de leur enfance que leur mère vient de mettre en vente. Il faut vider les placards, trier les photos, décider qui prendra le buffet. Rien de plus banal, et c’est précisément ce qui fait la force de <i>La Maison des courants d’air</i>, la nouvelle création de Lou Martel.",
            ),
            (
                "paragraph",
                "Pendant deux heures, la pièce avance par petites scènes, souvent très drôles, où les vieilles rivalités refont surface au détour d’un carton. La mise en scène, sobre, joue habilement avec un décor qui se vide à vue : à mesure que les meubles disparaissent, les personnages n’ont plus où se cacher.",
            ),
            (
                "quote",
                {
                    "text": "« Je voulais parler de ce moment où l’on devient les adultes de sa propre famille, et où l’on s’aperçoit qu’on n’y était pas du tout préparé. »",
                    "attribution": "Lou Martel, autrice et metteuse en scène",
                },
            ),
            (
                "paragraph",
                "La troupe est d’une grande justesse. On retiendra en particulier Agathe Renaud, bouleversante en sœur aînée qui s’accroche aux rituels, et Samir Haddad, dont le cadet faussement désinvolte provoque les plus beaux éclats de rire de la soirée.",
            ),
            (
                "paragraph",
                "Si la dernière demi-heure s’étire un peu, le spectacle laisse une impression rare de vérité. Il part en tournée dans une quinzaine de villes après les fêtes.",
            ),
            (
                "paragraph",
                "<b>« La Maison des courants d’air »</b>, de Lou Martel. Théâtre des Quatre-Vents, Nantes, jusqu’au 20 décembre. Durée : 2 heures.",
            ),
        ],
    },
    {
        "slug": "roman-maelle-quintin-racines-du-silence",
        "section": "culture",
        "kicker": "Livres",
        "title": "Avec « Les Racines du silence », Maëlle Quintin signe un premier roman forestier",
        "standfirst": "L’autrice suit, sur un demi-siècle, une famille de forestiers des Vosges confrontée au dépérissement de ses sapins. Un livre ample et sensible, porté par une langue précise.",
        "authors": ["julien-ferrand"],
        "agency": None,
        "premium": True,
        "tags": ["Livres", "Critique"],
        "published_hours_ago": 47,
        "updated_hours_ago": None,
        "image": {
            "motif": "forest",
            "seed": 3,
            "caption": "Une forêt de conifères dans le massif des Vosges, où se déroule le roman de Maëlle Quintin.",
            "credit": "HANS LANGE / COLLECTIF LISIÈRE",
            "alt": "Une forêt dense de sapins et de feuillus traversée par des rayons de lumière.",
        },
        "body": [
            (
                "paragraph",
                "Il y a des premiers romans qui s’annoncent à grand bruit. Celui de Maëlle Quintin s’avance au contraire à pas feutrés, comme on entre dans un sous-bois. <i>Les Racines du silence</i> suit sur cinquante ans trois générations d’une famille de forestiers installée dans une vallée des Vosges, des années 1970 à nos jours.",
            ),
            (
                "paragraph",
                "Au centre du livre, il y a Jeanne, fille de bûcheron devenue technicienne forestière, qui voit peu à peu les sapins de sa jeunesse jaunir puis sécher sur pied. Autour d’elle gravitent un père taiseux, un frère parti travailler en ville et une nièce qui revient, des années plus tard, chercher dans la forêt une réponse à ses propres doutes. Rien d’héroïque dans ces existences : des saisons de travail, des repas, des disputes, des réconciliations.",
            ),
            ("subheading", "Une langue de l’attention"),
            (
                "paragraph",
                "Ce qui frappe d’abord, c’est la précision de l’écriture. Maëlle Quintin, qui a elle-même travaillé plusieurs années dans la gestion forestière, connaît le nom de chaque essence, le bruit de chaque outil, l’odeur de la résine selon les saisons. Mais ce savoir n’est jamais décoratif : il dit l’attachement de ses personnages à un monde qui se transforme sous leurs yeux.",
            ),
            (
                "paragraph",
                "Le roman évite avec intelligence le piège du livre à thèse. Le dépérissement des forêts, lié aux sécheresses et aux attaques de scolytes, n’y est jamais asséné ; il s’impose par touches, à travers les gestes et les silences. Les conflits entre ceux qui veulent replanter autrement et ceux qui refusent de renoncer au sapin sont racontés sans manichéisme.",
            ),
            (
                "quote",
                {
                    "text": "« Je ne voulais pas écrire sur la forêt, mais avec elle : lui laisser le temps qu’elle prend, et qu’on ne lui accorde plus. »",
                    "attribution": "Maëlle Quintin, lors d’une rencontre en librairie à Épinal",
                },
            ),
            (
                "paragraph",
                "La construction, en trois parties correspondant aux trois générations, ménage de beaux effets d’échos. Un même chemin, une même clairière reviennent à vingt ans d’intervalle, et le lecteur mesure avec les personnages ce qui a disparu. Certains passages de la dernière partie, plus démonstratifs, auraient gagné à être resserrés, mais l’ensemble tient remarquablement.",
            ),
            (
                "paragraph",
                "On pense parfois aux grands romans paysans, mais le livre trouve sa propre voix, plus intérieure, attentive aux transmissions manquées entre parents et enfants. La relation entre Jeanne et sa nièce, faite de maladresses et de tendresse retenue, en constitue le cœur battant.",
            ),
            (
                "paragraph",
                "Le livre doit aussi beaucoup à ses personnages secondaires, esquissés en quelques lignes mais d’une grande densité : un garde forestier à la retraite qui tient le compte des arbres tombés après chaque tempête, une scieuse venue du Jura, un maire partagé entre l’amour du paysage et la nécessité de vendre du bois pour boucler son budget. À travers eux se dessine le portrait d’une économie rurale fragile, où chaque coupe engage l’avenir d’un village, et où le temps long des arbres se mesure à l’aune de vies humaines bien plus courtes.",
            ),
            (
                "paragraph",
                "Déjà remarqué par plusieurs libraires, <i>Les Racines du silence</i> figure dans la première sélection de deux prix d’automne. C’est mérité : voici un premier roman qui prend le temps de regarder, et qui donne envie d’en faire autant. Il confirme aussi la vitalité d’une maison d’édition régionale qui publie, depuis dix ans, des textes ancrés dans les territoires sans jamais céder au pittoresque.",
            ),
            (
                "related",
                {
                    "article": "theatre-la-maison-des-courants-d-air",
                    "label": "Notre critique de « La Maison des courants d’air »",
                },
            ),
            (
                "paragraph",
                "<b>« Les Racines du silence »</b>, de Maëlle Quintin. Éditions du Sentier, 384 pages, 22 euros.",
            ),
        ],
    },
    {
        "slug": "musique-lumiere-basse-stade-tournee-adieu",
        "section": "culture",
        "kicker": "Musique",
        "title": "Le groupe Lumière Basse fait ses adieux devant un stade comble",
        "standfirst": "Après vingt-cinq ans de carrière, le groupe de rock lyonnais a donné samedi le dernier concert de sa tournée d’adieu devant 38 000 spectateurs.",
        "authors": ["julien-ferrand"],
        "agency": "agence-meridien",
        "premium": False,
        "tags": ["Musique", "Concerts"],
        "published_hours_ago": 100,
        "updated_hours_ago": 96,
        "image": {
            "motif": "stadium",
            "seed": 3,
            "caption": "Le stade était comble samedi soir pour le dernier concert de Lumière Basse.",
            "credit": "PAUL DEVERS / AMN",
            "alt": "Un stade plein, vu depuis la foule massée sur la pelouse, face à une scène encadrée d’écrans géants et balayée par des faisceaux lumineux.",
        },
        "body": [
            (
                "paragraph",
                "Il a fallu près de trois heures et quatre rappels pour que le public accepte de laisser partir Lumière Basse. Samedi soir, le groupe lyonnais a donné le dernier concert de sa tournée d’adieu dans un stade plein à craquer, devant quelque 38 000 spectateurs venus de toute la France.",
            ),
            (
                "paragraph",
                "Formé au milieu des années 1990 par quatre amis de lycée, le groupe a vendu plus de deux millions d’albums et signé plusieurs titres devenus des classiques des radios. Sa chanteuse, Nora Vidal, avait annoncé l’an dernier la séparation « en pleine forme, avant que l’envie ne s’use ».",
            ),
            (
                "quote",
                {
                    "text": "« On a grandi avec vous, et vous avez grandi avec nous. Ce soir, on vous rend tout ce que vous nous avez donné. »",
                    "attribution": "Nora Vidal, chanteuse du groupe, sur scène",
                },
            ),
            (
                "paragraph",
                "Le concert a alterné grands succès et morceaux plus rares, avec plusieurs invités surprise, dont d’anciens membres du groupe. Une partie de la recette sera reversée à une association qui finance des studios de répétition pour les jeunes musiciens de la région.",
            ),
            (
                "paragraph",
                "Un album live et un film documentaire retraçant la tournée doivent sortir au printemps.",
            ),
        ],
    },
    {
        "slug": "cinema-court-metrage-glacier-prime",
        "section": "culture",
        "kicker": "Cinéma",
        "title": "« Le Dernier Névé », court-métrage tourné dans les Alpes, primé à Clermont-Ferrand",
        "standfirst": "Le film de la réalisatrice savoyarde Anaïs Perret suit un gardien de refuge pendant le dernier été d’un petit glacier. Il a reçu le prix du public du festival.",
        "authors": ["julien-ferrand"],
        "agency": "presse-continentale",
        "premium": False,
        "tags": ["Cinéma", "Montagne", "Climat"],
        "published_hours_ago": 700,
        "updated_hours_ago": None,
        "image": {
            "motif": "mountains",
            "seed": 1,
            "caption": "Les sommets du massif de la Vanoise, où a été tourné « Le Dernier Névé ».",
            "credit": "CLARA WEBER / PCA",
            "alt": "Des montagnes aux sommets enneigés sous un ciel bleu, avec des sapins au premier plan.",
        },
        "body": [
            (
                "paragraph",
                "Le prix du public du festival international du court-métrage de Clermont-Ferrand a été décerné samedi à <i>Le Dernier Névé</i>, d’Anaïs Perret. En vingt-deux minutes, la réalisatrice savoyarde suit un gardien de refuge de haute montagne pendant l’été où disparaît le petit glacier qu’il contemple depuis trente ans.",
            ),
            (
                "paragraph",
                "Tourné en pellicule avec une équipe de cinq personnes, le film ne comporte presque aucun dialogue. Le gardien, interprété par un ancien guide de montagne dont c’est le premier rôle, mesure chaque semaine la glace avec un vieux piquet de bois, puis note les chiffres dans un carnet.",
            ),
            (
                "quote",
                {
                    "text": "« Je ne voulais pas filmer une catastrophe, mais un adieu. Quelque chose de très calme, presque domestique. »",
                    "attribution": "Anaïs Perret, réalisatrice",
                },
            ),
            (
                "paragraph",
                "Le jury a par ailleurs récompensé un film d’animation belge et un documentaire sénégalais consacré aux pêcheuses de Joal. Plus de 150 000 entrées ont été enregistrées sur l’ensemble du festival.",
            ),
            (
                "paragraph",
                "<i>Le Dernier Névé</i> sera diffusé à la télévision au printemps, puis projeté dans plusieurs festivals de films de montagne.",
            ),
        ],
    },
]
