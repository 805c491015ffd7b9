"""Errors of the API (found by QA): a script without a valid key gets 401 with
``WWW-Authenticate: Token`` (a signed-in person refused stays 403); every error is JSON in
French, unknown addresses under /api/ included."""

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from tests.factories import offer

pytestmark = pytest.mark.django_db

MINE = "/api/v1/employer/offers/"


def key_of(user) -> str:
    return Token.objects.get_or_create(user=user)[0].key


def assert_401(response, *words):
    assert response.status_code == 401, response.content
    assert response["WWW-Authenticate"] == "Token"
    assert response["Content-Type"] == "application/json"
    detail = response.json()["detail"]
    for word in words:
        assert word in detail, detail


def test_no_key_is_401_and_names_the_token_header(personas):
    assert_401(Client().get(MINE), "Informations d'authentification non fournies", "Token <clé>")
    assert_401(Client().post(MINE, {}, content_type="application/json"))
    assert_401(Client().get("/api/v1/me/profile/"))
    assert_401(Client().get("/api/v1/structure/caseload/"))


def test_a_wrong_key_is_401(personas):
    bad = Client(HTTP_AUTHORIZATION="Token faux")
    assert_401(bad.get(MINE), "Token non valide")


def test_a_bearer_header_is_told_the_key_goes_after_token(personas):
    bearer = Client(HTTP_AUTHORIZATION=f"Bearer {key_of(personas.emma)}")
    assert_401(bearer.get(MINE), "« Token »", "« Bearer »")
    assert Client(HTTP_AUTHORIZATION=f"Token {key_of(personas.emma)}").get(MINE).status_code == 200


def test_signed_in_but_refused_stays_403(personas, login):
    response = Client(HTTP_AUTHORIZATION=f"Token {key_of(personas.alice)}").get(MINE)
    assert response.status_code == 403 and "WWW-Authenticate" not in response
    assert login(personas.alice).get(MINE).status_code == 403


def test_the_site_session_still_works_and_still_needs_csrf(personas):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(personas.emma)
    assert browser.get(MINE).status_code == 200
    refused = browser.post(MINE, {}, content_type="application/json")
    assert refused.status_code == 403
    assert refused.json()["detail"].startswith("Vérification CSRF refusée")


def test_an_unknown_offer_is_a_french_404(personas):
    response = Client().get("/api/v1/offers/999999/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Aucune offre publiée ne porte ce numéro."}
    draft = offer(personas.acme, publish=False)
    assert Client().get(f"/api/v1/offers/{draft.pk}/").status_code == 404
    mine = Client(HTTP_AUTHORIZATION=f"Token {key_of(personas.frank)}")
    response = mine.get(f"{MINE}{draft.pk}/")
    assert response.json() == {"detail": "Aucune offre de vos employeurs ne porte ce numéro."}


def test_a_body_that_is_not_json_is_said_in_french(personas):
    script = Client(HTTP_AUTHORIZATION=f"Token {key_of(personas.emma)}")
    response = script.post(MINE, "{title: 'x'", content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"detail": "Le corps de la requête n'est pas du JSON valide."}


@pytest.mark.parametrize(
    "url", ["/api/v1/offers/abc/", "/api/v1/nope/", "/api/nope/", "/api/v1/offers/1/x/"]
)
def test_an_unknown_api_address_is_a_json_404(db, url):
    response = Client().get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "aucune adresse de l'API" in response.json()["detail"]


def test_an_unknown_page_of_the_site_is_still_the_html_page(db):
    response = Client().get("/nulle-part/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
