"""Insertion-clause hours achieved against the operations' targets."""

from __future__ import annotations

from observatory import charts, queries_clauses
from observatory.cache import cached
from observatory.filters import Filters
from observatory.formats import share
from observatory.tables import Column, Figure, Table
from vitrine.french import counted, number, plural

CLAUSES = ("clauses", "referrals", "applications", "offers")


def clauses_page(filters: Filters) -> list[Figure]:
    rows = cached("clauses", filters.key, CLAUSES, lambda: queries_clauses.operations(filters))
    title = "Heures d'insertion réalisées face aux objectifs, par opération"
    if not rows:
        empty = f"Aucune opération sous clause d'insertion en cours {filters.label}."
        return [Figure("clauses", title, "", [], empty=empty)]
    for row in rows:
        row["achieved"] = share(row["hours"], row["target"])
        row["qpv_share"] = share(row["qpv_hours"], row["hours"])
        row["period"] = f"{row['starts_on']:%d/%m/%Y} – {row['ends_on']:%d/%m/%Y}"
    target = sum(r["target"] for r in rows)
    hours = sum(r["hours"] for r in rows)
    qpv_hours = sum(r["qpv_hours"] for r in rows)
    total = {
        "name": "Ensemble",
        "target": target,
        "hours": hours,
        "hires": sum(r["hires"] for r in rows),
        "qpv_hours": qpv_hours,
        "achieved": share(hours, target),
        "qpv_share": share(qpv_hours, hours),
    }
    desc = (
        f"{counted(hours, 'heure')} d'insertion {plural(hours, 'réalisée')} sur "
        f"{number(target)} {plural(target, 'prévue')} ({number(total['achieved'], 1)} %) pour "
        f"{counted(len(rows), 'opération')} en cours {filters.label}."
    )
    bars = [
        charts.Bar(
            r["name"],
            r["hours"],
            f"{number(r['hours'])} h sur {number(r['target'])} h ({number(r['achieved'], 1)} %)",
        )
        for r in rows[:15]
    ]
    columns = [
        Column("name", "Opération", "text"),
        Column("authority", "Maître d'ouvrage ou acheteur", "text"),
        Column("facilitator", "Facilitateur", "text"),
        Column("period", "Période", "text"),
        Column("target", "Heures prévues"),
        Column("hours", "Heures réalisées"),
        Column("achieved", "Réalisé (%)", "pct"),
        Column("hires", "Personnes embauchées"),
        Column("qpv_share", "Part des heures par des habitants d'un QPV (%)", "pct"),
    ]
    return [
        Figure(
            "clauses",
            title,
            charts.progress("chart-clauses", title, desc, bars, [r["target"] for r in rows[:15]]),
            [Table("clauses", "Heures d'insertion par opération", columns, [*rows, total])],
            lead="Les opérations (marchés publics, lots du Grand Paris Express…) en cours "
            "pendant la période, avec toutes leurs heures à ce jour ; la barre hachurée est "
            "l'objectif, la barre pleine ce qui est réalisé. Avec une commune, les opérations "
            "qui ont une offre dans cette commune.",
            numbers=[
                ("Heures réalisées", f"{number(hours)} h"),
                ("Objectif", f"{number(target)} h"),
                ("Réalisé", f"{number(total['achieved'], 1)} %"),
            ],
        )
    ]
