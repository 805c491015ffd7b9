"""Observatory, GPEC: the skills most missing between residents and the offers listed for them
in the current run, and the trainings that teach them; filters apply to the offers."""

import re

import pytest
from django.utils import timezone

from matching.models import Match, Run, Training
from tests.factories import resident
from tests.helpers import text
from tests.observatory_helpers import (
    csv_rows,
    dated_offer,
    plain,
    table,
)

URL = "/espace-equipe/observatoire/competences/"
SPRING = {"debut": "2025-03", "fin": "2025-04"}
A, B, C = "100023", "100063", "100068"  # three skill codes of the ROME
TITLE = "Compétences les plus souvent manquantes entre les habitants et les offres"


def match(run, person, offer, missing, *, core=0, listed=True):
    return Match.objects.create(
        run=run, profile=person, offer=offer, score=50, components=[0.5] * 6, required=4,
        missing=missing, missing_core=core, for_resident=listed,
    )  # fmt: skip


@pytest.fixture
def gaps(personas):
    """Three residents, two offers (Orly in March, Rungis in April). Skill A is missing in 3
    pairs (2 residents), B in 2, C in 1; a pair outside the residents' lists lacks C too. An
    older run lacks B everywhere. One training teaches A and C, another B, a third is off."""
    orly = dated_offer(personas.acme, "2025-03-02")
    rungis = dated_offer(personas.acme, "2025-04-02", commune_code="94065")
    one, two, three = resident(), resident(), resident()
    old = Run.objects.create(status=Run.Status.DONE, finished_at=timezone.now())
    match(old, one, orly, [B])
    run = Run.objects.create(status=Run.Status.DONE, finished_at=timezone.now())
    match(run, one, orly, [A, B], core=1)
    match(run, one, rungis, [A])
    match(run, two, orly, [A, B, C], core=3)
    match(run, three, rungis, [C], listed=False)
    trainings = {
        "CACES": [A, C],
        "Sécurité": [B],
        "Fermée": [A],
    }
    for title, skills in trainings.items():
        made = Training.objects.create(
            title=title, provider="Organisme test", commune_id="94054", duration_hours=35,
            funding=Training.Funding.REGION, active=title != "Fermée",
        )  # fmt: skip
        made.skills.set(skills)
    return personas


def skills(response) -> dict[str, dict]:
    return {row["Code"]: row for row in table(response, "Compétences les plus souvent")}


def test_the_most_missing_skills_of_the_current_run(gaps, login):
    response = login(gaps.sam).get(URL, SPRING)
    rows = skills(response)
    assert list(rows) == [A, B, C]
    assert (
        rows[A]["Couples habitant-offre"] == "3" and rows[A]["Habitants à qui elle manque"] == "2"
    )
    assert rows[A]["Offres concernées"] == "2"
    assert rows[A]["Dont cœur de métier (%)"] == "66,7\u202f%"  # first of both Orly pairs
    assert rows[B]["Couples habitant-offre"] == "2" and rows[C]["Couples habitant-offre"] == "1"
    assert rows[A]["Formations qui l'enseignent"] == "1"
    assert 'id="chart-skills"' in response.content.decode()


def test_the_trainings_that_close_them(gaps, login):
    response = login(gaps.sam).get(URL, SPRING)
    trainings = {row["Formation"]: row for row in table(response, "Formations qui enseignent")}
    assert list(trainings) == ["CACES", "Sécurité"]  # the inactive one is left out
    assert trainings["CACES"]["Manques comblés (couples habitant-offre)"] == "4"  # A 3 + C 1
    assert trainings["Sécurité"]["Manques comblés (couples habitant-offre)"] == "2"


def test_filters_apply_to_the_offers(gaps, login):
    sam = login(gaps.sam)
    rows = skills(sam.get(URL, {**SPRING, "commune": "94065"}))
    assert list(rows) == [A] and rows[A]["Couples habitant-offre"] == "1"
    rows = skills(sam.get(URL, {"debut": "2025-03", "fin": "2025-03"}))
    assert rows[A]["Couples habitant-offre"] == "2" and rows[A]["Offres concernées"] == "1"


def test_without_a_finished_run(personas, login):
    response = login(personas.sam).get(URL)
    assert "Aucun calcul des correspondances terminé pour l'instant." in text(response)


def test_the_csv_is_the_table(gaps, login):
    sam = login(gaps.sam)
    shown = [{k: plain(v) for k, v in row.items()}
             for row in table(sam.get(URL, SPRING), "Compétences les plus souvent")]  # fmt: skip
    assert csv_rows(sam.get(URL, {**SPRING, "format": "csv", "table": "competences"})) == shown


def bars(response, uid: str) -> list[tuple[float, str]]:
    """(length, number written) of each bar of the chart ``uid``, top to bottom."""
    svg = response.content.decode().split(f'id="{uid}"')[1].split("</svg>")[0]
    lengths = [float(w) for w in re.findall(r'<rect x="\d+" y="[\d.]+" width="([\d.]+)"', svg)]
    return list(zip(lengths, re.findall(r'font-weight="600">([^<]*)</text>', svg), strict=True))


@pytest.fixture
def lopsided(personas):
    """Skill A is missing in 3 pairs but for one resident only; B in 2 pairs, for 2 residents:
    sorted by pairs, the residents would read 1 then 2."""
    offers = [dated_offer(personas.acme, f"2025-03-0{day}") for day in (2, 3, 4)]
    one, two = resident(), resident()
    run = Run.objects.create(status=Run.Status.DONE, finished_at=timezone.now())
    match(run, one, offers[0], [A, B])
    match(run, one, offers[1], [A])
    match(run, one, offers[2], [A])
    match(run, two, offers[1], [B])
    return personas


def test_the_bars_are_sized_sorted_and_labelled_by_the_same_number(lopsided, login):
    response = login(lopsided.sam).get(URL, SPRING)
    rows = skills(response)
    assert list(rows) == [A, B]
    assert [rows[A]["Couples habitant-offre"], rows[B]["Couples habitant-offre"]] == ["3", "2"]
    assert [rows[A]["Habitants à qui elle manque"], rows[B]["Habitants à qui elle manque"]] == [
        "1", "2",
    ]  # fmt: skip
    drawn = bars(response, "chart-skills")
    assert [written for _length, written in drawn] == ["3", "2"]  # the pairs, in their order
    assert drawn[0][0] == pytest.approx(1.5 * drawn[1][0])  # and as long as them
    page = text(response)
    assert f"{TITLE}, en couples habitant-offre" in page  # the chart's title says the measure
    assert "Chaque barre : le nombre de couples habitant-offre où la compétence manque." in page
    assert "dans 3 couples habitant-offre, à 1 habitant, pour 3 offres." in page
