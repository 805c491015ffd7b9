"""The synthetic demo catalogue of trainings (``matching.training.seed_trainings``).

Données de démonstration: the providers are fictional (their names end with "(démo)"), the
trainings do not exist. Their shape follows the territory's main trades: each training aims at a
ROME fiche and teaches the core skills of that fiche whose labels contain one of ``keywords``
(every core skill when ``keywords`` is empty), plus the fiche's knowledge items (savoirs) whose
labels contain one of ``savoirs`` (a CACES, a diploma, a certificate). Skills therefore come from
the real ROME 4.0 of the database, not from this file.

Places are INSEE codes of the territory: 94065 Rungis, 94021 Chevilly-Larue, 94054 Orly,
91479 Paray-Vieille-Poste, 91027 Athis-Mons, 94073 Thiais, 94076 Villejuif, 94043 Le
Kremlin-Bicêtre, 94081 Vitry-sur-Seine, 94041 Ivry-sur-Seine, 94022 Choisy-le-Roi, 94003
Arcueil, 94078 Villeneuve-Saint-Georges, 94074 Valenton, 91589 Savigny-sur-Orge, 91326
Juvisy-sur-Orge.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoTraining:
    title: str
    provider: str
    fiche: str  # ROME code of the trade it leads to
    commune: str
    hours: int
    level: int | None  # level reached, None when no diploma
    funding: str  # a ``Training.Funding`` value
    keywords: tuple[str, ...] = ()  # core skills taught: labels with one of these words
    savoirs: tuple[str, ...] = ()  # knowledge items taught: labels with one of these words
    month: int = 1  # first session in so many months


LOGISTIQUE = "Institut Logistique Orly-Rungis (démo)"
SEINE_BIEVRE = "Atelier Emploi Seine-Bièvre (démo)"
SANTE = "École des Soignants de Villejuif (démo)"
DOMICILE = "Domicile Compétences Val-de-Marne (démo)"
SECURITE = "Académie Sécurité Grand-Orly (démo)"
BTP = "Campus BTP Grand Paris Sud (démo)"
CUISINE = "Cuisines Collectives Formation Rungis (démo)"
PROPRETE = "Propreté Pro Formation (démo)"
COMMERCE = "Commerce & Relation Client Thiais (démo)"
TRANSPORT = "Route et Transport Athis (démo)"
NUMERIQUE = "Les Clés du Numérique Ivry (démo)"

# A data table, one training a row: kept as written.
# fmt: off
CATALOGUE = (
    # Logistics: N1101 cariste, N1103 préparateur de commandes, N1110 magasinier
    DemoTraining(
        "CACES R489 catégories 1A, 3 et 5", LOGISTIQUE, "N1101", "94065", 70, None,
        "france_travail", ("chariot", "charge", "securite", "engins"), ("R489",), 1,
    ),
    DemoTraining(
        "Titre professionnel Cariste d'entrepôt", LOGISTIQUE, "N1101", "94021", 350, 3,
        "region", (), ("R489", "palettisation"), 2,
    ),
    DemoTraining(
        "Titre professionnel Préparateur de commandes en entrepôt", LOGISTIQUE, "N1103",
        "94054", 280, 3, "region", (), ("R489",), 1,
    ),
    DemoTraining(
        "Préparation de commandes : gestes, postures et commande vocale", SEINE_BIEVRE,
        "N1103", "94054", 35, None, "cpf", ("commande", "colis", "geste", "posture"), (), 1,
    ),
    DemoTraining(
        "Titre professionnel Agent magasinier", LOGISTIQUE, "N1110", "91027", 400, 3,
        "region", (), ("stock",), 3,
    ),
    DemoTraining(
        "Gestion des stocks et inventaire informatisé", SEINE_BIEVRE, "N1110", "91027", 70,
        None, "cpf", ("stock", "inventaire", "informatique", "reception"), ("inventaire",), 2,
    ),
    # Health and care: J1501 aide-soignant, J1301 ASH, K1302 assistant de vie, K1304
    DemoTraining(
        "Diplôme d'État d'aide-soignant (DEAS)", SANTE, "J1501", "94076", 1540, 4, "region",
        (), ("aide-soignant",), 4,
    ),
    DemoTraining(
        "Prépa aide-soignant : hygiène, règles et premiers secours", SANTE, "J1501", "94076",
        140, None, "france_travail", ("hygiene", "regles", "urgence", "ethique"), (), 1,
    ),
    DemoTraining(
        "Agent de service hospitalier : bio-nettoyage et hygiène", SANTE, "J1301", "94043",
        210, None, "france_travail", (), (), 2,
    ),
    DemoTraining(
        "Titre professionnel Assistant de vie aux familles (ADVF)", DOMICILE, "K1302",
        "94081", 600, 3, "region", (), ("assistant de vie",), 2,
    ),
    DemoTraining(
        "Accompagner une personne âgée à domicile : les bases", DOMICILE, "K1302", "94022",
        105, None, "cpf", ("accompagner", "aide", "hygiene", "repas"), (), 1,
    ),
    DemoTraining(
        "Aide à domicile : entretien du logement et du linge", DOMICILE, "K1304", "94022",
        140, None, "france_travail", (), (), 3,
    ),
    # Security: K2503
    DemoTraining(
        "SSIAP 1 — agent de service de sécurité incendie", SECURITE, "K2503", "94054", 70,
        None, "france_travail", ("securite", "dispositif", "alerter", "incident"),
        ("SSIAP", "incendie"), 1,
    ),
    DemoTraining(
        "Titre professionnel Agent de prévention et de sécurité (carte CNAPS)", SECURITE,
        "K2503", "94073", 175, 3, "region", (), ("prevention et de securite",), 2,
    ),
    DemoTraining(
        "Agent de sûreté aéroportuaire", SECURITE, "K2503", "91479", 140, None, "employer",
        ("acces", "controler", "zones", "menace"), ("aeroportuaire",), 3,
    ),
    # Construction: F1703 maçon, F1701 coffreur, F1302 engins, F1602 électricien
    DemoTraining(
        "Titre professionnel Maçon", BTP, "F1703", "94081", 840, 3, "region", (), (), 3,
    ),
    DemoTraining(
        "Les bases du chantier : aide-maçon et manœuvre (clause d'insertion)", BTP, "F1703",
        "94081", 140, None, "france_travail", ("chantier", "securite", "materiaux", "mortier"),
        (), 1,
    ),
    DemoTraining(
        "Titre professionnel Coffreur bancheur", BTP, "F1701", "94074", 735, 3, "region", (),
        (), 4,
    ),
    DemoTraining(
        "CACES R482 : conduite d'engins de chantier", BTP, "F1302", "94078", 105, None,
        "france_travail", ("engin", "conduire", "securite", "signalisation"), ("CACES",), 1,
    ),
    DemoTraining(
        "Titre professionnel Conducteur d'engins de travaux publics", BTP, "F1302", "94078",
        700, 3, "region", (), ("conducteur d'engins",), 5,
    ),
    DemoTraining(
        "Titre professionnel Électricien d'équipement du bâtiment", BTP, "F1602", "94041",
        700, 3, "region", (), (), 3,
    ),
    DemoTraining(
        "Habilitation électrique et sécurité des installations", BTP, "F1602", "94041", 21,
        None, "employer", ("securite", "electrique", "normes", "installation"),
        ("habilitation",), 1,
    ),
    # Cooking: G1606 cuisinier de collectivité, G1602 commis de cuisine
    DemoTraining(
        "Titre professionnel Cuisinier en restauration collective", CUISINE, "G1606", "94065",
        500, 3, "region", (), (), 2,
    ),
    DemoTraining(
        "Hygiène alimentaire (HACCP) en restauration collective", CUISINE, "G1606", "94021",
        14, None, "cpf", ("hygiene", "securite", "alimentaire", "qualite"), ("HACCP",), 1,
    ),
    DemoTraining(
        "Titre professionnel Agent de restauration", CUISINE, "G1602", "94022", 420, 3,
        "region", (), (), 2,
    ),
    # Cleaning: K2205
    DemoTraining(
        "Titre professionnel Agent de propreté et d'hygiène", PROPRETE, "K2205", "94076", 420,
        3, "region", (), (), 2,
    ),
    DemoTraining(
        "Nettoyage de locaux : techniques, produits et machines", PROPRETE, "K2205", "91589",
        70, None, "france_travail", ("nettoy", "produit", "entretien", "materiel"), (), 1,
    ),
    # Retail: D1507 employé de rayon, D1505 hôte de caisse
    DemoTraining(
        "Titre professionnel Employé commercial en magasin", COMMERCE, "D1507", "94073", 450,
        3, "region", (), (), 3,
    ),
    DemoTraining(
        "Hôte de caisse : encaissement et relation client", COMMERCE, "D1505", "94073", 140,
        None, "france_travail", (), (), 1,
    ),
    # Transport: N4101 poids lourd, N4105 conducteur-livreur
    DemoTraining(
        "Permis C et FIMO marchandises", TRANSPORT, "N4101", "91027", 280, None,
        "france_travail", (), ("FIMO", "permis C"), 2,
    ),
    DemoTraining(
        "Titre professionnel Conducteur livreur sur véhicule utilitaire léger", TRANSPORT,
        "N4105", "91326", 350, 3, "region", (), (), 2,
    ),
    # Office and digital: M1602 agent administratif, M1601 accueil
    DemoTraining(
        "Bureautique et outils numériques pour l'emploi", NUMERIQUE, "M1602", "94041", 105,
        None, "cpf", ("numerique", "informati", "document", "courrier", "donnees"),
        ("bureautique", "traitement de texte", "tableur"), 1,
    ),
    DemoTraining(
        "Titre professionnel Employé administratif et d'accueil", NUMERIQUE, "M1602", "94003",
        490, 3, "region", (), (), 3,
    ),
    DemoTraining(
        "Titre professionnel Agent d'accueil et d'information", NUMERIQUE, "M1601", "94022",
        350, 3, "region", (), (), 2,
    ),
)
# fmt: on
