"""Exports of a structure's own figures, for its reporting: the caseload, the referrals and
their outcomes month by month, as CSV (semicolons, UTF-8 with BOM: Excel in French opens it as
is) or XLSX. The structure's notes are never exported.

Cells hold what residents, employers and advisors typed (names, phone numbers, offer titles):
opening the file in a spreadsheet must never run it as a formula (CSV/formula injection). In CSV,
a text starting like a formula is neutralised with a leading apostrophe. In XLSX, cells are typed:
a text is written as typed and stored as text, even when it starts with "=" (which openpyxl
would otherwise store as a formula). Numbers and dates stay what they are.
"""

import csv
import io
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from accounts.models import Organisation
from advisors.selectors import followed
from referentiel.models import Appellation
from referrals.models import Referral, Status
from residents.models import LEVELS
from vitrine.spreadsheet import csv_cell, xlsx_cell

LEVEL_WORDS = dict(LEVELS)


@dataclass
class Table:
    title: str
    header: list[str]
    rows: list[list]


def _day(value):
    return timezone.localtime(value).date() if value else None


def _count(structure: Organisation, **filters):
    rows = (
        Referral.objects.filter(structure=structure, resident_id=OuterRef("user_id"), **filters)
        .order_by()
        .values("resident_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def caseload_table(*, structure: Organisation) -> Table:
    """One row per resident followed: contact, place, QPV, level, trades, activity, referrals."""
    profiles = (
        followed(structure=structure)
        .annotate(
            since=Subquery(
                structure.consents.filter(
                    profile=OuterRef("pk"), kind="followup", revoked_at__isnull=True
                ).values("given_at")[:1]
            ),
            referrals=_count(structure),
            hires=_count(structure, status=Status.HIRED),
        )
        .select_related("user", "commune", "qpv")
        .prefetch_related(Prefetch("sought", queryset=Appellation.objects.only("pk", "label")))
        .order_by("user__last_name", "user__first_name", "pk")
    )
    header = [
        "Nom", "Prénom", "E-mail", "Téléphone", "Commune", "Quartier prioritaire (QPV)",
        "QPV confirmé", "Diplôme", "Métiers recherchés", "Suivi depuis", "Dernière activité",
        "Orientations", "Embauches",
    ]  # fmt: skip
    rows = [
        [
            p.user.last_name,
            p.user.first_name,
            p.user.email,
            p.phone,
            p.commune.name if p.commune else "",
            p.qpv.name if p.qpv else "",
            "oui" if p.qpv_verified else "non",
            LEVEL_WORDS.get(p.level, ""),
            " ; ".join(job.label for job in p.sought.all()),
            _day(p.since),
            _day(p.last_activity_at),
            p.referrals,
            p.hires,
        ]
        for p in profiles
    ]
    return Table("Personnes suivies", header, rows)


def referrals_table(*, structure: Organisation) -> Table:
    """One row per referral of the structure, newest first."""
    referrals = Referral.objects.filter(structure=structure).select_related(
        "resident", "offer", "offer__employer", "offer__commune", "advisor"
    )
    header = [
        "Proposée le", "Personne", "E-mail", "Offre", "Employeur", "Lieu", "Conseiller", "État",
        "Envoyée le", "Raison du refus", "Début du contrat", "Habitant QPV",
        "Envoi direct (délégation)",
    ]  # fmt: skip
    rows = [
        [
            _day(r.created_at),
            r.resident.get_full_name() if r.resident else "Compte supprimé",
            r.resident.email if r.resident else "",
            r.offer.title,
            r.offer.employer.name,
            r.offer.commune.name,
            r.advisor.get_full_name() if r.advisor else "",
            r.get_status_display(),
            _day(r.sent_at),
            r.get_refusal_reason_display() if r.refusal_reason else "",
            r.hired_start,
            "oui" if r.resident_in_qpv else "non",
            "oui" if r.delegated else "non",
        ]
        for r in referrals
    ]
    return Table("Orientations", header, rows)


OUTCOMES = [
    ("Orientations", Q()),
    ("Déclinées par la personne", Q(status=Status.DECLINED)),
    ("Envoyées à l'employeur", Q(sent_at__isnull=False)),
    ("En cours chez l'employeur", Q(status__in=[Status.SENT, Status.INTERVIEW])),
    ("Embauches", Q(status=Status.HIRED)),
    ("dont habitants QPV", Q(status=Status.HIRED, resident_in_qpv=True)),
    ("Refusées par l'employeur", Q(status=Status.REFUSED)),
    ("Annulées", Q(status=Status.CANCELLED)),
]


def outcomes_table(*, structure: Organisation) -> Table:
    """Referrals by month of proposal and by outcome, in one query."""
    aggregates = {f"c{i}": Count("pk", filter=q) for i, (_label, q) in enumerate(OUTCOMES)}
    months = (
        Referral.objects.filter(structure=structure)
        .annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(**aggregates)
        .order_by("month")
    )
    totals = defaultdict(int)
    rows = []
    for month in months:
        values = [month[f"c{i}"] for i in range(len(OUTCOMES))]
        for i, value in enumerate(values):
            totals[i] += value
        rows.append([timezone.localtime(month["month"]).strftime("%Y-%m"), *values])
    rows.append(["Total", *(totals[i] for i in range(len(OUTCOMES)))])
    return Table("Résultats", ["Mois", *(label for label, _q in OUTCOMES)], rows)


TABLES = {
    "personnes": caseload_table,
    "orientations": referrals_table,
    "resultats": outcomes_table,
}


def _text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value)


def to_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(table.header)
    writer.writerows([_text(csv_cell(v)) for v in row] for row in table.rows)
    return ("\ufeff" + out.getvalue()).encode()


def to_xlsx(table: Table) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = table.title[:31]
    sheet.append(table.header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([xlsx_cell(v) for v in row])
    # openpyxl stores a text starting with "=" as a formula (and "#N/A"… as an error): keep what
    # was typed a text cell instead.
    for cell in (cell for line in sheet.iter_rows(min_row=2) for cell in line):
        if cell.data_type in ("f", "e"):
            cell.data_type = "s"
    for column in sheet.columns:
        width = max(len(_text(cell.value)) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(10, width + 2), 50)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
