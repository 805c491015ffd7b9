"""Observatory, fairness and crowding of the current run: QPV residents against the others,
how unevenly offers are shown, and the offers by number of residents they are shown to."""

import pytest
from django.utils import timezone

from matching.models import Match, Run
from tests.factories import resident
from tests.helpers import text
from tests.observatory_helpers import (
    csv_rows,
    dated_offer,
    plain,
    table,
)

URL = "/espace-equipe/observatoire/correspondances/"
SPRING = {"debut": "2025-03", "fin": "2025-04"}
FIGURES = {
    "offers": 3, "exposure_gini": 0.444, "exposure_gini_per_position": 0.333,
    "never_shown": 0.333, "max_exposure": 7,
    "qpv": {"residents": 4, "mean_best_score": 58.25, "share_good_match": 0.25},
    "others": {"residents": 12, "mean_best_score": 71.5, "share_good_match": 0.75},
}  # fmt: skip


@pytest.fixture
def run(personas):
    """Three published offers: Orly shown to 7 residents, Rungis to 2, Thiais to nobody."""
    orly = dated_offer(personas.acme, "2025-03-02")
    rungis = dated_offer(personas.acme, "2025-03-03", commune_code="94065")
    dated_offer(personas.acme, "2025-04-03", commune_code="94073")
    made = Run.objects.create(status=Run.Status.DONE, finished_at=timezone.now(), figures=FIGURES)
    people = [resident() for _ in range(7)]
    for i, person in enumerate(people):
        for item in [orly, rungis] if i < 2 else [orly]:
            Match.objects.create(
                run=made, profile=person, offer=item, score=70, components=[0.7] * 6,
                for_resident=True,
            )  # fmt: skip
    return made


def test_fairness_between_qpv_residents_and_the_others(run, personas, login):
    response = login(personas.sam).get(URL, SPRING)
    rows = {row["Groupe"]: row for row in table(response, "Équité entre")}
    assert rows["Habitants d'un QPV"]["Habitants"] == "4"
    assert rows["Habitants d'un QPV"]["Meilleur score moyen"] == "58,2"
    assert rows["Habitants d'un QPV"]["Au moins une offre à 60 ou plus (%)"] == "25,0\u202f%"
    assert rows["Autres habitants"]["Au moins une offre à 60 ou plus (%)"] == "75,0\u202f%"
    page = text(response)
    assert f"Calcul n° {run.pk}" in page
    assert "Le statut QPV ne sert jamais au calcul du score" in page


def test_crowding_indicators_and_exposure(run, personas, login):
    response = login(personas.sam).get(URL, SPRING)
    indicators = {row["Indicateur"]: row["Valeur"] for row in table(response, "Indicateurs")}
    assert indicators["Inégalité d'exposition des offres (Gini, 0 à 1)"] == "0,444"
    assert indicators["Offres jamais montrées (%)"] == "33,3\u202f%"
    spread = {
        row["Proposée à (habitants)"]: row["Offres"]
        for row in table(response, "Offres publiées selon")
    }
    assert spread == {
        "jamais": "1",
        "1 à 5": "1",
        "6 à 20": "1",
        "21 à 100": "0",
        "plus de 100": "0",
    }


def test_the_exposure_follows_the_filters(run, personas, login):
    response = login(personas.sam).get(URL, {**SPRING, "commune": "94065"})
    spread = {
        row["Proposée à (habitants)"]: row["Offres"]
        for row in table(response, "Offres publiées selon")
    }
    assert spread["1 à 5"] == "1" and spread["jamais"] == "0" and spread["6 à 20"] == "0"


def test_without_a_run(personas, login):
    response = login(personas.sam).get(URL)
    assert "Aucun calcul des correspondances terminé pour l'instant." in text(response)


def test_the_csv_is_the_table(run, personas, login):
    sam = login(personas.sam)
    shown = [
        {k: plain(v) for k, v in row.items()} for row in table(sam.get(URL, SPRING), "Équité entre")
    ]
    assert csv_rows(sam.get(URL, {**SPRING, "format": "csv", "table": "equite"})) == shown
