"""Odd input a person, a script or a pasted text can send: a clear answer, never a 500, nothing
leaked; and what people typed comes out of exports and e-mails as typed (found by review)."""

import io

import pytest
from openpyxl import load_workbook

from accounts.models import Mail, User
from offers import services as offer_services
from tests.advisor_helpers import followed, sent
from tests.factories import UserFactory, clause_operation, member, offer

pytestmark = pytest.mark.django_db


def test_a_nul_character_in_an_address_is_refused_in_french(personas, login):
    advisor = login(personas.ada)
    page = advisor.get("/espace-conseiller/offres/?q=a%00b")
    assert page.status_code == 400 and "caractère nul" in page.content.decode()
    api = advisor.get("/api/v1/structure/caseload/?q=a%00b")
    assert api.status_code == 400 and "caractère nul" in api.json()["detail"]


def test_the_caseload_api_names_the_bad_filter_in_french(personas, login):
    followed(personas.mission)
    advisor = login(personas.ada)
    response = advisor.get("/api/v1/structure/caseload/", {"niveau": "²"})
    assert response.status_code == 400
    assert "niveau" in response.json()
    response = advisor.get("/api/v1/structure/caseload/", {"metier": "cariste"})
    assert response.json() == {"metier": ["Code ROME attendu (ex. N1103)."]}
    # A commune outside the caseload is a filter like another: no one, not an error.
    response = advisor.get("/api/v1/structure/caseload/", {"commune": "75056", "niveau": "bas"})
    assert response.status_code == 200 and response.json()["count"] == 0


def test_a_control_character_typed_in_a_title_does_not_break_the_xlsx_export(personas, login):
    profile = followed(personas.mission)
    sent(personas.ada, personas.mission, profile, offer(personas.acme, title="Cariste\x01 Orly"))
    response = login(personas.ada).get("/espace-conseiller/exports/orientations.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert "Cariste Orly" in [cell.value for cell in sheet[2]]


def test_the_observatory_csv_shows_formulas_as_text(personas, login):
    clause_operation(
        name='=HYPERLINK("http://evil.test","x")', contracting_authority="+cmd|' /C calc'!A0"
    )
    response = login(personas.sam).get(
        "/espace-equipe/observatoire/clauses/", {"format": "csv", "table": "clauses"}
    )
    body = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in body and "'+cmd" in body
    assert "\n=HYPERLINK" not in body and ";+cmd" not in body


def test_an_apostrophe_in_a_title_reaches_the_employer_subject_as_typed(
    personas, django_capture_on_commit_callbacks
):
    created = offer(personas.acme, title="Agent d'accueil")
    with django_capture_on_commit_callbacks(execute=False):
        offer_services.offer_transition(
            offer=created, name="unpublish", by=personas.sam, reason="Doublon"
        )
    assert list(Mail.objects.values_list("subject", flat=True)) == [
        "Votre offre « Agent d'accueil » a été dépubliée"
    ]


def test_an_advisor_cannot_read_the_title_of_another_employers_draft(personas, login):
    profile = followed(personas.mission)
    draft = offer(personas.globex, title="PROJET-SECRET", publish=False)
    response = login(personas.ada).post(
        f"/espace-conseiller/personnes/{profile.pk}/orienter/", {"offer": draft.pk}
    )
    assert response.status_code == 404
    assert "PROJET-SECRET" not in response.content.decode()


def test_a_facilitator_detaching_no_number_gets_404(personas, login):
    operation = clause_operation()
    fanny = member(
        UserFactory(email="fanny@clauses.test", role=User.Role.ADVISOR), operation.facilitator
    )
    url = f"/espace-conseiller/clauses/{operation.pk}/"
    assert login(fanny).post(url, {"detach": "abc"}).status_code == 404


def test_a_month_beyond_the_calendar_is_a_form_error(personas, login):
    response = login(personas.sam).get(
        "/espace-equipe/observatoire/offres/", {"debut": "9999-01", "fin": "9999-12"}
    )
    assert response.status_code == 200
    assert "Choisissez un mois entre janvier 2000 et décembre 2100." in response.content.decode()
