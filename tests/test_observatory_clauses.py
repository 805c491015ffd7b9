"""Observatory, insertion clauses: for each operation under way in the period, the hours
achieved (recorded on hires through applications or referrals) against the target; filters;
CSV."""

import datetime

import pytest

from clauses.models import ClauseHours, ClauseOperation
from tests.helpers import text
from tests.observatory_helpers import (
    application,
    csv_rows,
    dated_offer,
    plain,
    referral,
    table,
)

URL = "/espace-equipe/observatoire/clauses/"
SPRING = {"debut": "2025-03", "fin": "2025-04"}
CAPTION = "Heures d'insertion par opération"
HIRED = ("interview", "hired")


def operation(name, target, starts, ends, offers):
    made = ClauseOperation.objects.create(
        name=name,
        contracting_authority="Société du Grand Paris",
        hours_target=target,
        starts_on=datetime.date.fromisoformat(starts),
        ends_on=datetime.date.fromisoformat(ends),
    )
    made.offers.set(offers)
    return made


@pytest.fixture
def clauses(personas):
    """Ligne 15 Sud (Vitry, 2024–2026): 1,000 h targeted, 350 h done by two hires (one of a QPV
    resident, 200 h, through a referral). Ligne 14 (Orly, 2025): 500 h, 100 h done. A lot
    finished in 2024 is not under way in spring 2025."""
    vitry = dated_offer(personas.acme, "2025-01-10", commune_code="94081", insertion_clause=True)
    orly = dated_offer(personas.acme, "2025-01-10", insertion_clause=True)
    l15 = operation("Ligne 15 Sud, lot 3", 1000, "2024-01-01", "2026-12-31", [vitry])
    l14 = operation("Ligne 14 Sud, lot 2", 500, "2025-01-01", "2025-12-31", [orly])
    old = operation("Gare de Villejuif", 800, "2023-01-01", "2024-06-30", [orly])
    sent = ("accepted", "sent", *HIRED)
    one = referral(vitry, personas.plie, made="2025-01-20", stages=sent, qpv=True)
    two = application(vitry, sent="2025-01-21", stages=HIRED)
    three = application(orly, sent="2025-01-22", stages=HIRED)
    ClauseHours.objects.create(operation=l15, referral=one, hours=200)
    ClauseHours.objects.create(operation=l15, application=two, hours=150)
    ClauseHours.objects.create(operation=l14, application=three, hours=100)
    ClauseHours.objects.create(operation=old, application=three, hours=400)
    return personas


def operations(response) -> dict[str, dict]:
    return {row["Opération"]: row for row in table(response, CAPTION)}


def test_hours_achieved_against_targets(clauses, login):
    response = login(clauses.sam).get(URL, SPRING)
    rows = operations(response)
    assert list(rows) == ["Ligne 14 Sud, lot 2", "Ligne 15 Sud, lot 3", "Ensemble"]
    l15 = rows["Ligne 15 Sud, lot 3"]
    assert (l15["Heures prévues"], l15["Heures réalisées"]) == ("1\u202f000", "350")
    assert l15["Réalisé (%)"] == "35,0\u202f%" and l15["Personnes embauchées"] == "2"
    assert l15["Part des heures par des habitants d'un QPV (%)"] == "57,1\u202f%"
    total = rows["Ensemble"]
    assert (total["Heures prévues"], total["Heures réalisées"]) == ("1\u202f500", "450")
    assert total["Réalisé (%)"] == "30,0\u202f%"
    assert 'id="chart-clauses"' in response.content.decode()
    assert "450 h" in text(response)


def test_the_filters(clauses, login):
    sam = login(clauses.sam)
    rows = operations(sam.get(URL, {**SPRING, "commune": "94081"}))
    assert list(rows) == ["Ligne 15 Sud, lot 3", "Ensemble"]
    rows = operations(sam.get(URL, {"debut": "2024-01", "fin": "2024-03"}))
    assert list(rows) == ["Gare de Villejuif", "Ligne 15 Sud, lot 3", "Ensemble"]
    page = text(sam.get(URL, {"debut": "2022-01", "fin": "2022-02"}))
    assert "Aucune opération sous clause d'insertion en cours de janvier 2022" in page


def test_the_csv_is_the_table(clauses, login):
    sam = login(clauses.sam)
    shown = [{k: plain(v) for k, v in row.items()} for row in table(sam.get(URL, SPRING), CAPTION)]
    assert csv_rows(sam.get(URL, {**SPRING, "format": "csv", "table": "clauses"})) == shown
    assert shown[1]["Heures prévues"] == "1000"
