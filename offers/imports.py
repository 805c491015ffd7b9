"""Import offers from a CSV file or a France Travail JSON file: check each row, keep the good ones.

Each row is checked against the reference data, then written in its own transaction: a bad row
writes nothing and the good ones are kept. Offers are found again by their source id, so that
importing the same file twice updates them instead of duplicating them. Employers are never
created here: a row names an employer that exists (by SIRET), or one is chosen for the file.
Columns and mapping: ``docs/IMPORT.md``.
"""

import contextlib
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from accounts.models import Organisation, User
from accounts.validators import normalize_siret, siret_valid
from offers import imports_csv, imports_ft, services, workflow
from offers.imports_csv import (
    EXPERIENCE,
    PERIODS,
    ImportFileError,
    Parsed,
    Reference,
    RowCheck,
    RowResult,
    appellation_code,
    commune_code,
    date_value,
    known_codes,
    skill_codes,
)
from offers.models import Contract, Offer, Status
from offers.rules import MAX_HOURS, MIN_HOURS, start_date_error
from referentiel.permits import LANGUAGE_LABELS, PERMIT_LABELS

logger = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024
SAVE_AS_CSV = "Depuis votre tableur, enregistrez la feuille au format « CSV UTF-8 »."
_MAGIC = [
    (b"\x89PNG", "une image PNG"),
    (b"\xff\xd8\xff", "une image JPEG"),
    (b"GIF8", "une image GIF"),
    (b"%PDF", "un document PDF"),
    (b"PK\x03\x04", "une archive ZIP ou un classeur Excel (.xlsx)"),
    (b"\xd0\xcf\x11\xe0", "un document Office (.xls, .doc)"),
]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass
class Report:
    """What an import did: one ``RowResult`` per row, and the rows refused with their reasons."""

    format: str
    rows: list[RowResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    dry_run: bool = False

    def _count(self, outcome: str) -> int:
        return sum(row.outcome == outcome for row in self.rows)

    created = property(lambda self: self._count("created"))
    updated = property(lambda self: self._count("updated"))
    unchanged = property(lambda self: self._count("unchanged"))
    refused = property(lambda self: self._count("refused"))
    errors = property(lambda self: [p for row in self.rows for p in row.errors])
    warnings = property(lambda self: [p for row in self.rows for p in row.warnings])


def read_text(data: bytes) -> str:
    """The text of an uploaded file; ``ImportFileError`` for images, PDFs, spreadsheets, binary."""
    if not data.strip():
        raise ImportFileError("Le fichier est vide.")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ImportFileError(
                f"Ce fichier est {what}, pas un fichier CSV ou JSON. {SAVE_AS_CSV}"
            )
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = data.decode("utf-16")
        else:
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                # Spreadsheets on French Windows still export in Windows-1252.
                text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = "\x00"
    if _CONTROL.search(text):
        raise ImportFileError(
            f"Ce fichier n'est pas un texte CSV ou JSON (contenu binaire). {SAVE_AS_CSV}"
        )
    return text


def detect_format(name: str, text: str) -> str:
    """ "json" when the text starts like JSON or the name ends in .json, else "csv"."""
    if text.lstrip("\ufeff \t\r\n")[:1] in ("[", "{"):
        return "json"
    return "json" if Path(name).suffix.lower() == ".json" else "csv"


@dataclass
class _Clean:
    employer: Organisation
    source_id: str
    fields: dict[str, Any]
    required: list[str]
    nice: list[str]
    publish: bool
    published_at: datetime | None


class _Refused(Exception):
    def __init__(self, column: str, message: str):
        super().__init__(message)
        self.column, self.message = column, message


def _employer(check: RowCheck, ref: Reference) -> Organisation | None:
    raw = check.text("siret")
    siret = normalize_siret(raw)
    company = check.text("company_name")
    who = f" de l'entreprise « {company} »" if company else ""
    choose = "choisissez l'employeur de tout le fichier"
    if not siret:
        check.error(
            "siret",
            f"SIRET{who} absent : l'import ne crée pas d'employeur. Inscrivez d'abord cet "
            f"employeur, ou {choose}.",
        )
    elif not siret_valid(siret):
        check.error("siret", f"SIRET « {raw} » invalide : 14 chiffres, dont un mal recopié ?")
    elif not (found := ref.employers(siret)):
        check.error(
            "siret",
            f"Aucun employeur inscrit n'a le SIRET {siret}{who} : inscrivez d'abord son "
            f"organisation, ou {choose}.",
        )
    elif len(found) > 1:
        names = ", ".join(org.name for org in found)
        check.error("siret", f"Plusieurs employeurs ont le SIRET {siret} ({names}) : {choose}.")
    else:
        return found[0]
    return None


def _clean(check: RowCheck, ref: Reference, employer, publish_all: bool) -> _Clean | None:
    """The offer's fields for a row, or None when a problem refuses the row."""
    employer = employer or _employer(check, ref)
    source_id = check.required("source_id", "Identifiant de l'offre", 64)
    title = check.required("title", "Intitulé du poste", 200)
    description = check.required("description", "Description du poste")
    commune = commune_code(check, ref)
    contract = check.text("contract").upper()
    if contract not in Contract.values:
        codes = ", ".join(f"{code} ({label})" for code, label in Contract.choices)
        said = f"« {contract} » inconnu" if contract else "manquant"
        check.error("contract", f"Type de contrat {said}. Codes possibles : {codes}.")
    hours = check.number(
        "hours_per_week", what="Heures par semaine", low=MIN_HOURS, high=MAX_HOURS, default=35
    )
    money = {"what": "Salaire", "low": 0, "high": Decimal("9999999.99")}
    salary_min = check.number("salary_min", **money)
    salary_max = check.number("salary_max", **money)
    if salary_min is not None and salary_max is not None and salary_min > salary_max:
        check.error(
            "salary_max",
            f"Le salaire maximum ({salary_max}) est plus petit que le minimum ({salary_min}).",
        )
    level = check.number("level", what="Niveau de qualification", low=0, high=8, whole=True)
    appellation = appellation_code(check, ref)
    rome = ref.appellations.get(appellation)
    required, nice = skill_codes(check, ref, rome)
    positions = check.number("positions", what="Postes", low=1, high=999, default=1, whole=True)
    fields = {
        "employer": employer,
        "title": title,
        "appellation_id": appellation,
        "description": description,
        "commune_id": commune,
        "contract": contract,
        "hours_per_week": Decimal(hours).quantize(Decimal("0.1")) if hours else hours,
        "salary_min": salary_min,
        "salary_max": salary_max,
        "salary_period": check.choice("salary_period", PERIODS, "month", "hour, month, year"),
        "level_id": int(level) if level else None,
        "level_strict": check.boolean("level_strict"),
        "experience": check.choice(
            "experience", EXPERIENCE, "none", "none, wished, required (ou D, S, E)"
        ),
        "permits": known_codes(check, "permits", PERMIT_LABELS, str.upper),
        "languages": known_codes(check, "languages", LANGUAGE_LABELS, str.lower),
        "positions": int(positions) if positions else positions,
        "start_date": date_value(check, "start_date"),
        "insertion_clause": check.boolean("insertion_clause"),
    }
    publish = check.boolean("publish") or publish_all
    if check.result.errors:
        return None
    return _Clean(
        employer, source_id, fields, required, nice, publish, check.row.values.get("published_at")
    )


def _differs(offer: Offer, clean: _Clean) -> bool:
    for name, value in clean.fields.items():
        if name == "employer":
            name, value = "employer_id", value.pk
        if getattr(offer, name) != value:
            return True
    wanted = {(code, True) for code in clean.required} | {(code, False) for code in clean.nice}
    return set(offer.skill_links.values_list("skill_id", "required")) != wanted


def _publish(offer: Offer, clean: _Clean, check: RowCheck, by: User | None) -> bool:
    """Publish ``offer`` if the row asks it and nobody decided otherwise; True if it moved."""
    if not clean.publish or offer.status == Status.PUBLISHED:
        return False
    if offer.status in {Status.FILLED, Status.CLOSED}:
        check.warn("publish", f"Offre {offer.get_status_display().lower()} : pas republiée.")
        return False
    last = offer.transitions.order_by("at", "pk").values_list("name", flat=True).last()
    if last == "unpublish":
        check.warn("publish", "Offre dépubliée par l'équipe du territoire : pas republiée.")
        return False
    try:
        services.offer_transition(offer=offer, name="publish", by=by)
    except workflow.TransitionError as error:
        check.warn("publish", str(error))
        return False
    if clean.published_at and clean.published_at < timezone.now():
        Offer.objects.filter(pk=offer.pk).update(published_at=clean.published_at)
    return True


def _check_start(clean: _Clean, offer: Offer | None) -> None:
    """A start date set or changed by the row falls between today and two years on, as in the
    form; a date the offer already has is left alone, even once passed."""
    start = clean.fields["start_date"]
    if start is None or (offer is not None and offer.start_date == start):
        return
    if message := start_date_error(start):
        raise _Refused("start_date", message)


def _write(clean: _Clean, check: RowCheck, *, source: str, by: User | None) -> None:
    result = check.result
    offer = (
        Offer.objects.select_for_update(of=("self",))
        .select_related("employer")
        .filter(source=source, source_id=clean.source_id)
        .first()
    )
    if offer is not None and offer.employer_id != clean.employer.pk:
        raise _Refused(
            "source_id",
            f"Identifiant déjà utilisé par une offre de {offer.employer.name} : donnez à chaque "
            "offre un identifiant qui lui est propre (par exemple précédé du SIRET).",
        )
    _check_start(clean, offer)
    if offer is None:
        offer = Offer(source=source, source_id=clean.source_id, **clean.fields)
        result.outcome = "created"
    else:
        result.outcome = "updated" if _differs(offer, clean) else "unchanged"
        for name, value in clean.fields.items():
            setattr(offer, name, value)
    if result.outcome != "unchanged":
        services.offer_save(
            offer=offer, by=by, required_skills=clean.required, nice_skills=clean.nice
        )
    if _publish(offer, clean, check, by) and result.outcome == "unchanged":
        result.outcome = "updated"
    result.offer_id = offer.pk


def import_rows(
    parsed: Parsed,
    *,
    source: str,
    employer: Organisation | None = None,
    publish: bool = False,
    dry_run: bool = False,
    by: User | None = None,
) -> Report:
    """Check and write the rows of a parsed file; see ``import_file``."""
    if employer is not None and employer.kind != Organisation.Kind.EMPLOYER:
        raise ImportFileError(f"{employer.name} n'est pas un employeur.")
    if employer is None and "siret" not in parsed.columns:
        raise ImportFileError(
            "Colonne siret manquante : elle désigne l'employeur de chaque offre. Ajoutez-la, "
            "ou choisissez l'employeur de tout le fichier."
        )
    if not parsed.rows:
        raise ImportFileError("Le fichier ne contient aucune offre.")
    ref = Reference()
    fmt = "json" if source == Offer.Source.FRANCE_TRAVAIL else "csv"
    report = Report(format=fmt, notes=parsed.notes, dry_run=dry_run)
    seen: dict[str, int] = {}
    # A dry run writes like a real one, then rolls everything back.
    with transaction.atomic() if dry_run else contextlib.nullcontext():
        for row in parsed.rows:
            result = RowResult(
                row.number,
                str(row.values.get("source_id") or ""),
                str(row.values.get("title") or ""),
            )
            report.rows.append(result)
            check = RowCheck(row, result)
            for column, message in row.errors:
                check.error(column, message)
            for column, message in row.warnings:
                check.warn(column, message)
            clean = _clean(check, ref, employer, publish)
            if clean is None:
                continue
            if clean.source_id in seen:
                check.error("source_id", f"Identifiant déjà vu ligne {seen[clean.source_id]}.")
                continue
            seen[clean.source_id] = row.number
            try:
                with transaction.atomic():
                    _write(clean, check, source=source, by=by)
            except _Refused as refused:
                result.outcome = "refused"
                check.error(refused.column, refused.message)
            except DatabaseError as error:
                logger.exception("Import of row %s failed", row.number)
                result.outcome = "refused"
                check.error(
                    "",
                    "Enregistrement impossible : cette offre est modifiée au même moment "
                    "(un autre import ?) ; réessayez."
                    if isinstance(error, IntegrityError)
                    else "Enregistrement impossible : une valeur est refusée par la base.",
                )
            if result.outcome == "refused":
                result.offer_id = None
        if dry_run:
            transaction.set_rollback(True)
    return report


def import_file(
    data: bytes,
    *,
    name: str = "",
    fmt: str | None = None,
    employer: Organisation | None = None,
    publish: bool = False,
    dry_run: bool = False,
    by: User | None = None,
) -> Report:
    """Import the offers of a CSV (``fmt="csv"``) or France Travail JSON (``"json"``) file.

    The format is guessed from the content and ``name`` when not given. ``employer`` is the
    employer of every offer of the file (else the ``siret`` of each row names it); ``publish``
    publishes every imported offer; ``dry_run`` checks and rolls back. Raises ``ImportFileError``
    when the file as a whole cannot be read: nothing is written then.
    """
    text = read_text(data)
    fmt = fmt or detect_format(name, text)
    reader = imports_ft if fmt == "json" else imports_csv
    source = Offer.Source.FRANCE_TRAVAIL if fmt == "json" else Offer.Source.CSV
    return import_rows(
        reader.parse(text),
        source=source,
        employer=employer,
        publish=publish,
        dry_run=dry_run,
        by=by,
    )
