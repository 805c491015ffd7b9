"""Validation of French company identifiers."""

from django.core.exceptions import ValidationError

LA_POSTE_SIREN = "356000000"


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def siret_valid(siret: str) -> bool:
    if len(siret) != 14 or not siret.isdigit():
        return False
    if luhn_valid(siret):
        return True
    # La Poste's establishments (not its head office) use a sum-of-digits rule instead.
    return siret.startswith(LA_POSTE_SIREN) and sum(int(char) for char in siret) % 5 == 0


def normalize_siret(value: str) -> str:
    return "".join(value.split())


def validate_siret(value: str) -> None:
    siret = normalize_siret(value)
    if len(siret) != 14 or not siret.isdigit():
        raise ValidationError(
            "Le SIRET compte 14 chiffres (par exemple 732 829 320 00074).", code="siret_length"
        )
    if not siret_valid(siret):
        raise ValidationError(
            "Ce SIRET n'existe pas : un chiffre est sans doute mal recopié. "
            "Vérifiez-le sur votre extrait Kbis ou sur annuaire-entreprises.data.gouv.fr.",
            code="siret_checksum",
        )
