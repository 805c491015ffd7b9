"""The public figures (``/chiffres/``): offers and hires of the last 12 months, with no personal
data and no count under 10.

A count under 10 is written "moins de 10" (zero included). A hidden cell is never alone in a
column whose total is published: the total minus the others would give it away, so the next
smallest cell is hidden too. A share is published only when both the people it counts and the
others are at least 10.
"""

from __future__ import annotations

from observatory import charts, charts_map, queries, queries_hiring
from observatory.cache import cached
from observatory.figures_hiring import HIRES
from observatory.figures_offers import OFFERS
from observatory.filters import Filters
from observatory.formats import HIDDEN, share
from observatory.tables import Column, Figure, Table
from vitrine.french import counted, number

THRESHOLD = 10
COUNTS = ["published", "open", "filled"]
COLUMNS = [
    Column("published", "Offres publiées"),
    Column("open", "Encore ouvertes"),
    Column("filled", "Pourvues"),
]


def hide(value: int) -> int | str:
    return HIDDEN if value < THRESHOLD else value


def suppress(rows: list[dict], keys: list[str]) -> list[dict]:
    """Copies of ``rows`` with the counts of ``keys`` under the threshold hidden, and never a
    single hidden cell in a column (its total is published)."""
    out = [dict(row) for row in rows]
    for key in keys:
        for row in out:
            row[key] = hide(row[key])
        hidden = [row for row in out if row[key] == HIDDEN]
        shown = [row for row in out if row[key] != HIDDEN]
        if len(hidden) == 1 and shown:
            min(shown, key=lambda row: row[key])[key] = HIDDEN
    return out


def _share(part: int, whole: int) -> str:
    if part < THRESHOLD or whole - part < THRESHOLD:
        return "non publiée (moins de 10 personnes d'un côté)"
    return f"{number(share(part, whole), 1)} %"


def _data(filters: Filters) -> dict:
    time = queries.offers_over_time(filters)
    hires = queries_hiring.hires_total(queries_hiring.hires_by_month(filters))
    fill = queries.time_to_fill(filters, by="domain")
    return {
        "published": sum(r["published"] for r in time),
        "filled": sum(r["filled"] for r in time),
        "open": time[-1]["open"] if time else 0,
        "hires": hires,
        "fill": fill[0] if fill and fill[0]["key"] is None else None,
        "domains": queries.offers_by_sector(filters, by="domain"),
        "communes": queries.offers_by_commune(filters)["communes"],
    }


def public_figures() -> tuple[Filters, list[Figure]]:
    """The figures of the public page, over the last 12 months."""
    filters = Filters.default()
    data = cached("public", filters.key, (*OFFERS, *HIRES), lambda: _data(filters))
    hires = data["hires"]
    resident = hires["qpv"] + hires["territory_other"]
    fill = data["fill"]
    median = (
        counted(fill["median"], "jour", decimals=1)
        if fill and fill["filled"] >= THRESHOLD
        else "non publié (moins de 10 offres pourvues)"
    )
    key_rows = [
        {"label": "Offres publiées", "value": hide(data["published"])},
        {"label": "Offres ouvertes aujourd'hui", "value": hide(data["open"])},
        {"label": "Offres pourvues", "value": hide(data["filled"])},
        {"label": "Embauches déclarées", "value": hide(hires["hires"])},
        {"label": "Part des embauches pour des habitants du territoire",
         "value": _share(resident, hires["hires"])},
        {"label": "Part des embauches pour des habitants d'un QPV",
         "value": _share(hires["qpv"], hires["hires"])},
        {"label": "Délai médian pour pourvoir une offre", "value": median},
    ]  # fmt: skip
    for row in key_rows:
        if isinstance(row["value"], int):
            row["value"] = number(row["value"])
    key_figure = Figure(
        "chiffres-cles",
        "Chiffres clés",
        "",
        [
            Table(
                "chiffres-cles",
                f"Chiffres clés, {filters.label}",
                [Column("label", "Indicateur", "text"), Column("value", "Valeur", "text")],
                key_rows,
            )
        ],
        numbers=[(r["label"], r["value"]) for r in key_rows[:4]],
    )
    return filters, [key_figure, _domain_figure(filters, data), _commune_figure(filters, data)]


def _domain_figure(filters: Filters, data: dict) -> Figure:
    rows = suppress(data["domains"], COUNTS)
    title = "Offres publiées par grand domaine de métiers"
    bars = [
        charts.Bar(r["label"], None if r["published"] == HIDDEN else r["published"],
                   r["published"] if r["published"] == HIDDEN else number(r["published"]))
        for r in rows
    ]  # fmt: skip
    shown = [r for r in rows if r["published"] != HIDDEN]
    desc = (
        f"{shown[0]['label']} compte le plus d'offres publiées ({number(shown[0]['published'])})"
        f" {filters.label} ; les domaines de moins de 10 offres ne sont pas chiffrés."
        if shown
        else "Moins de 10 offres publiées dans chaque domaine."
    )
    return Figure(
        "domaines",
        title,
        charts.hbars("chart-public-domains", title, desc, bars) if rows else "",
        [Table("domaines", title, [Column("label", "Grand domaine", "text"), *COLUMNS], rows)],
        empty="" if rows else "Aucune offre publiée.",
    )


def _commune_figure(filters: Filters, data: dict) -> Figure:
    rows = suppress(data["communes"], COUNTS)
    title = "Offres publiées par commune du poste"
    tiles = [
        charts.Tile(
            r["code"], r["name"], r["latitude"], r["longitude"],
            None if r["published"] == HIDDEN else r["published"],
            r["published"] if r["published"] == HIDDEN else number(r["published"]),
        )
        for r in rows
    ]  # fmt: skip
    shown = sorted((r for r in rows if r["published"] != HIDDEN), key=lambda r: -r["published"])
    desc = (
        f"Carte des {len(rows)} communes du territoire. {shown[0]['name']} compte le plus "
        f"d'offres publiées ({number(shown[0]['published'])}) ; les communes de moins de 10 "
        "offres sont hachurées."
        if shown
        else f"Carte des {len(rows)} communes du territoire : moins de 10 offres dans chacune."
    )
    return Figure(
        "communes",
        title,
        charts_map.tile_map(
            "chart-public-map", title, desc, tiles, unit="offres publiées", floor=THRESHOLD
        ),
        [Table("communes", title, [Column("name", "Commune", "text"), *COLUMNS], rows)],
        lead="Chaque case est une commune, placée comme sur une carte.",
    )
