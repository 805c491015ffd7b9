"""Observatory, offers page: published, filled and open offers by month, by sector (NAF section
of the employer, ROME grand domain of the trade) and by commune; filters; CSV."""

import pytest

from tests.helpers import text
from tests.observatory_helpers import (
    csv_rows,
    dated_offer,
    plain,
    table,
)

URL = "/espace-equipe/observatoire/offres/"
PERIOD = {"debut": "2025-03", "fin": "2025-05"}
CARE = "10891"  # Aide-soignant (J1501, grand domain J Santé); the default is a cariste (N)


@pytest.fixture
def market(personas):
    """March 2025: 3 offers published (2 at Orly, 1 at Rungis); one filled in April, one closed
    in May. April: one health offer at Rungis. Outside the period: one in February, one in
    June."""
    personas.acme.naf_id = "52.10B"  # warehousing: section H
    personas.acme.save()
    personas.globex.naf_id = "86.10Z"  # hospital: section Q
    personas.globex.save()
    dated_offer(personas.acme, "2025-03-03", ended="2025-04-14", status="filled")
    dated_offer(personas.acme, "2025-03-10", ended="2025-05-02", status="closed")
    dated_offer(personas.acme, "2025-03-20", commune_code="94065")
    dated_offer(personas.globex, "2025-04-08", commune_code="94065", appellation_code=CARE)
    dated_offer(personas.acme, "2025-02-10")
    dated_offer(personas.acme, "2025-06-10")
    return personas


def test_offers_by_month_published_filled_and_open(market, login):
    response = login(market.sam).get(URL, PERIOD)
    assert response.status_code == 200
    rows = {row["Mois"]: row for row in table(response, "Offres par mois")}
    assert list(rows) == ["mars 2025", "avril 2025", "mai 2025"]
    assert rows["mars 2025"]["Publiées"] == "3"
    assert rows["avril 2025"]["Publiées"] == "1"
    assert rows["avril 2025"]["Pourvues"] == "1" and rows["mars 2025"]["Pourvues"] == "0"
    # Open at the end of March: February's and March's 3; April: one filled, one new.
    assert rows["mars 2025"]["Ouvertes en fin de mois"] == "4"
    assert rows["avril 2025"]["Ouvertes en fin de mois"] == "4"
    assert rows["mai 2025"]["Ouvertes en fin de mois"] == "3"  # one closed on 2 May
    page = text(response)
    assert "Offres publiées, pourvues et ouvertes, mois par mois" in page
    assert "de mars 2025 à mai 2025, tout le territoire" in page


def test_offers_by_sector_naf_and_rome(market, login):
    response = login(market.sam).get(URL, PERIOD)
    naf = {row["Code"]: row for row in table(response, "Offres publiées par secteur")}
    assert naf["H"]["Secteur"] == "Transports et entreposage"
    assert naf["H"]["Publiées"] == "3" and naf["H"]["Pourvues"] == "1"
    assert naf["H"]["Encore ouvertes"] == "1"
    assert naf["Q"]["Publiées"] == "1"
    domains = {row["Code"]: row for row in table(response, "Offres publiées par grand domaine")}
    assert domains["N"]["Publiées"] == "3" and domains["J"]["Publiées"] == "1"
    assert domains["J"]["Domaine"] == "Santé"


def test_offers_by_commune_with_the_map(market, login):
    response = login(market.sam).get(URL, PERIOD)
    communes = {row["Commune"]: row for row in table(response, "Offres publiées par commune")}
    assert len(communes) == 24
    assert communes["Orly"]["Publiées"] == "2" and communes["Rungis"]["Publiées"] == "2"
    assert communes["Vitry-sur-Seine"]["Publiées"] == "0"
    page = response.content.decode()
    assert 'id="chart-offers-map"' in page and "Carte des 24 communes du territoire" in page


def test_the_commune_filter_keeps_the_jobs_of_that_commune(market, login):
    response = login(market.sam).get(URL, {**PERIOD, "commune": "94065"})
    rows = {row["Mois"]: row for row in table(response, "Offres par mois")}
    assert rows["mars 2025"]["Publiées"] == "1" and rows["avril 2025"]["Publiées"] == "1"
    assert rows["avril 2025"]["Pourvues"] == "0"
    communes = table(response, "Offres publiées par commune")
    assert [row["Commune"] for row in communes] == ["Rungis"]
    assert "de mars 2025 à mai 2025, Rungis" in text(response)


def test_the_period_filter_changes_the_figures(market, login):
    response = login(market.sam).get(URL, {"debut": "2025-02", "fin": "2025-02"})
    rows = table(response, "Offres par mois")
    assert [(r["Mois"], r["Publiées"]) for r in rows] == [("février 2025", "1")]
    naf = {row["Code"]: row["Publiées"] for row in table(response, "Offres publiées par secteur")}
    assert naf == {"H": "1"}


@pytest.mark.parametrize("name", ["mois", "secteur-naf", "secteur-domain", "communes"])
def test_each_csv_is_the_table_shown(market, login, name):
    sam = login(market.sam)
    page = sam.get(URL, {**PERIOD, "commune": "94054"})
    response = sam.get(URL, {**PERIOD, "commune": "94054", "format": "csv", "table": name})
    assert response["Content-Type"].startswith("text/csv")
    assert (
        f"observatoire-offres-{name}-2025-03-2025-05-94054.csv" in response["Content-Disposition"]
    )
    captions = {
        "mois": "Offres par mois",
        "secteur-naf": "Offres publiées par secteur",
        "secteur-domain": "Offres publiées par grand domaine",
        "communes": "Offres publiées par commune",
    }
    shown = [{k: plain(v) for k, v in row.items()} for row in table(page, captions[name])]
    assert csv_rows(response) == shown and shown


def test_a_wrong_period_says_so_and_shows_the_default(market, login):
    response = login(market.sam).get(URL, {"debut": "2025-05", "fin": "2025-03"})
    assert response.status_code == 200
    assert "Le premier mois doit précéder le dernier." in text(response)
    assert len(table(response, "Offres par mois")) == 12


def test_an_unknown_table_is_404(market, login):
    assert login(market.sam).get(URL, {"format": "csv", "table": "nope"}).status_code == 404
