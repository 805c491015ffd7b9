"""The observatory's pages for staff: slug, title, what they show, how they are built."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from observatory import (
    figures_clauses,
    figures_hiring,
    figures_matching,
    figures_offers,
    figures_referrals,
)
from observatory.filters import Filters
from observatory.tables import Figure


def applications_page(filters: Filters) -> list[Figure]:
    return [
        figures_hiring.applications_figure(filters),
        *figures_referrals.referrals_figures(filters),
    ]


@dataclass(frozen=True)
class Page:
    slug: str
    title: str
    summary: str
    build: Callable[[Filters], list[Figure]]


PAGES = {
    page.slug: page
    for page in [
        Page(
            "offres",
            "Offres d'emploi",
            "Publiées, ouvertes et pourvues, mois par mois, par secteur et par commune.",
            figures_offers.offers_page,
        ),
        Page(
            "candidatures",
            "Candidatures et orientations",
            "Des candidatures aux entretiens et aux embauches ; les orientations des "
            "conseillers par type de structure.",
            applications_page,
        ),
        Page(
            "embauches",
            "Embauches des habitants",
            "La part des embauches qui va aux habitants du territoire et des QPV.",
            figures_hiring.hires_page,
        ),
        Page(
            "delais",
            "Délais de recrutement",
            "Le temps médian pour pourvoir une offre, par secteur.",
            figures_offers.time_to_fill_page,
        ),
        Page(
            "competences",
            "Compétences et formations",
            "Les compétences qui manquent le plus aux habitants face aux offres, et les "
            "formations qui les enseignent (GPEC).",
            figures_matching.skills_page,
        ),
        Page(
            "clauses",
            "Clauses d'insertion",
            "Les heures d'insertion réalisées face aux objectifs.",
            figures_clauses.clauses_page,
        ),
        Page(
            "correspondances",
            "Équité des correspondances",
            "Équité entre habitants des QPV et autres, et concentration des offres, au "
            "dernier calcul.",
            figures_matching.fairness_page,
        ),
    ]
}
