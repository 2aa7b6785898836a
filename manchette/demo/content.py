"""Demo content for Manchette: sections, journalists, agencies and articles.

Everything here is fictional (people, companies, quotes, figures) and written for the
demo site only. Plain Python data, no Django imports: the loader turns it into pages.
"""

from typing import Any

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

ARTICLES: list[dict[str, Any]] = [
    # ------------------------------------------------------------------ home page lead
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
    # ------------------------------------------------------------------ international
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
    # ------------------------------------------------------------------ politique
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
    # ------------------------------------------------------------------ économie
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
    # ------------------------------------------------------------------ culture
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
