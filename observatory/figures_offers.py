"""The pages about offers: published, open and filled (over time, by sector, by commune) and the
time to fill them. Each builder turns cached query rows into charts and tables."""

from __future__ import annotations

from observatory import charts, charts_map, queries
from observatory.cache import cached
from observatory.filters import Filters, add_months, month_label
from observatory.tables import Column, Figure, Table
from vitrine.french import counted, number, of, plural

OFFERS = ("offers", "reference")
SECTOR_TITLES = {
    "naf": ("Secteur d'activité de l'employeur (section NAF)", "secteur"),
    "domain": ("Grand domaine de métiers (ROME)", "domaine"),
}


def over_time_figure(filters: Filters) -> Figure:
    rows = cached("offers-time", filters.key, OFFERS, lambda: queries.offers_over_time(filters))
    for row in rows:
        row["label"] = month_label(row["month"])
    published = sum(r["published"] for r in rows)
    filled = sum(r["filled"] for r in rows)
    last = rows[-1] if rows else {"open": 0, "label": ""}
    desc = (
        f"{counted(published, 'offre publiée', 'offres publiées')} et {number(filled)} "
        f"{plural(filled, 'pourvue')} {filters.label} ; {number(last['open'])} "
        f"{plural(last['open'], 'ouverte')} fin {last['label']}."
    )
    series = [
        charts.Series("Publiées dans le mois", [r["published"] for r in rows]),
        charts.Series("Pourvues dans le mois", [r["filled"] for r in rows]),
        charts.Series("Ouvertes en fin de mois", [r["open"] for r in rows]),
    ]
    categories = [month_label(r["month"], short=True) for r in rows]
    title = "Offres publiées, pourvues et ouvertes, mois par mois"
    table = Table(
        "mois",
        "Offres par mois",
        [
            Column("label", "Mois", "text"),
            Column("published", "Publiées"),
            Column("filled", "Pourvues"),
            Column("open", "Ouvertes en fin de mois"),
        ],
        rows,
    )
    return Figure(
        "mois",
        title,
        charts.lines("chart-offers-time", title, desc, categories, series),
        [table],
        lead="Une offre ouverte a été publiée et n'est encore ni pourvue, ni fermée, ni expirée "
        "(à la date du jour pour le mois en cours).",
        numbers=[("Offres publiées", number(published)), ("Offres pourvues", number(filled))],
    )


def sector_figure(filters: Filters, by: str) -> Figure:
    rows = cached(
        f"offers-sector-{by}", filters.key, OFFERS, lambda: queries.offers_by_sector(filters, by=by)
    )
    title, word = SECTOR_TITLES[by]
    title = f"Offres publiées par {title[0].lower()}{title[1:]}"
    top = rows[:12]
    bars = [charts.Bar(r["label"], r["published"], number(r["published"])) for r in top]
    desc = (
        f"{top[0]['label']} compte le plus d'offres publiées ({number(top[0]['published'])}) "
        f"{filters.label}."
        if top
        else f"Aucune offre publiée {filters.label}."
    )
    columns = [
        Column("key", "Code", "text"),
        Column("label", word.capitalize(), "text"),
        Column("published", "Publiées"),
        Column("open", "Encore ouvertes"),
        Column("filled", "Pourvues"),
        Column("positions", "Postes"),
    ]
    return Figure(
        f"secteur-{by}",
        title,
        charts.hbars(f"chart-offers-{by}", title, desc, bars) if rows else "",
        [Table(f"secteur-{by}", title, columns, rows)],
        lead="Les 12 premiers dans le graphique ; tous dans le tableau." if len(rows) > 12 else "",
        empty="" if rows else f"Aucune offre publiée {filters.label}.",
    )


def commune_figure(filters: Filters) -> Figure:
    found = cached(
        "offers-commune", filters.key, OFFERS, lambda: queries.offers_by_commune(filters)
    )
    communes = found["communes"]
    selected = [c for c in communes if not filters.commune or c["code"] == filters.commune]
    for row in communes:
        row["per_1000"] = (
            round(1000 * row["published"] / row["population"], 1) if row["population"] else None
        )
    tiles = [
        charts.Tile(
            c["code"],
            c["name"],
            c["latitude"],
            c["longitude"],
            c["published"] if c in selected else None,
            number(c["published"]) if c in selected else "",
        )
        for c in communes
    ]
    title = "Offres publiées par commune du poste"
    best = max(selected, key=lambda c: c["published"], default=None)
    desc = (
        f"Carte des {len(communes)} communes du territoire. {best['name']} compte le plus "
        f"d'offres publiées ({number(best['published'])}) {filters.label}."
        if best and best["published"]
        else f"Aucune offre publiée {filters.label}."
    )
    columns = [
        Column("name", "Commune", "text"),
        Column("published", "Publiées"),
        Column("open", "Encore ouvertes"),
        Column("filled", "Pourvues"),
        Column("per_1000", "Publiées pour 1 000 habitants", "score"),
    ]
    lead = (
        "Chaque case est une commune, placée comme sur une carte ; la teinte suit la classe "
        "du nombre d'offres, écrit dans la case."
    )
    if found["outside"]:
        outside = counted(found["outside"], "offre publiée", "offres publiées")
        lead += f" Hors du territoire : {outside}."
    return Figure(
        "communes",
        title,
        charts_map.tile_map("chart-offers-map", title, desc, tiles, unit="offres publiées"),
        [Table("communes", title, columns, selected)],
        lead=lead,
    )


def offers_page(filters: Filters) -> list[Figure]:
    return [
        over_time_figure(filters),
        sector_figure(filters, "naf"),
        sector_figure(filters, "domain"),
        commune_figure(filters),
    ]


def _fill_figure(filters: Filters, by: str) -> Figure:
    rows = cached(f"fill-{by}", filters.key, OFFERS, lambda: queries.time_to_fill(filters, by=by))
    # ROLLUP's total row comes first, and comes even when nothing was filled.
    total = rows[0] if rows and rows[0]["key"] is None and rows[0]["filled"] else None
    sectors = [r for r in rows if r["key"] is not None]
    name, word = SECTOR_TITLES[by]
    title = f"Délai médian pour pourvoir une offre, par {name[0].lower()}{name[1:]}"
    bars = [
        charts.Bar(
            r["label"], r["median"], f"{number(r['median'], 1)} j ({counted(r['filled'], 'offre')})"
        )
        for r in sectors[:12]
    ]
    desc = (
        f"Délai médian : {counted(total['median'], 'jour', decimals=1)} sur "
        f"{counted(total['filled'], 'offre pourvue', 'offres pourvues')} {filters.label}."
        if total
        else f"Aucune offre pourvue {filters.label}."
    )
    columns = [
        Column("key", "Code", "text"),
        Column("label", word.capitalize(), "text"),
        Column("filled", "Offres pourvues"),
        Column("q1", "Premier quartile (jours)", "days"),
        Column("median", "Médiane (jours)", "days"),
        Column("q3", "Troisième quartile (jours)", "days"),
    ]
    table_rows = [*sectors, {**total, "key": None, "label": "Ensemble"}] if total else []
    return Figure(
        f"delai-{by}",
        title,
        charts.hbars(f"chart-fill-{by}", title, desc, bars) if sectors else "",
        [Table(f"delai-{by}", title, columns, table_rows)],
        numbers=[("Délai médian", counted(total["median"], "jour", decimals=1))] if total else [],
        empty="" if sectors else f"Aucune offre pourvue {filters.label}.",
    )


def time_to_fill_page(filters: Filters) -> list[Figure]:
    figures = [_fill_figure(filters, "domain"), _fill_figure(filters, "naf")]
    figures[1].numbers = []  # the headline is the same on both
    figures[0].lead = (
        "Jours entre la publication de l'offre et le moment où l'employeur l'a dite pourvue, "
        f"pour les offres pourvues {of(month_label(filters.start))} à "
        f"{month_label(add_months(filters.end, -1))}. La moitié des offres l'ont été plus vite "
        "que la médiane ; un quart plus vite que le premier quartile."
    )
    return figures
