"""Driving licences, CACES and other certificates asked by offers and held by residents.

At most 64 entries: the matcher stores a person's permits as one 64-bit mask.
"""

PERMITS = [
    ("B", "Permis B (voiture)"),
    ("BE", "Permis BE (voiture avec remorque)"),
    ("C", "Permis C (poids lourd)"),
    ("CE", "Permis CE (poids lourd avec remorque)"),
    ("C1", "Permis C1 (camion léger)"),
    ("D", "Permis D (autobus, autocar)"),
    ("A", "Permis A (moto)"),
    ("AM", "Permis AM (cyclomoteur)"),
    ("FIMO_M", "FIMO marchandises"),
    ("FIMO_V", "FIMO voyageurs"),
    ("VTC", "Carte professionnelle VTC"),
    ("TAXI", "Carte professionnelle de taxi"),
    ("CACES_R489_1A", "CACES R489 catégorie 1A (transpalette à conducteur porté)"),
    ("CACES_R489_1B", "CACES R489 catégorie 1B (gerbeur à conducteur porté)"),
    ("CACES_R489_3", "CACES R489 catégorie 3 (chariot élévateur frontal)"),
    ("CACES_R489_5", "CACES R489 catégorie 5 (chariot à mât rétractable)"),
    ("CACES_R482", "CACES R482 (engins de chantier)"),
    ("CACES_R486", "CACES R486 (nacelles, PEMP)"),
    ("CACES_R490", "CACES R490 (grue de chargement)"),
    ("CACES_R487", "CACES R487 (grue à tour)"),
    ("SSIAP1", "SSIAP 1 (agent de sécurité incendie)"),
    ("SSIAP2", "SSIAP 2 (chef d'équipe sécurité incendie)"),
    ("CARTE_PRO_SECURITE", "Carte professionnelle d'agent de sécurité (CNAPS)"),
    ("SST", "Sauveteur secouriste du travail (SST)"),
    ("HABILITATION_ELEC", "Habilitation électrique"),
    ("HACCP", "Formation hygiène alimentaire (HACCP)"),
    ("AIPR", "AIPR (travaux à proximité des réseaux)"),
    ("DEAS", "Diplôme d'État d'aide-soignant (DEAS)"),
    ("DEAP", "Diplôme d'État d'auxiliaire de puériculture (DEAP)"),
    ("DEI", "Diplôme d'État d'infirmier (DEI)"),
    ("BAFA", "BAFA (animation)"),
]
PERMIT_LABELS = dict(PERMITS)
PERMIT_BITS = {code: bit for bit, (code, _label) in enumerate(PERMITS)}

# Languages most spoken or asked for in the territory (ISO 639 codes).
LANGUAGES = [
    ("fr", "Français"),
    ("en", "Anglais"),
    ("es", "Espagnol"),
    ("pt", "Portugais"),
    ("ar", "Arabe"),
    ("ber", "Tamazight (berbère)"),
    ("it", "Italien"),
    ("de", "Allemand"),
    ("ro", "Roumain"),
    ("pl", "Polonais"),
    ("tr", "Turc"),
    ("zh", "Chinois"),
    ("ta", "Tamoul"),
    ("bm", "Bambara"),
    ("wo", "Wolof"),
    ("ln", "Lingala"),
    ("ru", "Russe"),
    ("uk", "Ukrainien"),
]
LANGUAGE_LABELS = dict(LANGUAGES)


def permits_mask(codes) -> int:
    """A 64-bit mask of permit codes (unknown codes are ignored)."""
    mask = 0
    for code in codes or ():
        bit = PERMIT_BITS.get(code)
        if bit is not None:
            mask |= 1 << bit
    return mask
