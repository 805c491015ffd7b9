"""Referrals (an advisor proposes a resident for an offer) and their outcome, by kind of
advisory structure: proposed → sent to the employer → interview → hire."""

from __future__ import annotations

from accounts.models import Organisation
from observatory import charts, queries_hiring
from observatory.cache import cached
from observatory.figures_hiring import FUNNEL_COLUMNS, funnel_rows, stage_text
from observatory.filters import Filters
from observatory.formats import share
from observatory.tables import Column, Figure, Table
from vitrine.french import number

REFERRALS = ("offers", "referrals", "reference")
STAGES = [
    ("referrals", "Orientations proposées"),
    ("sent", "Envoyées à l'employeur"),
    ("interviews", "Entretiens"),
    ("hires", "Embauches"),
]
KINDS = dict(Organisation.StructureKind.choices)


def referrals_figures(filters: Filters) -> list[Figure]:
    rows = cached(
        "referrals", filters.key, REFERRALS, lambda: queries_hiring.referrals_by_kind(filters)
    )
    total = next((r for r in rows if r["kind"] is None), None)
    kinds = [r for r in rows if r["kind"] is not None]
    empty = f"Aucune orientation {filters.label}."
    if total is None or not total["referrals"]:  # ROLLUP gives a total row, even of nothing
        return [Figure("orientations", "Des orientations aux embauches", "", [], empty=empty)]
    stages = funnel_rows(total, STAGES)
    title = "Des orientations aux embauches"
    desc = (
        f"{number(total['referrals'])} orientations proposées par les conseillers "
        f"{filters.label} ; {number(total['sent'])} envoyées à l'employeur, "
        f"{number(total['interviews'])} entretiens, {number(total['hires'])} embauches."
    )
    funnel = Figure(
        "orientations",
        title,
        charts.funnel(
            "chart-referrals",
            title,
            desc,
            [charts.Bar(r["label"], r["count"], stage_text(r)) for r in stages],
        ),
        [Table("orientations", title, FUNNEL_COLUMNS, stages)],
        lead="Les orientations proposées pendant la période par les conseillers des "
        "structures d'accompagnement, et ce qu'elles sont devenues à ce jour.",
    )
    for row in [*kinds, total]:
        row["label"] = KINDS.get(row["kind"], row["kind"]) if row["kind"] else "Ensemble"
        row["hire_rate"] = share(row["hires"], row["referrals"])
    k_title = "Part des orientations qui mènent à une embauche, par type de structure"
    bars = [
        charts.Bar(
            r["label"],
            r["hire_rate"],
            f"{number(r['hire_rate'], 1)} % ({number(r['hires'])} sur {number(r['referrals'])})",
        )
        for r in kinds
    ]
    best = max(kinds, key=lambda r: r["hire_rate"] or 0)
    k_desc = (
        f"{best['label']} : {number(best['hire_rate'], 1)} % de ses orientations mènent à une "
        f"embauche {filters.label}."
    )
    columns = [
        Column("label", "Type de structure", "text"),
        Column("referrals", "Orientations"),
        Column("sent", "Envoyées à l'employeur"),
        Column("interviews", "Entretiens"),
        Column("hires", "Embauches"),
        Column("hire_rate", "Part menant à une embauche (%)", "pct"),
    ]
    by_kind = Figure(
        "structures",
        k_title,
        charts.hbars("chart-referral-kinds", k_title, k_desc, bars),
        [Table("structures", "Orientations par type de structure", columns, [*kinds, total])],
    )
    return [funnel, by_kind]
