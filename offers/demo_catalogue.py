"""What the synthetic demo territory is made of (see ``offers.demo``): trades, employer profiles
and sectors with their places. Demo data is synthetic; only its shape follows the territory.

Pay is gross per month for full time, in euros of 2025 (SMIC: 11.88 €/h, 1,801.80 €/month).
Places are INSEE codes: 94065 Rungis, 94021 Chevilly-Larue, 94054 Orly, 91479 Paray-Vieille-Poste,
91027 Athis-Mons, 94077 Villeneuve-le-Roi, 94073 Thiais, 94076 Villejuif, 94043 Le Kremlin-Bicêtre,
94081 Vitry-sur-Seine, 94041 Ivry-sur-Seine, 94022 Choisy-le-Roi, 94016 Cachan, 94003 Arcueil,
94038 L'Haÿ-les-Roses, 94078 Villeneuve-Saint-Georges, 94074 Valenton, 91589 Savigny-sur-Orge,
91326 Juvisy-sur-Orge, 91687 Viry-Châtillon.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Trade:
    title: str  # as employers write it, before "H/F"
    appellation: str  # ROME code OGR
    pay: tuple[int, int]  # gross monthly pay for full time, low and high
    levels: tuple[int | None, ...] = (None, None, 3)  # qualification level asked (None: none)
    permits: tuple[tuple[str, float], ...] = ()  # (permit, probability an offer requires it)
    variants: tuple[str, ...] = ()  # complements of the title
    skilled: bool = False  # experience wished or required more often
    strict: bool = False  # the level is a regulated diploma
    yearly: bool = False  # pay given per year
    languages: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class Profile:
    names: tuple[str, ...]  # patterns with {surname} and {place}
    naf: tuple[str, ...]
    trades: tuple[tuple[Trade, float], ...]
    site: str = "son site {of}"  # where it recruits: {of} "de Rungis", {at} "à Rungis"
    kind: str = "company"
    sizes: tuple[str, ...] = ("10-49", "50-249")
    contracts: dict[str, float] | None = None  # else the sector's
    clause: float = 0.0  # share of offers under an insertion clause
    weight: float = 1.0
    for_client: bool = False  # a temporary work agency recruits for a client's site
    gpe: bool = False  # works of the Grand Paris Express
    at_home: bool = False  # the job is at the homes of the people helped, across the territory


@dataclass(frozen=True)
class Sector:
    key: str
    share: float  # of the offers
    hubs: dict[str, float] | None  # where its employers are; None: anywhere, by population
    contracts: dict[str, float]
    part_time: float  # share of part-time offers
    profiles: tuple[Profile, ...]
    part_hours: tuple[float, ...] = (20, 24, 28, 30)
    long_hours: float = 0.0  # share of 39-hour weeks


def T(title, appellation, pay, **kw) -> Trade:
    return Trade(title, appellation, pay, **kw)


SKILLED = (3, 4)
NONE = (None,)
# Logistics, food, airport
PREPARATEUR = T(
    "Préparateur de commandes",
    "17993",
    (1802, 2000),
    permits=(("CACES_R489_1A", 0.5),),
    variants=("en froid positif", "en chambre froide", "vocal", "en entrepôt", "de nuit"),
)
PREPARATEUR_LOG = T("Préparateur logistique en entrepôt", "18032", (1802, 2000))
CARISTE = T(
    "Cariste",
    "11679",
    (1850, 2150),
    permits=(("CACES_R489_3", 0.9), ("CACES_R489_5", 0.3)),
    variants=("CACES 3", "CACES 3 et 5", "en froid", "de nuit"),
)
AGENT_QUAI = T("Cariste agent de quai", "11681", (1820, 2050), permits=(("CACES_R489_1A", 0.7),))
MANUTENTIONNAIRE = T(
    "Manutentionnaire", "16361", (1802, 1950), levels=NONE, variants=("polyvalent", "de nuit")
)
MAGASINIER = T("Magasinier", "16276", (1850, 2100), permits=(("CACES_R489_3", 0.4),))
LIVREUR = T(
    "Chauffeur-livreur",
    "11999",
    (1850, 2100),
    permits=(("B", 1.0),),
    variants=("VL", "permis B", "messagerie"),
)
POIDS_LOURD = T(
    "Conducteur poids lourd",
    "13132",
    (2100, 2600),
    levels=(None, 3),
    permits=(("C", 0.7), ("CE", 0.4), ("FIMO_M", 0.9)),
    variants=("SPL", "porteur frigorifique", "régional"),
    skilled=True,
)
RESPONSABLE_ENTREPOT = T(
    "Responsable d'entrepôt", "18907", (2900, 3700), levels=(5, 6), skilled=True, yearly=True
)
AFFRETEUR = T("Affréteur", "10331", (2200, 2700), levels=(4, 5), skilled=True)
VENDEUR_GROSSISTE = T(
    "Vendeur grossiste en produits frais",
    "20641",
    (1900, 2400),
    variants=("fruits et légumes", "marée", "produits laitiers"),
)
COMMIS_VENDEUR = T("Commis vendeur en produits frais", "12767", (1802, 2000))
BOUCHER = T("Boucher", "11564", (2000, 2500), levels=(3,), skilled=True)
DESOSSEUR = T("Boucher désosseur", "11566", (2100, 2600), levels=(3,), skilled=True)
MAREE = T("Employé de marée", "14773", (1850, 2100))
MANUT_CARNE = T("Manutentionnaire en produits carnés", "16364", (1802, 2000))
CONDITIONNEMENT = T("Agent de conditionnement", "404477", (1802, 1900), variants=("de nuit",))
LIGNE_ALIM = T(
    "Conducteur de ligne en industrie alimentaire", "404450", (2000, 2400), levels=SKILLED
)
OPERATEUR_ALIM = T("Opérateur de production en industrie alimentaire", "17155", (1802, 2000))
AGENT_PISTE = T(
    "Agent de piste",
    "404495",
    (1900, 2200),
    permits=(("B", 0.8),),
    variants=("aéroport d'Orly",),
)
BAGAGISTE = T("Bagagiste aéroportuaire", "11482", (1850, 2100), permits=(("B", 0.5),))
ESCALE = T(
    "Agent d'escale aéroportuaire", "10699", (1900, 2300), levels=(4,), languages=(("en", 0.9),)
)
TRAFIC = T(
    "Agent de trafic aérien",
    "10627",
    (2200, 2600),
    levels=(4, 5),
    skilled=True,
    languages=(("en", 0.9),),
)
FRET = T("Agent de chargement fret aérien", "10398", (1850, 2150), permits=(("CACES_R489_3", 0.5),))
BUS_PISTE = T("Conducteur de bus sur piste aéroport", "12897", (2100, 2400), permits=(("D", 1.0),))
TRANSIT = T("Agent de transit aérien", "10633", (2100, 2500), levels=(4, 5), skilled=True)
# Health and care
AIDE_SOIGNANT = T(
    "Aide-soignant",
    "10891",
    (2000, 2350),
    levels=(4,),
    permits=(("DEAS", 1.0),),
    variants=("de nuit", "en gériatrie", "en EHPAD", "de jour"),
    strict=True,
)
INFIRMIER = T(
    "Infirmier diplômé d'État",
    "15545",
    (2400, 3000),
    levels=(6,),
    permits=(("DEI", 1.0),),
    variants=("de nuit", "en gériatrie", "en médecine"),
    strict=True,
    skilled=True,
)
ASH = T("Agent de service hospitalier", "10698", (1802, 1950), levels=NONE, variants=("ASH",))
BRANCARDIER = T("Brancardier", "11587", (1850, 2050))
LABORANTIN = T("Technicien de laboratoire d'analyses médicales", "19807", (2100, 2500), levels=(5,))
PREPARATEUR_PRELEVEUR = T("Infirmier préleveur", "38163", (2400, 2900), levels=(6,))
PUERICULTURE = T(
    "Auxiliaire de puériculture",
    "11448",
    (1950, 2250),
    levels=(4,),
    permits=(("DEAP", 1.0),),
    strict=True,
)
AMBULANCIER = T(
    "Ambulancier", "10927", (1900, 2300), levels=(3,), permits=(("B", 1.0),), strict=True
)
VSL = T("Conducteur de véhicule sanitaire léger", "13230", (1850, 2050), permits=(("B", 1.0),))
RESTAURATION_HOSP = T("Agent de restauration et d'hôtellerie", "512300", (1802, 1950))
CUISINIER_COLL = T(
    "Cuisinier de collectivité", "13863", (1900, 2250), levels=(3,), permits=(("HACCP", 0.6),)
)
AIDE_DOMICILE = T(
    "Aide à domicile",
    "10805",
    (1802, 1900),
    permits=(("B", 0.5),),
    variants=("secteur Vitry", "secteur Orly-Choisy", "auprès de personnes âgées"),
)
ASSISTANT_VIE = T(
    "Assistant de vie auprès de personnes âgées", "11256", (1820, 1980), permits=(("B", 0.4),)
)
EMPLOYE_FAMILIAL = T("Employé familial", "511181", (1802, 1880), levels=NONE)
TISF = T("Technicien de l'intervention sociale et familiale", "20174", (2000, 2300), levels=(4,))
GARDE_ENFANT = T("Garde d'enfant à domicile", "15196", (1802, 1900), variants=("périscolaire",))
PETITE_ENFANCE = T("Accompagnant éducatif petite enfance", "404268", (1802, 1950), levels=(3,))
ENTRETIEN_CRECHE = T("Agent d'entretien en crèche", "39046", (1802, 1880))
# Industry
OPERATEUR_MONTAGE = T(
    "Opérateur de production en montage-assemblage", "17154", (1850, 2100), variants=("2x8",)
)
MONTEUR = T("Monteur assembleur", "11175", (1900, 2200), levels=(None, 3))
SOUDEUR = T(
    "Soudeur", "404475", (2100, 2600), levels=(3,), variants=("TIG", "MIG-MAG"), skilled=True
)
TOURNEUR = T(
    "Tourneur-fraiseur", "20383", (2200, 2700), levels=SKILLED, variants=("sur CN",), skilled=True
)
TECH_MAINTENANCE = T(
    "Technicien de maintenance industrielle",
    "19870",
    (2300, 2900),
    levels=(4, 5),
    permits=(("HABILITATION_ELEC", 0.8),),
    skilled=True,
)
MECA_MAINTENANCE = T(
    "Mécanicien de maintenance industrielle",
    "16477",
    (2100, 2500),
    levels=SKILLED,
    permits=(("HABILITATION_ELEC", 0.4),),
)
FABRICATION = T("Agent de fabrication polyvalent", "10453", (1802, 2000), variants=("en 3x8",))
# Construction
COFFREUR = T(
    "Coffreur bancheur", "12680", (2100, 2500), levels=(None, 3), variants=("génie civil",)
)
FERRAILLEUR = T("Ferrailleur", "15071", (2000, 2300))
MANOEUVRE = T(
    "Manœuvre de chantier", "16352", (1802, 1950), levels=NONE, variants=("gros œuvre", "TP")
)
MANOEUVRE_TP = T("Manœuvre travaux publics", "16357", (1802, 1950), levels=NONE)
PELLE = T(
    "Conducteur de pelle hydraulique",
    "13121",
    (2300, 2800),
    permits=(("CACES_R482", 1.0), ("AIPR", 0.7)),
    skilled=True,
)
GRUTIER = T("Grutier", "15432", (2500, 3000), permits=(("CACES_R487", 1.0),), skilled=True)
ELECTRICIEN = T(
    "Électricien du bâtiment",
    "14635",
    (2100, 2600),
    levels=(3, 4),
    permits=(("HABILITATION_ELEC", 0.9),),
    variants=("courants forts", "tertiaire"),
)
PLOMBIER = T("Plombier", "17837", (2100, 2500), levels=(3,), skilled=True)
PEINTRE = T("Peintre en bâtiment", "17619", (1950, 2300), levels=(None, 3))
MACON = T("Maçon", "16250", (2050, 2450), levels=(3,), variants=("gros œuvre", "VRD"))
AIDE_MACON = T("Aide-maçon", "10879", (1802, 1950), levels=NONE)
VRD = T("Ouvrier VRD", "17541", (1950, 2300), permits=(("AIPR", 0.8),))
TERRASSIER = T("Terrassier", "20309", (1850, 2100))
CONDUCTEUR_TRAVAUX = T(
    "Conducteur de travaux", "13210", (3200, 4200), levels=(5, 6), skilled=True, yearly=True
)
# Retail, cleaning, security, catering, transport
LIBRE_SERVICE = T(
    "Employé de libre-service", "14779", (1802, 1900), variants=("rayon épicerie", "drive")
)
CAISSE = T("Hôte de caisse", "15487", (1802, 1880), variants=("week-end",))
RAYON_FRAIS = T("Employé de rayon produits frais", "38116", (1802, 1950))
CHEF_RAYON = T("Chef de rayon produits frais", "12300", (2200, 2700), levels=(4, 5), skilled=True)
BOULANGERIE = T("Vendeur en boulangerie-pâtisserie", "20560", (1802, 1900))
PAP = T("Vendeur en prêt-à-porter", "20613", (1802, 1950), variants=("temps partiel",))
BRICOLAGE = T("Vendeur en bricolage", "20561", (1850, 2050))
PROPRETE = T(
    "Agent de propreté et d'hygiène",
    "10573",
    (1802, 1880),
    levels=NONE,
    variants=("bureaux", "centre commercial", "tôt le matin"),
)
PROPRETE_BUREAUX = T("Agent d'entretien-propreté de bureaux", "10687", (1802, 1880), levels=NONE)
NETTOYAGE_INDUS = T("Agent de nettoyage industriel", "10537", (1802, 1950))
LAVEUR_VITRES = T(
    "Laveur de vitres", "16166", (1850, 2050), permits=(("CACES_R486", 0.4),), skilled=True
)
MACHINISTE = T("Agent machiniste en propreté", "10749", (1820, 1950))
CHEF_EQUIPE_PROPRETE = T("Chef d'équipe propreté", "12489", (2000, 2300), levels=(3,))
BLANCHISSERIE = T("Agent de production en blanchisserie industrielle", "10563", (1802, 1880))
MANUT_BLANCHISSERIE = T("Manutentionnaire en blanchisserie", "16363", (1802, 1900))
RIPEUR = T("Ripeur", "19263", (1850, 2050), levels=NONE)
TRI = T("Agent de tri des déchets", "10638", (1802, 1900), levels=NONE)
BENNE = T("Conducteur poids lourd benne", "13132", (2100, 2500), permits=(("C", 1.0),))
SECURITE = T(
    "Agent de sécurité",
    "10599",
    (1820, 2000),
    permits=(("CARTE_PRO_SECURITE", 1.0), ("SST", 0.3)),
    variants=("de nuit", "magasin", "site logistique"),
)
SSIAP1 = T(
    "Agent de sécurité incendie SSIAP 1",
    "10602",
    (1850, 2050),
    permits=(("SSIAP1", 1.0), ("CARTE_PRO_SECURITE", 0.6)),
)
SURETE = T(
    "Agent de sûreté aéroportuaire",
    "10613",
    (1900, 2200),
    permits=(("CARTE_PRO_SECURITE", 1.0),),
    languages=(("en", 0.4),),
)
CHEF_POSTE = T(
    "Chef de poste sécurité", "12213", (2100, 2400), levels=(4,), permits=(("SSIAP2", 1.0),)
)
RONDIER = T("Rondier", "19280", (1820, 1980), permits=(("CARTE_PRO_SECURITE", 1.0),))
AGENT_CUISINE = T("Agent de cuisine", "10427", (1802, 1900), permits=(("HACCP", 0.4),))
PLONGEUR = T("Plongeur", "17846", (1802, 1880), levels=NONE)
SERVEUR = T("Serveur", "19430", (1802, 2000), variants=("brasserie",))
COMMIS = T("Commis de cuisine", "12756", (1802, 1950), permits=(("HACCP", 0.3),))
CUISINIER = T("Cuisinier", "13861", (1950, 2300), levels=(3,), skilled=True)
BARMAN = T("Barman", "11494", (1850, 2100))
EQUIPIER = T("Équipier polyvalent de restauration rapide", "14875", (1802, 1850), levels=NONE)
BUS = T(
    "Conducteur de bus",
    "12896",
    (2100, 2450),
    permits=(("D", 1.0), ("FIMO_V", 0.8)),
    variants=("réseau urbain", "lignes de nuit"),
)
TPMR = T(
    "Conducteur de transport de personnes à mobilité réduite",
    "13207",
    (1850, 2100),
    permits=(("B", 1.0),),
)
ACCUEIL_TRANSPORT = T("Agent d'accueil du transport", "488652", (1850, 2000))
ACCUEIL = T("Agent d'accueil", "10372", (1802, 1950))

INTERIM = {"MIS": 0.92, "DIN": 0.04, "CDD": 0.04}
INSERTION = {"DDI": 0.85, "CDD": 0.15}

SECTORS = (
    Sector(
        "logistique",
        0.20,
        {"94065": 4, "94021": 3, "94054": 3, "91479": 1, "91027": 1, "94077": 1, "94081": 1},
        {"MIS": 0.45, "CDI": 0.30, "CDD": 0.20, "SAI": 0.05},
        part_time=0.05,
        long_hours=0.2,
        profiles=(
            Profile(
                ("Entrepôts {place}", "{surname} Logistique", "Plateforme Logistique {place}"),
                ("52.10B", "52.10A", "52.24B"),
                (
                    (PREPARATEUR, 5),
                    (CARISTE, 3),
                    (AGENT_QUAI, 1),
                    (MANUTENTIONNAIRE, 2),
                    (PREPARATEUR_LOG, 1),
                    (MAGASINIER, 1),
                    (RESPONSABLE_ENTREPOT, 0.3),
                ),
                site="son entrepôt {of}",
                sizes=("50-249", "250+"),
                weight=3,
            ),
            Profile(
                ("Transports {surname}", "{surname} Express", "Messagerie {place}"),
                ("49.41A", "49.41B", "52.29A", "52.29B"),
                (
                    (LIVREUR, 4),
                    (POIDS_LOURD, 3),
                    (MANUTENTIONNAIRE, 1),
                    (AGENT_QUAI, 1),
                    (AFFRETEUR, 0.4),
                ),
                site="son agence {of}",
                weight=2,
            ),
            Profile(
                ("Intérim {place}", "{surname} Intérim", "Agence {surname} Travail Temporaire"),
                ("78.20Z",),
                ((PREPARATEUR, 4), (CARISTE, 3), (MANUTENTIONNAIRE, 3), (LIVREUR, 1)),
                site="son agence {of}",
                contracts=INTERIM,
                for_client=True,
            ),
        ),
    ),
    Sector(
        "alimentaire",
        0.09,
        {"94065": 6, "94021": 2, "94073": 1},
        {"CDI": 0.40, "CDD": 0.25, "MIS": 0.30, "SAI": 0.05},
        part_time=0.08,
        long_hours=0.3,
        profiles=(
            Profile(
                ("Primeurs {surname}", "Les Vergers {place}", "{surname} Fruits et Légumes"),
                ("46.31Z",),
                (
                    (VENDEUR_GROSSISTE, 2),
                    (COMMIS_VENDEUR, 2),
                    (PREPARATEUR, 3),
                    (MANUTENTIONNAIRE, 2),
                    (CARISTE, 1),
                    (LIVREUR, 1),
                ),
                site="son pavillon au MIN de Rungis",
                weight=2,
            ),
            Profile(
                ("Marée {surname}", "Poissons {place}"),
                ("46.38A",),
                ((MAREE, 2), (VENDEUR_GROSSISTE, 1), (PREPARATEUR, 2), (MANUTENTIONNAIRE, 1)),
                site="son pavillon de la marée au MIN de Rungis",
            ),
            Profile(
                ("Viandes {place}", "Boucherie en gros {surname}"),
                ("46.32A", "10.13A"),
                ((BOUCHER, 2), (DESOSSEUR, 1), (MANUT_CARNE, 2), (PREPARATEUR, 1)),
                site="son atelier {of}",
            ),
            Profile(
                ("Cuisines {place}", "Plats cuisinés {surname}"),
                ("10.85Z", "56.21Z"),
                ((CONDITIONNEMENT, 3), (LIGNE_ALIM, 2), (OPERATEUR_ALIM, 2), (PREPARATEUR, 1)),
                site="son usine {of}",
                sizes=("50-249", "250+"),
            ),
        ),
    ),
    Sector(
        "aeroport",
        0.06,
        {"94054": 3, "91479": 3, "91027": 1},
        {"CDI": 0.45, "CDD": 0.30, "MIS": 0.15, "SAI": 0.10},
        part_time=0.15,
        profiles=(
            Profile(
                ("{surname} Handling", "Assistance Aéroportuaire {place}"),
                ("52.23Z",),
                (
                    (AGENT_PISTE, 3),
                    (BAGAGISTE, 2),
                    (ESCALE, 2),
                    (TRAFIC, 1),
                    (FRET, 1),
                    (BUS_PISTE, 1),
                ),
                site="sa base de l'aéroport d'Orly",
                sizes=("250+",),
                weight=2,
            ),
            Profile(
                ("Air {place}",),
                ("51.10Z",),
                ((ESCALE, 3), (TRAFIC, 1)),
                site="son escale d'Orly",
                sizes=("250+",),
            ),
            Profile(
                ("Fret {place}", "{surname} Cargo"),
                ("52.29B", "52.23Z"),
                ((TRANSIT, 2), (FRET, 2), (CARISTE, 1), (MANUTENTIONNAIRE, 1)),
                site="sa gare de fret {of}",
            ),
        ),
    ),
    Sector(
        "sante",
        0.10,
        {"94076": 5, "94043": 3, "94041": 1, "94081": 1, "94022": 1, "94016": 1},
        {"CDI": 0.55, "CDD": 0.35, "MIS": 0.10},
        part_time=0.15,
        part_hours=(17.5, 24.5, 28, 31.5),
        profiles=(
            Profile(
                ("Centre hospitalier {place}", "Hôpital {place}"),
                ("86.10Z",),
                (
                    (AIDE_SOIGNANT, 4),
                    (INFIRMIER, 3),
                    (ASH, 3),
                    (BRANCARDIER, 1),
                    (LABORANTIN, 1),
                    (PUERICULTURE, 0.5),
                ),
                site="son établissement {of}",
                kind="public",
                sizes=("250+",),
                weight=2,
            ),
            Profile(
                ("EHPAD {place}", "Résidence {surname}", "Maison de retraite {place}"),
                ("87.10A",),
                (
                    (AIDE_SOIGNANT, 4),
                    (ASH, 3),
                    (INFIRMIER, 1.5),
                    (RESTAURATION_HOSP, 1),
                    (CUISINIER_COLL, 0.5),
                ),
                site="son EHPAD {of}",
                sizes=("50-249",),
                weight=2,
            ),
            Profile(
                ("Clinique {place}", "Clinique {surname}"),
                ("86.10Z",),
                ((AIDE_SOIGNANT, 3), (INFIRMIER, 3), (ASH, 2), (BRANCARDIER, 1)),
                site="sa clinique {of}",
                sizes=("50-249", "250+"),
            ),
            Profile(
                ("Laboratoire {surname}", "Biologie Médicale {place}"),
                ("86.90B",),
                ((LABORANTIN, 2), (PREPARATEUR_PRELEVEUR, 1), (ACCUEIL, 1)),
                site="son laboratoire {of}",
            ),
            Profile(
                ("Ambulances {surname}", "Ambulances {place}"),
                ("86.90A",),
                ((AMBULANCIER, 2), (VSL, 1)),
                site="sa base {of}",
                sizes=("0-9", "10-49"),
            ),
        ),
    ),
    Sector(
        "industrie",
        0.07,
        {"94081": 4, "94041": 3, "94078": 1, "94074": 1, "91027": 1},
        {"CDI": 0.40, "MIS": 0.35, "CDD": 0.25},
        part_time=0.02,
        long_hours=0.25,
        profiles=(
            Profile(
                ("{surname} Mécanique", "Ateliers {place}", "Usinage {surname}"),
                ("25.62B", "28.29B", "33.12Z"),
                (
                    (OPERATEUR_MONTAGE, 2),
                    (MONTEUR, 2),
                    (SOUDEUR, 1.5),
                    (TOURNEUR, 1),
                    (TECH_MAINTENANCE, 1),
                    (MECA_MAINTENANCE, 1),
                ),
                site="son usine {of}",
                weight=2,
            ),
            Profile(
                ("{surname} Plastiques", "Plasturgie {place}"),
                ("22.29A",),
                ((FABRICATION, 3), (CONDITIONNEMENT, 2), (TECH_MAINTENANCE, 1), (CARISTE, 1)),
                site="son usine {of}",
                sizes=("50-249", "250+"),
            ),
            Profile(
                ("Chimie {place}", "{surname} Chimie"),
                ("20.59Z",),
                ((FABRICATION, 3), (CONDITIONNEMENT, 2), (TECH_MAINTENANCE, 1)),
                site="son usine {of}",
                sizes=("50-249", "250+"),
                weight=0.5,
            ),
            Profile(
                ("Métallerie {surname}", "Charpentes Métalliques {place}"),
                ("25.11Z",),
                ((SOUDEUR, 2), (MONTEUR, 1)),
                site="son atelier {of}",
            ),
        ),
    ),
    Sector(
        "btp",
        0.10,
        {
            "94076": 2,
            "94081": 2,
            "94003": 1,
            "94016": 1,
            "94021": 1,
            "94054": 1,
            "94038": 1,
            "94073": 1,
            "94043": 1,
            "94041": 1,
        },
        {"CDI": 0.30, "CDD": 0.30, "MIS": 0.40},
        part_time=0.0,
        long_hours=0.4,
        profiles=(
            Profile(
                ("{surname} Travaux Souterrains", "Génie Civil {place}", "Tunnels {place}"),
                ("42.13A", "42.12Z"),
                (
                    (COFFREUR, 3),
                    (FERRAILLEUR, 2),
                    (MANOEUVRE, 3),
                    (PELLE, 1),
                    (GRUTIER, 0.5),
                    (ELECTRICIEN, 1),
                    (VRD, 1),
                    (CONDUCTEUR_TRAVAUX, 0.5),
                ),
                site="un de ses chantiers, {at}",
                sizes=("250+",),
                clause=0.45,
                weight=2,
                gpe=True,
            ),
            Profile(
                ("{surname} Construction", "Bâtiment {place}", "Maçonnerie {surname}"),
                ("43.99C", "41.20B"),
                ((MACON, 3), (COFFREUR, 2), (MANOEUVRE, 3), (AIDE_MACON, 1)),
                site="un de ses chantiers, {at}",
                clause=0.25,
                weight=1.5,
            ),
            Profile(
                ("Électricité {surname}", "{surname} Électricité Générale"),
                ("43.21A",),
                ((ELECTRICIEN, 1),),
                site="ses chantiers autour {of}",
                clause=0.15,
                weight=0.4,
            ),
            Profile(
                ("{surname} Plomberie", "Plomberie Chauffage {place}"),
                ("43.22A",),
                ((PLOMBIER, 1),),
                site="ses chantiers autour {of}",
                clause=0.15,
                weight=0.3,
            ),
            Profile(
                ("Peinture {place}", "{surname} Peinture et Décoration"),
                ("43.34Z",),
                ((PEINTRE, 1),),
                site="ses chantiers autour {of}",
                clause=0.15,
                weight=0.3,
            ),
            Profile(
                ("Terrassements {surname}", "Routes {place}"),
                ("43.12A", "42.11Z"),
                ((VRD, 2), (PELLE, 2), (MANOEUVRE_TP, 2), (TERRASSIER, 1)),
                site="un de ses chantiers, {at}",
                clause=0.3,
            ),
            Profile(
                ("{place} Insertion", "Chantier École {place}"),
                ("43.99C", "43.34Z"),
                ((MANOEUVRE, 3), (AIDE_MACON, 2), (PEINTRE, 2)),
                site="un de ses chantiers, {at}",
                kind="siae",
                sizes=("10-49",),
                contracts=INSERTION,
                clause=0.8,
                weight=0.7,
            ),
        ),
    ),
    Sector(
        "commerce",
        0.10,
        {"94073": 5, "94041": 2, "94076": 1, "94081": 1, "91027": 1, "94054": 1, "91589": 1},
        {"CDI": 0.45, "CDD": 0.45, "SAI": 0.10},
        part_time=0.35,
        profiles=(
            Profile(
                ("Hyper {place}", "Supermarché {place}", "Marché {surname}"),
                ("47.11F", "47.11D"),
                (
                    (LIBRE_SERVICE, 4),
                    (CAISSE, 3),
                    (RAYON_FRAIS, 2),
                    (CHEF_RAYON, 0.5),
                    (BOUCHER, 0.5),
                    (BOULANGERIE, 1),
                    (PREPARATEUR, 1),
                ),
                site="son magasin {of}",
                sizes=("50-249", "250+"),
                weight=2,
            ),
            Profile(
                ("Boutique {surname}", "Mode {place}"),
                ("47.71Z",),
                ((PAP, 3), (CAISSE, 1)),
                site="sa boutique {of}",
                sizes=("0-9", "10-49"),
            ),
            Profile(
                ("Brico {place}", "{surname} Maison et Jardin"),
                ("47.52B",),
                ((BRICOLAGE, 3), (LIBRE_SERVICE, 1), (CAISSE, 1), (CARISTE, 0.5)),
                site="son magasin {of}",
            ),
        ),
    ),
    Sector(
        "aide",
        0.08,
        None,
        {"CDI": 0.60, "CDD": 0.40},
        part_time=0.55,
        profiles=(
            Profile(
                ("{place} Aide à Domicile", "Association {surname} Services"),
                ("88.10A",),
                ((AIDE_DOMICILE, 4), (ASSISTANT_VIE, 3), (EMPLOYE_FAMILIAL, 1), (TISF, 0.5)),
                site="son antenne {of}",
                kind="association",
                weight=2,
                at_home=True,
            ),
            Profile(
                ("{surname} Services à la Personne", "Domicile {place}"),
                ("88.10A",),
                ((AIDE_DOMICILE, 3), (ASSISTANT_VIE, 2), (GARDE_ENFANT, 2)),
                site="son agence {of}",
                at_home=True,
            ),
            Profile(
                ("Crèche {surname}", "Les Petits Pas {place}"),
                ("88.91A",),
                ((PETITE_ENFANCE, 3), (PUERICULTURE, 1), (ENTRETIEN_CRECHE, 1)),
                site="sa crèche {of}",
                sizes=("10-49",),
            ),
        ),
    ),
    Sector(
        "proprete",
        0.06,
        {"94065": 2, "94054": 2, "94081": 1, "94041": 1, "94076": 1, "94043": 1, "91479": 1},
        {"CDI": 0.50, "CDD": 0.35, "MIS": 0.15},
        part_time=0.45,
        profiles=(
            Profile(
                ("{surname} Propreté", "Propreté {place} Services", "Net {place}"),
                ("81.21Z", "81.22Z"),
                (
                    (PROPRETE, 4),
                    (PROPRETE_BUREAUX, 2),
                    (NETTOYAGE_INDUS, 1),
                    (LAVEUR_VITRES, 1),
                    (MACHINISTE, 1),
                    (CHEF_EQUIPE_PROPRETE, 0.5),
                ),
                site="son agence {of}",
                clause=0.1,
                weight=3,
            ),
            Profile(
                ("Blanchisserie {place}",),
                ("96.01A",),
                ((BLANCHISSERIE, 3), (MANUT_BLANCHISSERIE, 1), (LIVREUR, 1)),
                site="sa blanchisserie {of}",
            ),
            Profile(
                ("{place} Environnement", "Collecte {surname}"),
                ("38.11Z",),
                ((RIPEUR, 3), (BENNE, 1), (TRI, 1)),
                site="son dépôt {of}",
                clause=0.2,
            ),
        ),
    ),
    Sector(
        "securite",
        0.04,
        {"94054": 2, "94065": 2, "94073": 1, "94041": 1, "91479": 1},
        {"CDI": 0.55, "CDD": 0.35, "MIS": 0.10},
        part_time=0.1,
        profiles=(
            Profile(
                ("{surname} Sécurité", "Protection {place}", "Sûreté {place}"),
                ("80.10Z",),
                ((SECURITE, 4), (SSIAP1, 2), (SURETE, 2), (CHEF_POSTE, 0.5), (RONDIER, 1)),
                site="son agence {of}",
                sizes=("50-249", "250+"),
            ),
        ),
    ),
    Sector(
        "restauration",
        0.06,
        {"94054": 2, "94065": 2, "94073": 1, "94041": 1, "94076": 1, "94081": 1},
        {"CDI": 0.45, "CDD": 0.35, "SAI": 0.10, "MIS": 0.10},
        part_time=0.3,
        profiles=(
            Profile(
                ("{surname} Restauration", "Cuisine Centrale {place}"),
                ("56.29A",),
                ((AGENT_CUISINE, 3), (CUISINIER_COLL, 2), (PLONGEUR, 2)),
                site="sa cuisine centrale {of}",
                sizes=("50-249", "250+"),
            ),
            Profile(
                ("Brasserie {place}", "Le Bistrot {surname}"),
                ("56.10A",),
                ((SERVEUR, 3), (COMMIS, 3), (CUISINIER, 2), (PLONGEUR, 2), (BARMAN, 1)),
                site="son restaurant {of}",
                sizes=("0-9", "10-49"),
            ),
            Profile(
                ("{place} Burger", "Snack {surname}"),
                ("56.10C",),
                ((EQUIPIER, 5), (COMMIS, 1)),
                site="son restaurant {of}",
            ),
            Profile(
                ("{surname} Catering",),
                ("56.21Z",),
                ((COMMIS, 2), (CONDITIONNEMENT, 2), (LIVREUR, 1)),
                site="son unité de production {of}",
            ),
        ),
    ),
    Sector(
        "transport",
        0.04,
        {"94081": 2, "94073": 2, "91027": 1, "94041": 1, "94078": 1, "94054": 1},
        {"CDI": 0.75, "CDD": 0.20, "MIS": 0.05},
        part_time=0.1,
        profiles=(
            Profile(
                ("Bus {place}", "Transports Urbains {place}", "{surname} Voyageurs"),
                ("49.31Z", "49.39A"),
                ((BUS, 4), (ACCUEIL_TRANSPORT, 1)),
                site="son dépôt {of}",
                sizes=("250+",),
                weight=2,
            ),
            Profile(
                ("Mobilité {place}",),
                ("49.39B",),
                ((TPMR, 3),),
                site="son agence {of}",
            ),
        ),
    ),
)

# Île-de-France communes outside the territory where its employers also recruit.
OUTSIDE = {
    "75056": 3,  # Paris
    "91689": 2,  # Wissous
    "91161": 2,  # Chilly-Mazarin
    "92002": 1,  # Antony
    "91377": 1,  # Massy
    "94028": 1,  # Créteil
    "94002": 1,  # Alfortville
    "94011": 1,  # Bonneuil-sur-Marne
}

# Grand Paris Express stations near the works of each commune.
STATIONS = {
    "94076": ("Villejuif Louis-Aragon", "Villejuif Institut Gustave-Roussy"),
    "94081": ("Vitry Centre", "Les Ardoines"),
    "94003": ("Arcueil – Cachan",),
    "94016": ("Arcueil – Cachan",),
    "94043": ("Kremlin-Bicêtre Hôpital",),
    "94021": ("Chevilly Trois-Communes",),
    "94073": ("M.I.N. Porte de Thiais", "Pont de Rungis"),
    "94054": ("Aéroport d'Orly", "Pont de Rungis"),
}

SCHEDULES = {
    "logistique": ("en équipes (5 h–13 h ou 13 h–21 h)", "de nuit (21 h–5 h)", "en journée"),
    "alimentaire": ("de nuit, prise de poste entre 1 h et 3 h", "très tôt le matin (3 h–11 h)"),
    "aeroport": ("en horaires décalés, week-ends et jours fériés compris",),
    "sante": ("en 12 h, un week-end sur deux", "de nuit (21 h–7 h)", "en 7 h 30 de jour"),
    "industrie": ("en 2x8", "en 3x8", "en journée"),
    "btp": ("du lundi au vendredi, 7 h 30–16 h 30",),
    "commerce": ("du lundi au samedi", "le week-end"),
    "aide": ("au domicile des personnes aidées, du lundi au vendredi",),
    "proprete": ("tôt le matin (6 h–9 h) et en fin de journée", "en journée continue"),
    "securite": ("de jour ou de nuit, en vacations de 12 h",),
    "restauration": ("en coupure (10 h–15 h et 18 h–23 h)", "en journée (6 h 30–14 h)"),
    "transport": ("en horaires décalés, amplitude 5 h–1 h",),
}

BENEFITS = (
    "mutuelle d'entreprise",
    "titres-restaurant",
    "50 % du passe Navigo remboursé",
    "prime de fin d'année",
    "tenues de travail fournies",
    "formation au poste assurée",
    "prime de panier",
)

# Parts of fictitious employer names.
PLACES = (
    "Val de Bièvre",
    "Seine-Amont",
    "Grand Orly",
    "Trois Communes",
    "Belle Épine",
    "Sud Francilien",
    "des Ardoines",
    "Orge et Seine",
    "Porte Sud",
    "Val de Seine",
    "des Lilas",
    "des Tilleuls",
    "Horizon",
    "Cap Sud",
    "Saint-Éloi",
)
SURNAMES = (
    "Martel",
    "Lefranc",
    "Benali",
    "Nguyen",
    "Da Costa",
    "Kowal",
    "Traoré",
    "Morvan",
    "Lemaire",
    "Diallo",
    "Ferreira",
    "Perrot",
    "Haddad",
    "Rousselet",
    "Bensaïd",
    "Colin",
    "Mercier",
    "Ouedraogo",
    "Roche",
    "Vasseur",
    "Petitjean",
    "Cissé",
    "Garnier",
    "Amrani",
)
