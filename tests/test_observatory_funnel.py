"""Observatory, the funnels: applications sent in the period → interviews → hires, and
referrals proposed by advisors → sent → interviews → hires by kind of structure; filters by
period and commune (where the job is); CSV."""

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

URL = "/espace-equipe/observatoire/candidatures/"
MARCH = {"debut": "2025-03", "fin": "2025-03"}
CAPTION = "Des candidatures aux embauches"


@pytest.fixture
def funnel(personas):
    """March: 10 applications to an Orly offer (4 interviews, of which 1 hire and 1 refused
    after the interview) and 2 to a Rungis offer (1 hire). April: 3 applications."""
    orly = dated_offer(personas.acme, "2025-03-01")
    rungis = dated_offer(personas.acme, "2025-03-01", commune_code="94065")
    stages = [("interview", "hired"), ("interview", "refused"), ("interview",), ("interview",)]
    for i in range(10):
        application(orly, sent=f"2025-03-{10 + i:02d}", stages=stages[i] if i < 4 else ())
    application(rungis, sent="2025-03-05", stages=("interview", "hired"))
    application(rungis, sent="2025-03-06", stages=("refused",))
    for day in ("2025-04-02", "2025-04-03", "2025-04-04"):
        application(orly, sent=day)
    return personas


def stages(response) -> dict[str, dict]:
    return {row["Étape"]: row for row in table(response, CAPTION)}


def test_applications_interviews_hires(funnel, login):
    response = login(funnel.sam).get(URL, MARCH)
    rows = stages(response)
    assert rows["Candidatures"]["Nombre"] == "12"
    assert rows["Entretiens"]["Nombre"] == "5"
    assert rows["Embauches"]["Nombre"] == "2"
    assert rows["Entretiens"]["Part du départ (%)"] == "41,7\u202f%"
    assert rows["Embauches"]["Part de l'étape précédente (%)"] == "40,0\u202f%"
    assert 'id="chart-funnel"' in response.content.decode()
    assert "12 candidatures envoyées en mars 2025" in text(response)


def test_the_commune_and_the_period_filters(funnel, login):
    sam = login(funnel.sam)
    rows = stages(sam.get(URL, {**MARCH, "commune": "94065"}))
    assert (rows["Candidatures"]["Nombre"], rows["Embauches"]["Nombre"]) == ("2", "1")
    rows = stages(sam.get(URL, {"debut": "2025-04", "fin": "2025-04"}))
    assert (rows["Candidatures"]["Nombre"], rows["Entretiens"]["Nombre"]) == ("3", "0")


def test_no_application(funnel, login):
    response = login(funnel.sam).get(URL, {"debut": "2024-01", "fin": "2024-01"})
    assert "Aucune candidature en janvier 2024" in text(response)


def test_the_csv_is_the_table(funnel, login):
    sam = login(funnel.sam)
    shown = [{k: plain(v) for k, v in row.items()} for row in table(sam.get(URL, MARCH), CAPTION)]
    response = sam.get(URL, {**MARCH, "format": "csv", "table": "candidatures"})
    assert csv_rows(response) == shown
    assert shown[1]["Part du départ (%)"] == "41,7"  # a decimal comma, for a spreadsheet in French


SENT = ("accepted", "sent")


@pytest.fixture
def referrals(personas):
    """March, at Orly: the Mission locale proposes 5 (3 sent, 2 interviews, 1 hire), the PLIE
    3 (all sent, 1 interview, 1 hire), one declined; in April one more of the PLIE."""
    orly = dated_offer(personas.acme, "2025-03-01")
    mission, plie = personas.mission, personas.plie
    for stages in [
        (*SENT, "interview", "hired"),
        (*SENT, "interview", "refused"),
        SENT,
        (),
        ("declined",),
    ]:
        referral(orly, mission, made="2025-03-10", stages=stages)
    for stages in [(*SENT, "interview", "hired"), SENT, (*SENT, "cancelled")]:
        referral(orly, plie, made="2025-03-11", stages=stages)
    referral(orly, plie, made="2025-04-11", stages=SENT)
    return personas


def test_referrals_to_hires_by_kind_of_structure(referrals, login):
    response = login(referrals.sam).get(URL, MARCH)
    steps = {row["Étape"]: row["Nombre"] for row in table(response, "Des orientations")}
    assert steps == {
        "Orientations proposées": "8", "Envoyées à l'employeur": "6", "Entretiens": "3",
        "Embauches": "2",
    }  # fmt: skip
    kinds = {row["Type de structure"]: row for row in table(response, "Orientations par type")}
    assert kinds["Mission locale"]["Orientations"] == "5"
    assert kinds["Mission locale"]["Envoyées à l'employeur"] == "3"
    assert kinds["Mission locale"]["Part menant à une embauche (%)"] == "20,0\u202f%"
    assert kinds["PLIE"]["Orientations"] == "3" and kinds["PLIE"]["Embauches"] == "1"
    assert kinds["Ensemble"]["Orientations"] == "8"
    assert 'id="chart-referral-kinds"' in response.content.decode()


def test_referrals_follow_the_filters(referrals, login):
    sam = login(referrals.sam)
    kinds = {
        row["Type de structure"]: row["Orientations"]
        for row in table(sam.get(URL, {"debut": "2025-04", "fin": "2025-04"}), "Orientations")
    }
    assert kinds == {"PLIE": "1", "Ensemble": "1"}
    page = text(sam.get(URL, {**MARCH, "commune": "94065"}))
    assert "Aucune orientation en mars 2025, Rungis." in page
