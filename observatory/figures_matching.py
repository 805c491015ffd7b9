"""The pages read from the matcher's current run: the skills most missing and the trainings
that teach them (GPEC), and the fairness and crowding of the run."""

from __future__ import annotations

from django.utils import timezone

from observatory import charts, queries_matching
from observatory.cache import cached
from observatory.filters import Filters
from observatory.formats import cell_text, share
from observatory.tables import Column, Figure, Table
from vitrine.french import counted, number, plural

MATCHING = ("matching", "offers", "reference")
NO_RUN = "Aucun calcul des correspondances terminé pour l'instant."
KINDS = {"savoir-faire": "Savoir-faire", "savoir-etre": "Savoir-être", "savoir": "Savoir"}


def _run() -> dict | None:
    return cached("run", "current", ("matching",), queries_matching.current_run)


def _run_note(run: dict) -> str:
    finished = timezone.localtime(run["finished_at"]) if run["finished_at"] else None
    when = f" terminé le {finished:%d/%m/%Y à %H:%M}" if finished else ""
    return f"Calcul n° {run['id']}{when}."


def skills_page(filters: Filters) -> list[Figure]:
    run = _run()
    if run is None:
        return [Figure("competences", "Compétences manquantes", "", [], empty=NO_RUN)]
    skills = cached(
        "skills",
        f"{run['id']}:{filters.key}",
        MATCHING,
        lambda: queries_matching.skills_missing(filters, run["id"]),
    )
    trainings = cached(
        "trainings",
        f"{run['id']}:{filters.key}",
        MATCHING,
        lambda: queries_matching.trainings_closing(skills),
    )
    for row in skills:
        row["label"] = row["label"] or row["code"]
        row["kind_label"] = KINDS.get(row["kind"] or "", "")
        row["core_share"] = share(row["core_pairs"], row["pairs"])
        row["taught"] = sum(1 for t in trainings if row["label"] in t["skills"])
    title = "Compétences les plus souvent manquantes entre les habitants et les offres"
    # How often a skill is missing is the number of (resident, offer) pairs lacking it: the
    # order of the query, of the bars and of the trainings below; each bar is as long as it
    # and writes it. Residents and offers concerned are in the table.
    measure = "Chaque barre : le nombre de couples habitant-offre où la compétence manque."
    desc = (
        f"{measure} {skills[0]['label']} manque le plus souvent : dans "
        f"{counted(skills[0]['pairs'], 'couple habitant-offre', 'couples habitant-offre')}, "
        f"à {counted(skills[0]['residents'], 'habitant')}, "
        f"pour {counted(skills[0]['offers'], 'offre')}."
        if skills
        else "Aucune compétence manquante pour ces offres."
    )
    bars = [charts.Bar(r["label"], r["pairs"], number(r["pairs"])) for r in skills[:15]]
    columns = [
        Column("code", "Code", "text"),
        Column("label", "Compétence", "text"),
        Column("kind_label", "Nature", "text"),
        Column("pairs", "Couples habitant-offre"),  # the order, and the bars
        Column("residents", "Habitants à qui elle manque"),
        Column("offers", "Offres concernées"),
        Column("core_share", "Dont cœur de métier (%)", "pct"),
        Column("taught", "Formations qui l'enseignent"),
    ]
    lead = (
        "Pour chaque habitant, les offres de sa liste de meilleures correspondances du dernier "
        "calcul ; une compétence manque quand l'offre la demande et que l'habitant ne l'a pas. "
        "Les offres retenues sont celles publiées pendant la période, dans la commune choisie. "
        f"{measure} Les compétences sont classées par ce nombre ; les habitants et les offres "
        "concernés sont dans le tableau. " + _run_note(run)
    )
    skill_figure = Figure(
        "competences",
        title,
        charts.hbars(
            "chart-skills", f"{title}, en couples habitant-offre", desc, bars, label_width=330
        )
        if skills
        else "",
        [Table("competences", title, columns, skills)],
        lead=lead,
        empty="" if skills else "Aucune compétence manquante pour ces offres.",
    )
    t_title = "Formations qui enseignent ces compétences"
    t_desc = (
        f"{trainings[0]['title']} ({trainings[0]['provider']}) comble le plus de manques : "
        f"{counted(trainings[0]['pairs'], 'couple habitant-offre', 'couples habitant-offre')}."
        if trainings
        else "Aucune formation active n'enseigne ces compétences."
    )
    t_bars = [charts.Bar(t["title"], t["pairs"], number(t["pairs"])) for t in trainings]
    t_rows = [{**t, "skills_text": ", ".join(t["skills"])} for t in trainings]
    t_columns = [
        Column("title", "Formation", "text"),
        Column("provider", "Organisme", "text"),
        Column("commune", "Lieu", "text"),
        Column("hours", "Durée (heures)"),
        Column("skills_text", "Compétences manquantes enseignées", "text"),
        Column("pairs", "Manques comblés (couples habitant-offre)"),
    ]
    training_figure = Figure(
        "formations",
        t_title,
        charts.hbars("chart-trainings", t_title, t_desc, t_bars, label_width=330)
        if trainings
        else "",
        [Table("formations", t_title, t_columns, t_rows)],
        lead="Les formations actives du catalogue qui enseignent au moins une des compétences "
        "ci-dessus, classées par nombre de manques qu'elles combleraient.",
        empty=""
        if trainings
        else "Aucune formation active n'enseigne ces compétences : "
        "c'est un besoin de formation à porter.",
    )
    return [skill_figure, training_figure]


def fairness_page(filters: Filters) -> list[Figure]:
    run = _run()
    if run is None or not run["figures"]:
        return [Figure("equite", "Équité du dernier calcul", "", [], empty=NO_RUN)]
    figures = run["figures"]
    groups = [("qpv", "Habitants d'un QPV"), ("others", "Autres habitants")]
    rows = [
        {
            "label": label,
            "residents": figures[key]["residents"],
            "mean_best_score": figures[key]["mean_best_score"],
            "share_good_match": round(100 * figures[key]["share_good_match"], 1),
        }
        for key, label in groups
    ]
    title = "Part des habitants qui ont au moins une offre à 60 ou plus"
    desc = " ; ".join(
        f"{r['label']} : {number(r['share_good_match'], 1)} % sur {number(r['residents'])}"
        for r in rows
    )
    bars = [
        charts.Bar(r["label"], r["share_good_match"], f"{number(r['share_good_match'], 1)} %")
        for r in rows
    ]
    fairness = Figure(
        "equite",
        title,
        charts.hbars("chart-fairness", title, desc, bars),
        [
            Table(
                "equite",
                "Équité entre habitants des QPV et autres habitants",
                [
                    Column("label", "Groupe", "text"),
                    Column("residents", "Habitants"),
                    Column("mean_best_score", "Meilleur score moyen", "score"),
                    Column("share_good_match", "Au moins une offre à 60 ou plus (%)", "pct"),
                ],
                rows,
            )
        ],
        lead="Le statut QPV ne sert jamais au calcul du score : il sert seulement à vérifier "
        "ici que les habitants des quartiers prioritaires ne sont pas laissés de côté. Ces "
        "chiffres portent sur tout le territoire. " + _run_note(run),
    )
    indicators = [
        {"label": "Offres du calcul", "value": figures["offers"], "kind": "int"},
        {"label": "Inégalité d'exposition des offres (Gini, 0 à 1)",
         "value": figures["exposure_gini"], "kind": "raw"},
        {"label": "Même indice, rapporté aux postes à pourvoir",
         "value": figures["exposure_gini_per_position"], "kind": "raw"},
        {"label": "Offres jamais montrées (%)",
         "value": round(100 * figures["never_shown"], 1), "kind": "pct"},
        {"label": "Habitants à qui l'offre la plus montrée est proposée",
         "value": figures["max_exposure"], "kind": "int"},
    ]  # fmt: skip
    for item in indicators:
        value = item.pop("value")
        kind = item.pop("kind")
        item["value"] = (
            number(value, 3) if kind == "raw"
            else cell_text(value, "pct") if kind == "pct" else number(value)
        )  # fmt: skip
    spread = cached(
        "exposure",
        f"{run['id']}:{filters.key}",
        MATCHING,
        lambda: queries_matching.exposure(filters, run["id"]),
    )
    s_title = "Offres publiées selon le nombre d'habitants à qui elles sont proposées"
    total = sum(r["offers"] for r in spread)
    never = plural(spread[0]["offers"] if spread else 0, "n'est proposée", "ne sont proposées")
    s_desc = (
        f"Sur {counted(total, 'offre publiée', 'offres publiées')} {filters.label}, "
        f"{number(spread[0]['offers'])} {never} à personne."
        if total
        else f"Aucune offre publiée {filters.label}."
    )
    s_bars = [
        charts.Bar(f"Proposées à {r['label']} habitant(s)" if r["label"] != "jamais"
                   else "Jamais proposées", r["offers"], number(r["offers"]))
        for r in spread
    ]  # fmt: skip
    crowding = Figure(
        "concentration",
        s_title,
        charts.hbars("chart-exposure", s_title, s_desc, s_bars) if total else "",
        [
            Table(
                "indicateurs",
                "Indicateurs de concentration du calcul (tout le territoire)",
                [Column("label", "Indicateur", "text"), Column("value", "Valeur", "text")],
                indicators,
            ),
            Table(
                "exposition",
                s_title,
                [Column("label", "Proposée à (habitants)", "text"), Column("offers", "Offres")],
                spread,
            ),
        ],
        lead="Classer tout le monde avec le même score entasse les habitants sur les mêmes "
        "offres. Un indice de Gini proche de 0 veut dire que les offres sont montrées à peu "
        "près autant les unes que les autres ; proche de 1, que quelques offres concentrent "
        "l'attention. La répartition suit les filtres (offres publiées pendant la période, "
        "dans la commune choisie).",
        empty="" if total else f"Aucune offre publiée {filters.label}.",
    )
    return [fairness, crowding]
