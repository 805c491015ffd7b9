"""The pages about applications, referrals and hires: the funnels and who was hired."""

from __future__ import annotations

from observatory import charts, queries_hiring
from observatory.cache import cached
from observatory.filters import Filters, month_label
from observatory.formats import share
from observatory.tables import Column, Figure, Table
from vitrine.french import number

APPLICATIONS = ("offers", "applications", "reference")
HIRES = ("offers", "applications", "referrals", "reference")
STAGES = [
    ("applications", "Candidatures"),
    ("interviews", "Entretiens"),
    ("hires", "Embauches"),
]


def funnel_rows(counts: dict, stages: list[tuple[str, str]]) -> list[dict]:
    first = counts[stages[0][0]]
    rows, previous = [], None
    for key, label in stages:
        value = counts[key]
        rows.append(
            {
                "label": label,
                "count": value,
                "of_first": share(value, first),
                "of_previous": share(value, previous) if previous is not None else None,
            }
        )
        previous = value
    return rows


FUNNEL_COLUMNS = [
    Column("label", "Étape", "text"),
    Column("count", "Nombre"),
    Column("of_first", "Part du départ (%)", "pct"),
    Column("of_previous", "Part de l'étape précédente (%)", "pct"),
]


def stage_text(row: dict) -> str:
    if row["of_first"] is None:
        return number(row["count"])
    return f"{number(row['count'])} ({number(row['of_first'], 1)} %)"


def applications_figure(filters: Filters) -> Figure:
    counts = cached("funnel", filters.key, APPLICATIONS, lambda: queries_hiring.funnel(filters))
    rows = funnel_rows(counts, STAGES)
    title = "Des candidatures aux embauches"
    desc = (
        f"{number(counts['applications'])} candidatures envoyées {filters.label} ; "
        f"{number(counts['interviews'])} ont mené à un entretien et "
        f"{number(counts['hires'])} à une embauche."
    )
    stages = [charts.Bar(r["label"], r["count"], stage_text(r)) for r in rows]
    return Figure(
        "candidatures",
        title,
        charts.funnel("chart-funnel", title, desc, stages) if counts["applications"] else "",
        [Table("candidatures", title, FUNNEL_COLUMNS, rows)],
        lead="Les candidatures envoyées pendant la période, et ce qu'elles sont devenues à ce "
        "jour : un entretien proposé, puis une embauche.",
        empty="" if counts["applications"] else f"Aucune candidature {filters.label}.",
    )


HIRE_SERIES = [
    ("qpv", "Habitants d'un QPV"),
    ("territory_other", "Autres habitants du territoire"),
    ("outside", "Hors du territoire"),
    ("unknown", "Commune inconnue"),
]


def hires_page(filters: Filters) -> list[Figure]:
    rows = cached("hires", filters.key, HIRES, lambda: queries_hiring.hires_by_month(filters))
    total = queries_hiring.hires_total(rows)
    resident = total["qpv"] + total["territory_other"]
    table_rows = [
        {
            "label": month_label(r["month"]),
            **r,
            "resident_share": share(r["qpv"] + r["territory_other"], r["hires"]),
            "qpv_share": share(r["qpv"], r["hires"]),
        }
        for r in rows
    ]
    table_rows.append(
        {
            "label": "Ensemble",
            **total,
            "resident_share": share(resident, total["hires"]),
            "qpv_share": share(total["qpv"], total["hires"]),
        }
    )
    title = "Embauches par lieu de résidence de la personne embauchée"
    resident_share, qpv_share = share(resident, total["hires"]), share(total["qpv"], total["hires"])
    desc = (
        f"{number(total['hires'])} embauches {filters.label} : "
        f"{number(resident_share, 1)} % pour des habitants du territoire, "
        f"{number(qpv_share, 1)} % pour des habitants d'un QPV."
        if total["hires"]
        else f"Aucune embauche {filters.label}."
    )
    series = [charts.Series(label, [r[key] for r in rows]) for key, label in HIRE_SERIES]
    categories = [month_label(r["month"], short=True) for r in rows]
    columns = [
        Column("label", "Mois", "text"),
        Column("hires", "Embauches"),
        Column("referrals", "Dont par une orientation"),
        *(Column(key, label) for key, label in HIRE_SERIES),
        Column("resident_share", "Part des habitants du territoire (%)", "pct"),
        Column("qpv_share", "Part des habitants d'un QPV (%)", "pct"),
    ]
    numbers = [("Embauches", number(total["hires"]))]
    if total["hires"]:
        numbers += [
            ("Pour des habitants du territoire", f"{number(resident_share, 1)} %"),
            ("Pour des habitants d'un QPV", f"{number(qpv_share, 1)} %"),
        ]
    return [
        Figure(
            "embauches",
            title,
            charts.columns("chart-hires", title, desc, categories, series)
            if total["hires"]
            else "",
            [Table("embauches", title, columns, table_rows)],
            lead="Les embauches sur candidature et sur orientation d'un conseiller. Une "
            "embauche compte le mois où l'employeur l'a déclarée. Le lieu de "
            "résidence est celui de la personne au moment de sa candidature ; il reste "
            "compté même si elle a depuis supprimé son compte. Le statut QPV n'est jamais "
            "montré aux employeurs.",
            numbers=numbers,
            empty="" if total["hires"] else f"Aucune embauche {filters.label}.",
        )
    ]
