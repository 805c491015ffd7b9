"""Observatory, time to fill: days from publication to filled, median and quartiles, by ROME
grand domain and by NAF section; filters by period and commune; CSV."""

import pytest

from tests.helpers import text
from tests.observatory_helpers import (
    csv_rows,
    dated_offer,
    plain,
    table,
)

URL = "/espace-equipe/observatoire/delais/"
MARCH = {"debut": "2025-03", "fin": "2025-03"}
CARE = "10891"


def by_domain(response) -> dict[str, dict]:
    rows = table(response, "Délai médian pour pourvoir une offre, par grand")
    return {row["Domaine"]: row for row in rows}


@pytest.fixture
def filled(personas):
    """Three offers published in March; one cariste filled after 12 days; in April two care
    offers filled after 4 and 10 days (one at Rungis); a cariste filled in May after 30."""
    personas.acme.naf_id = "52.10B"
    personas.acme.save()
    dated_offer(personas.acme, "2025-03-03", ended="2025-03-15")
    dated_offer(personas.acme, "2025-03-05")
    dated_offer(personas.acme, "2025-03-07")
    dated_offer(personas.globex, "2025-04-01", ended="2025-04-05", appellation_code=CARE)
    dated_offer(
        personas.globex, "2025-04-02", ended="2025-04-12", appellation_code=CARE,
        commune_code="94065",
    )  # fmt: skip
    dated_offer(personas.acme, "2025-04-10", ended="2025-05-10")
    dated_offer(personas.acme, "2025-04-11", ended="2025-04-20", status="closed")  # not filled
    return personas


def test_one_offer_filled_after_12_days_gives_a_median_of_12(filled, login):
    response = login(filled.sam).get(URL, MARCH)
    rows = by_domain(response)
    assert rows["Transport et Logistique"]["Offres pourvues"] == "1"
    assert rows["Transport et Logistique"]["Médiane (jours)"] == "12,0"
    assert rows["Ensemble"]["Médiane (jours)"] == "12,0"
    assert "Délai médian" in text(response) and "12,0 jours" in text(response)


def test_medians_by_sector_over_a_longer_period(filled, login):
    response = login(filled.sam).get(URL, {"debut": "2025-03", "fin": "2025-05"})
    rows = by_domain(response)
    assert rows["Santé"]["Offres pourvues"] == "2" and rows["Santé"]["Médiane (jours)"] == "7,0"
    assert rows["Santé"]["Premier quartile (jours)"] == "5,5"
    assert rows["Transport et Logistique"]["Médiane (jours)"] == "21,0"  # 12 and 30
    assert rows["Ensemble"]["Offres pourvues"] == "4"
    assert rows["Ensemble"]["Médiane (jours)"] == "11,0"  # 4, 10, 12, 30
    naf = {
        row["Secteur"]: row
        for row in table(response, "Délai médian pour pourvoir une offre, par secteur")
    }
    assert naf["Transports et entreposage"]["Offres pourvues"] == "2"
    assert naf["Transports et entreposage"]["Code"] == "H"
    assert naf["Secteur non renseigné"]["Offres pourvues"] == "2"  # globex has no NAF code


def test_the_commune_filter(filled, login):
    query = {"debut": "2025-03", "fin": "2025-05", "commune": "94065"}
    response = login(filled.sam).get(URL, query)
    rows = by_domain(response)
    assert set(rows) == {"Santé", "Ensemble"}
    assert rows["Santé"]["Médiane (jours)"] == "10,0"


def test_nothing_filled(filled, login):
    response = login(filled.sam).get(URL, {"debut": "2024-01", "fin": "2024-02"})
    assert "Aucune offre pourvue de janvier 2024 à février 2024" in text(response)


def test_the_csv_is_the_table(filled, login):
    sam = login(filled.sam)
    query = {"debut": "2025-03", "fin": "2025-05"}
    page = sam.get(URL, query)
    shown = [{k: plain(v) for k, v in row.items()}
             for row in table(page, "Délai médian pour pourvoir une offre, par grand")]  # fmt: skip
    response = sam.get(URL, {**query, "format": "csv", "table": "delai-domain"})
    assert csv_rows(response) == shown


def test_one_offer_is_singular(filled, login):
    page = text(login(filled.sam).get(URL, MARCH))
    assert "12,0 j (1 offre)" in page and "(1 offres)" not in page  # the bar
    assert "Délai médian : 12,0 jours sur 1 offre pourvue en mars 2025" in page


def test_the_lead_elides_de_before_a_vowel(filled, login):
    page = text(login(filled.sam).get(URL, {"debut": "2025-04", "fin": "2025-05"}))
    assert "pour les offres pourvues d'avril 2025 à mai 2025." in page
    assert "Chiffres d'avril 2025 à mai 2025" in page
