"""Observatory, hires: the share that went to residents of the territory and to residents of
a QPV, month by month; filters; CSV."""

import pytest

from tests.helpers import text
from tests.observatory_helpers import (
    application,
    csv_rows,
    dated_offer,
    plain,
    referral,
    table,
)

URL = "/espace-equipe/observatoire/embauches/"
SPRING = {"debut": "2025-03", "fin": "2025-04"}
CAPTION = "Embauches par lieu de résidence"
HIRED = ("interview", "hired")


@pytest.fixture
def hires(personas):
    """Hired in March at Orly: 2 QPV residents, 1 other resident of the territory, 1 Parisian;
    in April at Rungis: 1 resident of the territory and one of unknown commune."""
    orly = dated_offer(personas.acme, "2025-02-01")
    rungis = dated_offer(personas.acme, "2025-02-01", commune_code="94065")
    application(orly, sent="2025-02-10", stages=HIRED, at="2025-03-05", commune="94081", qpv=True)
    application(orly, sent="2025-02-11", stages=HIRED, at="2025-03-06", commune="94054", qpv=True)
    application(orly, sent="2025-02-12", stages=HIRED, at="2025-03-07", commune="94076")
    application(orly, sent="2025-02-13", stages=HIRED, at="2025-03-08", commune="75056")
    application(orly, sent="2025-02-14", stages=("interview",), at="2025-03-09")
    application(rungis, sent="2025-02-15", stages=HIRED, at="2025-04-01", commune="94065")
    application(rungis, sent="2025-02-16", stages=HIRED, at="2025-04-02", commune=None)
    return personas


def months(response) -> dict[str, dict]:
    return {row["Mois"]: row for row in table(response, CAPTION)}


def test_shares_of_hires_to_residents_and_to_qpv(hires, login):
    response = login(hires.sam).get(URL, SPRING)
    rows = months(response)
    march, april, total = rows["mars 2025"], rows["avril 2025"], rows["Ensemble"]
    assert march["Embauches"] == "4" and march["Habitants d'un QPV"] == "2"
    assert march["Autres habitants du territoire"] == "1" and march["Hors du territoire"] == "1"
    assert march["Part des habitants du territoire (%)"] == "75,0\u202f%"
    assert march["Part des habitants d'un QPV (%)"] == "50,0\u202f%"
    assert april["Commune inconnue"] == "1" and april["Embauches"] == "2"
    assert total["Embauches"] == "6"
    assert total["Part des habitants du territoire (%)"] == "66,7\u202f%"
    assert total["Part des habitants d'un QPV (%)"] == "33,3\u202f%"
    page = text(response)
    assert "Pour des habitants d'un QPV" in page and "33,3" in page
    assert 'id="chart-hires"' in response.content.decode()


def test_the_filters(hires, login):
    sam = login(hires.sam)
    rows = months(sam.get(URL, {**SPRING, "commune": "94065"}))
    assert rows["mars 2025"]["Embauches"] == "0" and rows["Ensemble"]["Embauches"] == "2"
    rows = months(sam.get(URL, {"debut": "2025-03", "fin": "2025-03"}))
    assert list(rows) == ["mars 2025", "Ensemble"] and rows["Ensemble"]["Embauches"] == "4"


def test_no_hire(hires, login):
    response = login(hires.sam).get(URL, {"debut": "2024-01", "fin": "2024-01"})
    assert "Aucune embauche en janvier 2024" in text(response)


def test_the_csv_is_the_table(hires, login):
    sam = login(hires.sam)
    shown = [{k: plain(v) for k, v in row.items()} for row in table(sam.get(URL, SPRING), CAPTION)]
    response = sam.get(URL, {**SPRING, "format": "csv", "table": "embauches"})
    assert csv_rows(response) == shown and len(shown) == 3


def test_hires_through_referrals_count_too(hires, login):
    rungis = dated_offer(hires.acme, "2025-02-01", commune_code="94065")
    stages = ("accepted", "sent", "interview", "hired")
    referral(rungis, hires.plie, made="2025-02-20", stages=stages, at="2025-04-03", qpv=True)
    rows = months(login(hires.sam).get(URL, SPRING))
    assert rows["avril 2025"]["Embauches"] == "3"
    assert rows["avril 2025"]["Dont par une orientation"] == "1"
    assert rows["avril 2025"]["Habitants d'un QPV"] == "1"
    assert rows["Ensemble"]["Embauches"] == "7"
    assert rows["Ensemble"]["Part des habitants d'un QPV (%)"] == "42,9\u202f%"
