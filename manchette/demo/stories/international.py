"""The demo's International articles (fictional, written for the demo site only)."""

from typing import Any

ARTICLES: list[dict[str, Any]] = [
    {
        "slug": "chili-bataille-eau-vallee-huasco",
        "section": "international",
        "kicker": "Chili",
        "title": "Au Chili, la bataille de l’eau divise la vallée du Huasco",
        "standfirst": "Entre mines de cuivre, vignes et villages rationnés, quinze années de sécheresse obligent chacun à revoir ses usages. Reportage dans une vallée du nord du pays où chaque litre se négocie.",
        "authors": ["lea-lambert"],
        "agency": None,
        "premium": True,
        "tags": ["Amérique latine", "Climat", "Eau"],
        "published_hours_ago": 3,
        "updated_hours_ago": 1,
        "image": {
            "motif": "mountains",
            "seed": 3,
            "caption": "Les sommets de la cordillère des Andes au-dessus de la vallée du Huasco. La neige qui alimentait la rivière se fait de plus en plus rare.",
            "credit": "INÉS CARRASCO / AMN",
            "alt": "Des sommets enneigés dominent des collines plantées de conifères, sous un ciel orangé de fin de journée.",
        },
        "body": [
            (
                "paragraph",
                "Il est à peine six heures lorsque Rosa Alvarado soulève la planche qui ferme le canal d’irrigation de sa parcelle, à quelques kilomètres d’Alto del Carmen. L’eau arrive en filet, un peu trouble, et ne coulera que quarante minutes : c’est le tour d’arrosage attribué à sa famille cette semaine par l’association des irrigants. « Il y a vingt ans, on arrosait quand on voulait », dit-elle en regardant ses rangs de vigne, dont un tiers a été arraché l’hiver dernier.",
            ),
            (
                "paragraph",
                "Dans la vallée du Huasco, au sud du désert d’Atacama, la sécheresse n’est plus une saison mais un état permanent. Les pluies y sont inférieures de près de moitié à celles des années 1990, et le débit de la rivière, nourri par la fonte des neiges andines, a touché l’été dernier son plus bas niveau depuis le début des relevés. Agriculteurs, compagnies minières, villes et communautés indigènes se disputent désormais une ressource que plus personne ne considère comme acquise.",
            ),
            ("subheading", "Quinze ans de sécheresse"),
            (
                "paragraph",
                "Les hydrologues chiliens parlent de « mégasécheresse » pour décrire la succession d’années sèches qui frappe le centre et le nord du pays. Dans le Huasco, les effets s’additionnent : moins de neige sur les sommets, des glaciers qui reculent, des nappes souterraines sollicitées bien au-delà de leur capacité de recharge. Plusieurs puits communaux ont dû être approfondis deux fois en cinq ans, à grands frais pour des comités qui ne vivent que des cotisations de leurs membres.",
            ),
            (
                "paragraph",
                "« La vallée vit à crédit sur son eau souterraine », résume Carolina Ibáñez, hydrogéologue qui conseille depuis dix ans les comités d’eau potable rurale de la région. D’après ses calculs, les prélèvements autorisés dépassent d’environ un tiers ce que l’aquifère peut fournir sans baisser durablement. « Sur le papier, chacun a ses droits. Dans le sol, il n’y a tout simplement pas assez d’eau pour les honorer tous. »",
            ),
            (
                "paragraph",
                "Le paradoxe est ancien. Au Chili, les droits d’usage de l’eau peuvent être achetés, vendus ou loués indépendamment de la terre, un système hérité des années 1980. Une réforme récente a réaffirmé la priorité de la consommation humaine et limité la durée des nouvelles concessions, mais son application reste lente dans les territoires, faute d’inspecteurs et de données fiables sur les volumes réellement pompés.",
            ),
            ("subheading", "Les mines sous pression"),
            (
                "paragraph",
                "En amont, la compagnie Minera Cordillera Norte exploite depuis une quinzaine d’années une mine de cuivre à ciel ouvert. Longtemps accusée par les habitants d’assécher les sources, elle affirme avoir réduit de moitié ses pompages dans la nappe depuis la mise en service, il y a trois ans, d’une conduite qui achemine de l’eau de mer dessalée depuis la côte, à plus de cent kilomètres de là.",
            ),
            (
                "quote",
                {
                    "text": "« Nous pompons aujourd’hui moitié moins d’eau douce qu’il y a cinq ans, et notre objectif est de ne plus en prélever du tout d’ici à la fin de la décennie. »",
                    "attribution": "Matías Fuentes, directeur de l’environnement de Minera Cordillera Norte",
                },
            ),
            (
                "paragraph",
                "Les irrigants saluent l’effort mais restent méfiants. Leurs associations réclament des compteurs publics sur tous les forages, y compris ceux de la mine, et la publication en ligne des volumes prélevés. La direction régionale des eaux indique que le déploiement de ces capteurs, lancé l’an dernier, couvre aujourd’hui environ 60 % des points de captage déclarés. Les autres devraient être équipés d’ici dix-huit mois, assure-t-elle.",
            ),
            (
                "image",
                {
                    "motif": "field",
                    "seed": 1,
                    "caption": "Des cultures irriguées au goutte-à-goutte près de Vallenar. Faute d’eau, une partie des parcelles de la vallée a été abandonnée.",
                    "credit": "INÉS CARRASCO / AMN",
                    "alt": "Des rangs de cultures verts s’étendent jusqu’à l’horizon, avec un arbre isolé sous un ciel clair.",
                },
            ),
            (
                "paragraph",
                "Dans les villages, la sécheresse se mesure d’abord au robinet. En amont d’Alto del Carmen, quelque trois cents foyers dépendent d’un réseau communautaire alimenté par un seul puits. L’été dernier, l’eau a été coupée chaque après-midi pendant six semaines, et des camions-citernes ont pris le relais pour les familles les plus isolées. « On a appris à se doucher en trois minutes et à garder l’eau de la vaisselle pour les arbres », raconte Eliana Rojas, qui préside le comité local.",
            ),
            ("subheading", "Une loi attendue à Santiago"),
            (
                "paragraph",
                "À Santiago, le Sénat doit examiner dans les prochaines semaines un projet de loi sur la gestion des bassins versants. Le texte créerait dans chaque vallée un conseil réunissant l’État, les usagers et les communautés locales, chargé de fixer chaque année un plafond de prélèvements. Il prévoit aussi de conditionner toute nouvelle autorisation à une étude de disponibilité actualisée tous les cinq ans.",
            ),
            (
                "paragraph",
                "Les organisations agricoles y voient une avancée, à condition que les petits producteurs disposent d’un véritable poids dans ces conseils. Les industriels demandent des garanties sur la durée de leurs autorisations, indispensables selon eux pour financer de nouvelles usines de dessalement. Plusieurs élus du Nord plaident enfin pour un fonds public destiné à moderniser les canaux, dont certains perdent encore par infiltration près d’un tiers de l’eau qu’ils transportent.",
            ),
            (
                "quote",
                {
                    "text": "« On ne demande pas la lune. On veut seulement savoir combien d’eau il restera l’an prochain, pour pouvoir décider de ce qu’on plante. »",
                    "attribution": "Rosa Alvarado, viticultrice à Alto del Carmen",
                },
            ),
            (
                "paragraph",
                "En attendant, la vallée s’adapte à tâtons. Des coopératives testent des cépages plus résistants à la chaleur, d’autres remplacent les avocatiers, très gourmands en eau, par des amandiers ou des figuiers. Quelques familles ont tout simplement vendu leurs droits et leurs terres pour s’installer à Vallenar ou sur la côte, à La Serena.",
            ),
            (
                "related",
                {
                    "article": "senegal-saint-louis-mer-quartier-pecheurs",
                    "label": "Au Sénégal, la mer grignote le quartier des pêcheurs de Saint-Louis",
                },
            ),
            (
                "paragraph",
                "Rosa Alvarado, elle, n’envisage pas de partir. Ses grands-parents ont planté les premières vignes de la parcelle, et sa fille étudie l’agronomie à Copiapó. Chaque soir, elle note dans un cahier d’écolier les heures d’arrosage, la température et le niveau du canal. « Si l’on veut que l’État nous écoute, il faut des chiffres », explique-t-elle. Dans la vallée du Huasco, compter l’eau est devenu une manière de la défendre.",
            ),
        ],
    },
    {
        "slug": "norvege-tromso-ferries-electriques",
        "section": "international",
        "kicker": "Norvège",
        "title": "En Norvège, Tromsø parie sur les ferries électriques pour desservir ses îles",
        "standfirst": "La ville du Grand Nord a mis en service deux navires à batteries sur ses liaisons les plus fréquentées. Un test grandeur nature dans des eaux réputées difficiles.",
        "authors": ["camille-ossart"],
        "agency": "agence-meridien",
        "premium": False,
        "tags": ["Europe", "Transports", "Énergie"],
        "published_hours_ago": 10,
        "updated_hours_ago": None,
        "image": {
            "motif": "sea",
            "seed": 3,
            "caption": "Au large de Tromsø pendant la nuit polaire. Les liaisons maritimes restent indispensables pour les habitants des îles.",
            "credit": "HELGE VIK / AMN",
            "alt": "Une mer calme la nuit, sous un ciel étoilé où la pleine lune se reflète sur les vagues.",
        },
        "body": [
            (
                "paragraph",
                "Deux navires entièrement électriques assurent depuis lundi les liaisons entre le centre de Tromsø et plusieurs îles habitées situées au nord de la ville. Longs de 45 mètres, ils peuvent embarquer 180 passagers et une trentaine de véhicules. Leurs batteries se rechargent en une dizaine de minutes à chaque escale, grâce à des bornes installées sur les quais.",
            ),
            (
                "paragraph",
                "La municipalité et la compagnie régionale de transport, qui ont financé l’opération à parts égales, estiment que les deux bateaux éviteront l’émission d’environ 2 500 tonnes de CO2 par an, soit la consommation de gazole des anciens ferries sur ces lignes. Le coût d’exploitation serait, selon elles, inférieur d’un quart.",
            ),
            ("subheading", "Des conditions extrêmes"),
            (
                "paragraph",
                "Le pari n’était pas gagné d’avance. Au-delà du cercle polaire, les températures descendent régulièrement sous les -15 °C en hiver, ce qui réduit les performances des batteries. Les navires ont donc été équipés d’un système qui récupère la chaleur des moteurs pour maintenir les accumulateurs à bonne température, même pendant les longues semaines de nuit polaire.",
            ),
            (
                "quote",
                {
                    "text": "« Si cela fonctionne ici, dans le noir et par mer formée, cela peut fonctionner à peu près partout en Europe. »",
                    "attribution": "Ingrid Solberg, directrice de l’exploitation de la compagnie régionale",
                },
            ),
            (
                "paragraph",
                "Les usagers, eux, saluent surtout le silence à bord. « On entend de nouveau la mer », sourit un habitué qui fait chaque jour la traversée pour rejoindre son poste à l’hôpital. Les premiers jours ont toutefois été marqués par quelques retards, le temps que les équipages apprennent à gérer les recharges.",
            ),
            (
                "paragraph",
                "La Norvège compte déjà plusieurs dizaines de ferries électriques ou hybrides sur ses fjords, et la plupart des nouveaux appels d’offres publics exigent des navires à faibles émissions. Les constructeurs du pays espèrent que l’exemple de Tromsø convaincra d’autres régions côtières, en Écosse ou au Canada, de franchir le pas.",
            ),
        ],
    },
    {
        "slug": "senegal-saint-louis-mer-quartier-pecheurs",
        "section": "international",
        "kicker": "Sénégal",
        "title": "Au Sénégal, la mer grignote le quartier des pêcheurs de Saint-Louis",
        "standfirst": "Sur la Langue de Barbarie, l’érosion côtière a déjà emporté des centaines de maisons. Les familles relogées à l’intérieur des terres peinent à reconstruire leur vie loin de l’océan.",
        "authors": ["camille-ossart", "lea-lambert"],
        "agency": None,
        "premium": True,
        "tags": ["Afrique", "Climat", "Littoral"],
        "published_hours_ago": 30,
        "updated_hours_ago": 27,
        "image": {
            "motif": "sea",
            "seed": 2,
            "caption": "Le littoral de la Langue de Barbarie, à Saint-Louis. Les fortes houles rongent la bande de sable année après année.",
            "credit": "OUSMANE FALL / PCA",
            "alt": "Une plage de sable au premier plan, un voilier sur la mer et un phare sur une pointe rocheuse, sous un ciel voilé.",
        },
        "body": [
            (
                "paragraph",
                "Il ne reste de la maison d’Aminata Diop qu’un pan de mur bleu, planté dans le sable à quelques mètres des vagues. Sa famille y a vécu trois générations, jusqu’à ce qu’une forte houle emporte la cour, puis la cuisine, une nuit d’août il y a quatre ans. « La mer est venue nous chercher en quelques heures », raconte cette mère de cinq enfants, installée depuis sur un site de relogement à une dizaine de kilomètres de la côte. Ses voisins de toujours ont été dispersés entre plusieurs quartiers, au gré des places disponibles.",
            ),
            (
                "paragraph",
                "Saint-Louis, ancienne capitale du pays, est construite en partie sur la Langue de Barbarie, une étroite bande de sable coincée entre le fleuve Sénégal et l’Atlantique. Ses quartiers de pêcheurs comptent parmi les plus densément peuplés du pays, et parmi les plus exposés à la montée du niveau de la mer comme à l’intensification des tempêtes.",
            ),
            ("subheading", "Des familles déplacées"),
            (
                "paragraph",
                "D’après un recensement de la municipalité, plus de 2 000 personnes ont déjà dû quitter le front de mer, et plusieurs milliers d’autres vivent dans la zone jugée la plus menacée. Les autorités ont aménagé des sites d’accueil à l’intérieur des terres, avec des maisons en parpaing raccordées à l’eau et à l’électricité, une école et un poste de santé. Les premières familles y ont été installées dans l’urgence, après une série de tempêtes particulièrement violentes.",
            ),
            (
                "paragraph",
                "Mais pour les hommes qui partent en mer avant l’aube, chaque journée commence désormais par un long trajet en charrette ou en taxi collectif jusqu’à la plage. Beaucoup ont fini par louer une chambre dans leur ancien quartier, ne rejoignant leur famille que le week-end. Les femmes qui transforment et vendent le poisson, elles, ont perdu l’accès direct aux débarquements, cœur de leur activité.",
            ),
            (
                "quote",
                {
                    "text": "« On nous a donné un toit, et on en est reconnaissants. Mais un pêcheur sans la mer, ce n’est plus vraiment un pêcheur. »",
                    "attribution": "Moussa Ndiaye, pêcheur et représentant des familles relogées",
                },
            ),
            ("subheading", "Une digue et des questions"),
            (
                "paragraph",
                "Pour ralentir l’érosion, l’État a fait construire un cordon d’enrochement sur plusieurs kilomètres. L’ouvrage a limité les dégâts lors des dernières tempêtes, reconnaissent les habitants, mais les ingénieurs préviennent qu’il ne constitue pas une protection définitive. « Une digue achète du temps. Elle ne dit pas ce que la ville doit devenir dans trente ans », observe Fatou Sarr, enseignante-chercheuse en urbanisme.",
            ),
            (
                "paragraph",
                "La municipalité prépare un plan d’aménagement qui prévoit de déplacer progressivement certaines activités, notamment le séchage et le fumage du poisson, vers des zones moins exposées. Les associations de transformatrices demandent à être associées à chaque étape. « Ce sont nos revenus qui sont en jeu, pas seulement nos maisons », insiste l’une de leurs porte-parole, qui réclame des emplacements proches du quai de débarquement.",
            ),
            (
                "paragraph",
                "Les bailleurs internationaux ont promis de nouveaux financements pour l’adaptation des villes côtières d’Afrique de l’Ouest, de Nouakchott à Cotonou. Sur le terrain, les habitants constatent surtout le décalage entre le rythme des programmes, souvent pluriannuels, et celui de l’océan, qui peut avancer de plusieurs mètres en une seule saison de fortes houles.",
            ),
            (
                "related",
                {"article": "chili-bataille-eau-vallee-huasco", "label": ""},
            ),
            (
                "paragraph",
                "Aminata Diop revient chaque vendredi devant son ancien mur bleu. Elle y retrouve des voisines, vend des beignets aux pêcheurs qui rentrent, puis reprend le taxi avant la nuit. « Tant que le mur tient debout, on a encore une adresse ici », dit-elle en rajustant son foulard face au vent.",
            ),
        ],
    },
    {
        "slug": "parlement-europeen-indice-durabilite-vetements",
        "section": "international",
        "kicker": "Union européenne",
        "title": "À Strasbourg, les eurodéputés votent un indice de durabilité pour les vêtements",
        "standfirst": "Le règlement imposera d’afficher une note de A à E sur chaque vêtement vendu dans l’Union. Les marques disposeront de trois ans pour s’adapter.",
        "authors": ["lea-lambert"],
        "agency": "presse-continentale",
        "premium": False,
        "tags": ["Europe", "Parlement", "Consommation"],
        "published_hours_ago": 120,
        "updated_hours_ago": None,
        "image": {
            "motif": "parliament",
            "seed": 5,
            "caption": "L’hémicycle du Parlement européen lors du vote en séance plénière, mardi, à Strasbourg.",
            "credit": "CLARA WEBER / PCA",
            "alt": "Un hémicycle aux sièges rouges disposés en arcs de cercle, occupés par des élus, face à une tribune en bois.",
        },
        "body": [
            (
                "paragraph",
                "Le Parlement européen a adopté mardi, par 412 voix contre 186 et 38 abstentions, un règlement imposant l’affichage d’un indice de durabilité sur les vêtements vendus dans l’Union. Le texte, négocié pendant près de deux ans, doit encore être formellement approuvé par les États membres avant une entrée en vigueur progressive.",
            ),
            (
                "paragraph",
                "L’indice, noté de A à E, combinera plusieurs critères : résistance des tissus au lavage, possibilité de réparation, part de fibres recyclées et traçabilité de la fabrication. Les grandes enseignes devront l’afficher en magasin comme en ligne d’ici trois ans ; les petites entreprises disposeront de deux années supplémentaires.",
            ),
            ("subheading", "Des débats sur la méthode"),
            (
                "paragraph",
                "Les rapporteurs ont salué un outil « simple pour le consommateur et exigeant pour les marques ». Plusieurs groupes ont toutefois regretté que la méthode de calcul soit renvoyée à des textes d’application de la Commission, ce qui laisserait, selon eux, une large marge d’interprétation.",
            ),
            (
                "quote",
                {
                    "text": "« Un pull qui dure dix ans ne doit plus être vendu comme un pull qui tient dix lavages. »",
                    "attribution": "Marta Ribeiro, eurodéputée et corapporteure du texte",
                },
            ),
            (
                "paragraph",
                "Les fédérations du textile se disent prêtes à appliquer le dispositif, mais demandent un référentiel unique pour éviter la multiplication des labels nationaux. Les associations de consommateurs réclament, elles, des contrôles réguliers en laboratoire et des sanctions dissuasives en cas d’affichage trompeur.",
            ),
        ],
    },
]
