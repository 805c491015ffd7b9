"""The columns of an offer import: read from a CSV file, and checked against the reference data.

One offer a line, in the columns documented in ``docs/IMPORT.md``. They are the common shape of
every import: the France Travail reader (``offers.imports_ft``) translates its JSON into the same
columns; ``offers.imports`` checks each row with the functions below and writes it.
"""

import contextlib
import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from accounts.models import Organisation
from referentiel.models import Appellation, Commune, Occupation, Skill
from referentiel.selectors import core_skill_codes
from referentiel.suggestions import named_title, suggest_titles

# The columns, in the order of docs/IMPORT.md. ``siret`` is required unless one employer is
# chosen for the whole file.
COLUMNS = [
    "source_id",
    "siret",
    "title",
    "appellation",
    "code_rome",
    "description",
    "commune",
    "contract",
    "hours_per_week",
    "salary_min",
    "salary_max",
    "salary_period",
    "level",
    "level_strict",
    "experience",
    "required_skills",
    "nice_skills",
    "permits",
    "languages",
    "positions",
    "start_date",
    "insertion_clause",
    "publish",
]
REQUIRED = ["source_id", "title", "description", "commune", "contract"]
# Other names accepted in the header for the same column.
ALIASES = {"code_ogr": "appellation", "code_insee": "commune"}
_TRUE = {"oui", "o", "yes", "y", "true", "vrai", "1", "x"}
_FALSE = {"non", "n", "no", "false", "faux", "0", ""}
PERIODS = {"hour": "hour", "heure": "hour", "horaire": "hour", "month": "month", "mois": "month"}
PERIODS |= {"mensuel": "month", "year": "year", "an": "year", "annee": "year", "annuel": "year"}
EXPERIENCE = {"none": "none", "d": "none", "debutant": "none", "debutant accepte": "none"}
EXPERIENCE |= {"wished": "wished", "s": "wished", "souhaitee": "wished"}
EXPERIENCE |= {"required": "required", "e": "required", "exigee": "required"}
OUTCOMES = {"created": "créée", "updated": "mise à jour", "unchanged": "inchangée"}
OUTCOMES |= {"refused": "refusée"}


def plain(text: str) -> str:
    """Lower case without accents: "Véhicule léger" → "vehicule leger"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()


class ImportFileError(Exception):
    """The file as a whole cannot be read (not CSV or JSON, no header…): nothing is written."""


@dataclass
class SourceRow:
    """One offer read from a file, in the CSV's columns, before any check.

    ``number`` is the line of the CSV file (the header is line 1) or the position of the offer in
    a JSON list. ``names`` gives, for a column, the name the file uses for it, so that messages
    speak the file's language. ``lenient`` rows (France Travail) drop unknown reference codes
    with a warning instead of being refused: their author cannot fix them.
    """

    number: int
    values: dict[str, Any]
    names: dict[str, str] = field(default_factory=dict)
    errors: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    lenient: bool = False

    def name(self, column: str) -> str:
        return self.names.get(column, column)


@dataclass
class Parsed:
    rows: list[SourceRow]
    columns: set[str]
    notes: list[str] = field(default_factory=list)


def _delimiter(header_line: str) -> str:
    # Spreadsheets set to French export with ";"; others with ","; "Unicode text" with tabs.
    counts = {sep: header_line.count(sep) for sep in (",", ";", "\t")}
    return max(counts, key=lambda sep: counts[sep]) if any(counts.values()) else ","


def parse(text: str) -> Parsed:
    """Rows of a CSV text whose first line names the columns.

    Raises ``ImportFileError`` when the header lacks a required column or names one twice.
    """
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    source = io.StringIO(text.lstrip("\ufeff"), newline="")
    reader = csv.reader(source, delimiter=_delimiter(first_line))
    try:
        header = next(reader, None)
        if not header or not any(cell.strip() for cell in header):
            raise ImportFileError(
                "Le fichier est vide : la première ligne doit nommer les colonnes."
            )
        names = [cell.strip().lower() for cell in header]
        columns = [ALIASES.get(name, name) for name in names]
        twice = sorted({name for name in columns if name and columns.count(name) > 1})
        if twice:
            raise ImportFileError(f"Colonne présente deux fois : {', '.join(twice)}.")
        missing = [name for name in REQUIRED if name not in columns]
        if missing:
            raise ImportFileError(
                f"Colonnes manquantes : {', '.join(missing)}. La première ligne du fichier doit "
                "nommer les colonnes décrites dans la documentation de l'import (par exemple "
                "source_id, siret, title, description, commune, contract)."
            )
        notes = [
            f"Colonne « {name} » inconnue : elle est ignorée."
            for name, column in zip(names, columns, strict=True)
            if name and column not in COLUMNS
        ]
        rows = []
        start = reader.line_num + 1
        for record in reader:
            number, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in record):
                continue
            values = {
                column: cell
                for column, cell in zip(columns, record, strict=False)
                if column in COLUMNS
            }
            row = SourceRow(
                number=number,
                values=values,
                names={column: name for name, column in zip(names, columns, strict=True)},
            )
            if len(record) > len(header):
                row.errors.append(
                    (
                        "",
                        f"La ligne compte {len(record)} cellules pour {len(header)} colonnes : "
                        "une cellule contient sans doute le séparateur sans être entre guillemets.",
                    )
                )
            rows.append(row)
    except csv.Error as error:
        raise ImportFileError(
            f"Fichier CSV illisible ligne {reader.line_num} : {error}. Enregistrez-le au format "
            "« CSV UTF-8 » depuis votre tableur."
        ) from error
    return Parsed(rows=rows, columns=set(columns) & set(COLUMNS), notes=notes)


class Problem(NamedTuple):
    row: int
    field: str
    message: str


@dataclass
class RowResult:
    row: int
    source_id: str
    title: str
    outcome: str = "refused"
    offer_id: int | None = None
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def outcome_label(self) -> str:
        return OUTCOMES[self.outcome]


class Reference:
    """Reference data read once per import: a few queries, whatever the number of rows."""

    def __init__(self):
        self.communes: set[str] = set()
        self.postal: dict[str, list[str]] = {}
        for code, name, postal_codes in Commune.objects.values_list(
            "code_insee", "name", "postal_codes"
        ):
            self.communes.add(code)
            for postal in postal_codes:
                self.postal.setdefault(postal, []).append(f"{code} ({name})")
        self.appellations, self.labels, self.main = {}, {}, {}
        rows = Appellation.objects.order_by("-main", "rare").values_list(
            "code_ogr", "label", "occupation_id"
        )
        for code, label, rome in rows:
            self.appellations[code] = rome
            self.labels.setdefault((rome, plain(label)), code)
            self.main.setdefault(rome, (code, label))
        self.occupations = set(Occupation.objects.values_list("code", flat=True))
        self.skills = set(Skill.objects.values_list("code", flat=True))
        self._core: dict[str, list[str]] = {}
        self._employers: dict[str, list[Organisation]] = {}

    def core(self, rome: str) -> list[str]:
        if rome not in self._core:
            self._core[rome] = core_skill_codes(occupation_code=rome)
        return self._core[rome]

    def employers(self, siret: str) -> list[Organisation]:
        if siret not in self._employers:
            self._employers[siret] = list(
                Organisation.objects.filter(kind=Organisation.Kind.EMPLOYER, siret=siret)
            )
        return self._employers[siret]


class RowCheck:
    """Reads the values of one row, noting each problem under the file's name for the column."""

    def __init__(self, row: SourceRow, result: RowResult):
        self.row, self.result = row, result

    def error(self, column: str, message: str) -> None:
        self.result.errors.append(Problem(self.row.number, self.row.name(column), message))

    def warn(self, column: str, message: str) -> None:
        self.result.warnings.append(Problem(self.row.number, self.row.name(column), message))

    def unknown(self, column: str, message: str) -> None:
        """A code the reference data does not know: refused in a CSV, dropped from France
        Travail (whose author cannot fix it)."""
        if self.row.lenient:
            self.warn(column, f"{message} L'offre est importée sans.")
        else:
            self.error(column, message)

    def text(self, column: str) -> str:
        value = self.row.values.get(column)
        return "" if value is None else str(value).strip()

    def required(self, column: str, what: str, max_length: int | None = None) -> str:
        value = self.text(column)
        if not value:
            self.error(column, f"{what} : cette information est obligatoire.")
        elif max_length and len(value) > max_length:
            self.error(column, f"{what} : {max_length} caractères au plus (ici {len(value)}).")
        return value

    def number(self, column, *, what, low, high, default=None, whole=False) -> Decimal | None:
        value = self.row.values.get(column)
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            number = Decimal(str(value))
        else:
            raw = self.text(column)
            if not raw:
                return default
            cleaned = re.sub(r"[\s\u00a0\u202f€]", "", raw).replace(",", ".")
            try:
                number = Decimal(cleaned)
            except InvalidOperation:
                self.error(column, f"« {raw} » n'est pas un nombre.")
                return None
        if not number.is_finite() or not low <= number <= high or (whole and number % 1):
            kind = "un nombre entier" if whole else "un nombre"
            self.error(column, f"{what} : {kind} de {low} à {high} est attendu (ici « {value} »).")
            return None
        return number

    def boolean(self, column: str) -> bool:
        value = self.row.values.get(column)
        if isinstance(value, bool):
            return value
        said = plain(self.text(column))
        if said not in _TRUE | _FALSE:
            self.error(column, f"« {self.text(column)} » : répondez oui ou non.")
        return said in _TRUE

    def choice(self, column: str, words: dict[str, str], default: str, hint: str) -> str:
        said = plain(self.text(column))
        if not said:
            return default
        if said not in words:
            self.error(column, f"« {self.text(column)} » n'est pas une valeur possible : {hint}.")
        return words.get(said, default)

    def codes(self, column: str) -> list[str]:
        value = self.row.values.get(column) or []
        items = value if isinstance(value, list) else re.split(r"[\s,;|]+", str(value))
        return list(dict.fromkeys(str(item).strip() for item in items if str(item).strip()))


def appellation_code(check: RowCheck, ref: Reference) -> str | None:
    given, title = check.text("appellation"), check.text("title")
    rome = check.text("code_rome").upper()
    if given.isdigit():
        if given in ref.appellations:
            return given
        check.error("appellation", f"Code OGR « {given} » inconnu du ROME 4.0 (ex. : 11679).")
        return None
    if rome and rome not in ref.occupations:
        if not check.row.lenient:
            check.error("code_rome", f"Code ROME « {rome} » inconnu du ROME 4.0 (ex. : N1103).")
            return None
        check.warn("code_rome", f"Code ROME « {rome} » inconnu : métier déduit de l'intitulé.")
        rome = ""
    texts = [text for text in (given, title) if text]
    if rome:
        for text in texts:
            if code := ref.labels.get((rome, plain(text))):
                return code
        for text in texts:
            for suggestion in suggest_titles(text, 100):
                if suggestion.code_rome == rome:
                    return suggestion.code_ogr
        code, label = ref.main.get(rome, (None, ""))
        if code is None:
            check.error("code_rome", f"La fiche {rome} n'a aucune appellation.")
            return None
        check.warn("title", f"Intitulé sans équivalent dans la fiche {rome} : « {label} » retenu.")
        return code
    closest = []
    for text in texts:
        named, found = named_title(text)
        if named is not None:
            check.warn("title", f"Métier déduit de l'intitulé : {named.label} ({named.code_rome}).")
            return named.code_ogr
        closest = closest or found
    if closest:
        examples = " ; ".join(f"{s.code_ogr} {s.label} ({s.code_rome})" for s in closest[:3])
        check.error(
            "title",
            "L'intitulé ne permet pas de savoir de quel métier il s'agit : ajoutez la colonne "
            f"code_ogr ou code_rome. Métiers proches : {examples}.",
        )
        return None
    check.error("title", "Aucun métier du ROME ne correspond : ajoutez la colonne code_ogr.")
    return None


def commune_code(check: RowCheck, ref: Reference) -> str | None:
    code = check.text("commune")
    if code in ref.communes:
        return code
    if not code:
        check.error("commune", "Lieu de travail manquant : le code INSEE de la commune.")
    elif code in ref.postal:
        check.error(
            "commune",
            f"« {code} » est un code postal : indiquez le code INSEE de la commune, "
            f"{' ou '.join(ref.postal[code])}.",
        )
    else:
        check.error(
            "commune",
            f"Commune inconnue : « {code} ». Indiquez le code INSEE d'une commune "
            "d'Île-de-France (5 chiffres, par exemple 94054 pour Orly).",
        )
    return None


def skill_codes(check: RowCheck, ref: Reference, rome: str | None) -> tuple[list[str], list[str]]:
    lists = []
    for column in ("required_skills", "nice_skills"):
        codes = check.codes(column)
        if unknown := [code for code in codes if code not in ref.skills]:
            check.unknown(column, f"Compétences inconnues du ROME 4.0 : {', '.join(unknown)}.")
        lists.append([code for code in codes if code in ref.skills])
    required, nice = lists
    # A row describes the whole offer each time it is imported: no required skill given means
    # the core skills of the occupation (docs/IMPORT.md), as for a new offer in the form.
    required = required or (ref.core(rome) if rome else [])
    return required, [code for code in nice if code not in required]


def known_codes(check: RowCheck, column: str, known: dict[str, str], case) -> list[str]:
    codes = [case(code) for code in check.codes(column)]
    if unknown := [code for code in codes if code not in known]:
        check.unknown(column, f"Codes inconnus : {', '.join(unknown)} (voir docs/IMPORT.md).")
    return sorted(code for code in codes if code in known)


def date_value(check: RowCheck, column: str) -> date | None:
    raw = check.text(column)
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        with contextlib.suppress(ValueError):
            return datetime.strptime(raw, pattern).date()
    if raw:
        check.error(column, f"Date « {raw} » illisible : AAAA-MM-JJ ou JJ/MM/AAAA.")
    return None
