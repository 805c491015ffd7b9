"""Offers from France Travail's "Offres d'emploi v2" JSON, translated into the CSV's columns.

Accepts a list of offers, the search response ``{"resultats": [...]}`` or one offer. Free-text
fields of the API (working time, salary, permits, languages, training level) are read as far as
they can be; what cannot be read is left empty with a warning, never invented.
"""

import json
import re
from datetime import datetime
from decimal import Decimal

from django.utils import timezone

from offers.imports_csv import ImportFileError, Parsed, SourceRow, plain
from referentiel.permits import LANGUAGES, PERMITS

EXPERIENCE = {"D": "none", "S": "wished", "E": "required"}
SALARY_PERIODS = {"horaire": "hour", "mensuel": "month", "annuel": "year"}
# Used when a part-time offer gives no number of hours: the legal minimum (Code du travail,
# art. L3123-27), flagged with a warning so that staff can correct it.
PART_TIME_HOURS = Decimal(24)

NAMES = {
    "source_id": "id",
    "siret": "entreprise.siret",
    "title": "intitule",
    "appellation": "appellationlibelle",
    "code_rome": "romeCode",
    "description": "description",
    "commune": "lieuTravail.commune",
    "contract": "typeContrat",
    "hours_per_week": "dureeTravailLibelle",
    "salary_min": "salaire.libelle",
    "salary_max": "salaire.libelle",
    "salary_period": "salaire.libelle",
    "level": "formations",
    "level_strict": "formations",
    "experience": "experienceExige",
    "required_skills": "competences",
    "nice_skills": "competences",
    "permits": "permis",
    "languages": "langues",
    "positions": "nombrePostes",
    "published_at": "dateCreation",
}

_HOURS = re.compile(r"(\d{1,2}(?:[.,]\d+)?)\s*h(?:eures?)?(\d{2})?", re.IGNORECASE)
_EUROS = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:euros?|€)", re.IGNORECASE)
_PERMIT_CODES = {code for code, _label in PERMITS}
_PERMIT_WORDS = [
    ("vehicule leger", "B"),
    ("poids lourd", "C"),
    ("transport en commun", "D"),
    ("moto", "A"),
    ("cyclomoteur", "AM"),
]
_LANGUAGE_ALIASES = {"berbere": "ber", "kabyle": "ber", "tamazight": "ber", "mandarin": "zh"}


_LANGUAGE_CODES = {plain(label): code for code, label in LANGUAGES}


def hours(item: dict) -> tuple[Decimal | None, str]:
    """Hours per week from ``dureeTravailLibelle`` ("35H Horaires normaux", "24H30…") or
    ``dureeTravailLibelleConverti``; (None, warning) when they give no number."""
    texts = [
        str(item.get(key) or "") for key in ("dureeTravailLibelle", "dureeTravailLibelleConverti")
    ]
    for text in texts:
        match = _HOURS.search(text)
        if match:
            value = Decimal(match[1].replace(",", ".")) + Decimal(match[2] or 0) / 60
            return value.quantize(Decimal("0.1")), ""
    said = plain(" ".join(texts))
    if "partiel" in said:
        return PART_TIME_HOURS, (
            f"Temps partiel sans nombre d'heures : {PART_TIME_HOURS} h par semaine retenues "
            "(le minimum légal), à corriger si besoin."
        )
    if "plein" in said:
        return Decimal(35), ""
    return None, "Durée du travail non indiquée : 35 h par semaine retenues."


def salary(label: str) -> tuple[Decimal | None, Decimal | None, str | None]:
    """(min, max, period) from "Mensuel de 1800.00 Euros à 2000.00 Euros sur 12 mois" or
    "Horaire de 11.88 Euros"; period None when the text cannot be read."""
    words = plain(label).split()
    period = SALARY_PERIODS.get(words[0]) if words else None
    amounts = [Decimal(a.replace(",", ".")) for a in _EUROS.findall(label or "")]
    if period is None or not amounts:
        return None, None, None
    return amounts[0], (amounts[1] if len(amounts) > 1 else None), period


def permit_code(label: str) -> str | None:
    """A permit code of ``referentiel.permits`` for "B - Véhicule léger", "CE - PL + remorque"."""
    said = plain(label).removeprefix("permis").strip()
    head = re.split(r"[\s\-()]+", said.strip("() "), maxsplit=1)[0].upper()
    if head in _PERMIT_CODES:
        return head
    return next((code for words, code in _PERMIT_WORDS if words in said), None)


def language_code(label: str) -> str | None:
    word = plain(label).split(" ")[0] if label else ""
    return _LANGUAGE_CODES.get(word) or _LANGUAGE_ALIASES.get(word)


def level(formations: list) -> tuple[int | None, bool]:
    """(lowest diploma level asked, whether it is required) from ``formations[].niveauLibelle``.

    "Bac+2 ou équivalents" → 5; a level the offer accepts among several is the lowest one.
    """
    found = []
    for formation in formations or []:
        if not isinstance(formation, dict):
            continue
        said = plain(formation.get("niveauLibelle") or "").replace(" ", "")
        value = None
        if "bac+8" in said:
            value = 8
        elif "bac+5" in said:
            value = 7
        elif "bac+3" in said or "bac+4" in said:
            value = 6
        elif "bac+2" in said:
            value = 5
        elif "bac" in said:
            value = 4
        elif "cap" in said or "bep" in said:
            value = 3
        if value:
            found.append((value, formation.get("exigence") == "E"))
    return min(found) if found else (None, False)


def _moment(row: SourceRow, raw) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(raw).replace("Z", "+00:00")) if raw else None
    except ValueError:
        row.warnings.append(("published_at", f"Date « {raw} » illisible : ignorée."))
        return None
    return timezone.make_aware(moment) if moment and timezone.is_naive(moment) else moment


def _row(number: int, item) -> SourceRow:
    row = SourceRow(number=number, values={}, names=dict(NAMES), lenient=True)
    if not isinstance(item, dict):
        row.errors.append(("", "Cette entrée n'est pas une offre (un objet JSON est attendu)."))
        return row
    company = item.get("entreprise") or {}
    place = item.get("lieuTravail") or {}
    values = row.values
    values.update(
        source_id=str(item.get("id") or "").strip(),
        siret=str(company.get("siret") or ""),
        company_name=str(company.get("nom") or ""),
        title=item.get("intitule") or "",
        appellation=item.get("appellationlibelle") or "",
        code_rome=item.get("romeCode") or "",
        description=item.get("description") or "",
        commune=str(place.get("commune") or ""),
        contract=item.get("typeContrat") or "",
        positions=item.get("nombrePostes") or 1,
    )
    values["published_at"] = _moment(row, item.get("dateCreation"))
    values["hours_per_week"], note = hours(item)
    if note:
        row.warnings.append(("hours_per_week", note))

    code = str(item.get("experienceExige") or "D").upper()
    values["experience"] = EXPERIENCE.get(code, "none")
    if code not in EXPERIENCE:
        row.warnings.append(("experience", f"Code « {code} » inconnu : débutant accepté retenu."))

    pay = (item.get("salaire") or {}).get("libelle") or ""
    if pay:
        low, high, period = salary(pay)
        if period is None:
            row.warnings.append(("salary_min", f"Salaire « {pay} » non lu : laissé vide."))
        else:
            values.update(salary_min=low, salary_max=high, salary_period=period)

    values["level"], values["level_strict"] = level(item.get("formations"))

    skills = [c for c in item.get("competences") or [] if isinstance(c, dict) and c.get("code")]
    values["required_skills"] = [str(c["code"]) for c in skills if c.get("exigence") == "E"]
    values["nice_skills"] = [str(c["code"]) for c in skills if c.get("exigence") != "E"]

    permits = []
    for permit in item.get("permis") or []:
        label = str(permit.get("libelle") or "") if isinstance(permit, dict) else ""
        if isinstance(permit, dict) and permit.get("exigence", "E") != "E":
            continue  # only required permits exclude a resident
        code = permit_code(label)
        if code:
            permits.append(code)
        else:
            row.warnings.append(("permits", f"Permis « {label} » non reconnu : ignoré."))
    values["permits"] = permits

    languages = []
    for language in item.get("langues") or []:
        label = str(language.get("libelle") or "") if isinstance(language, dict) else ""
        code = language_code(label)
        if code:
            languages.append(code)
        else:
            row.warnings.append(("languages", f"Langue « {label} » non reconnue : ignorée."))
    values["languages"] = languages
    return row


def parse(text: str) -> Parsed:
    """Offers of a France Travail JSON text. Raises ``ImportFileError`` if it is not one."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            f"Le fichier n'est pas un JSON valide (ligne {error.lineno}, colonne {error.colno})."
        ) from error
    if isinstance(data, dict):
        data = data.get("resultats", [data] if "id" in data else None)
    if not isinstance(data, list):
        raise ImportFileError(
            "Le JSON doit être une liste d'offres France Travail ou la réponse de leur recherche "
            '({"resultats": [...]}).'
        )
    return Parsed(
        rows=[_row(number, item) for number, item in enumerate(data, start=1)],
        columns=set(NAMES),
    )
