"""Who may see an application: its resident and the members of the offer's employer. Everyone
else gets 404. Employers never see the resident's QPV nor the consents, anywhere."""

import re

import pytest
from django.core import mail
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from applications import services
from residents.models import Consent
from tests.application_helpers import apply, eager, give_cv, media, profile_of  # noqa: F401
from tests.factories import offer
from tests.helpers import text

OUTSIDERS = ["frank", "bob", "ada", "alan", "sam"]


@pytest.fixture
def application(personas):
    give_cv(profile_of(personas.alice))
    return apply(personas.alice, offer(personas.acme))


def employer_urls(application) -> list[str]:
    return [
        f"/espace-employeur/candidatures/{application.pk}/",
        f"/espace-employeur/candidatures/{application.pk}/cv/",
        f"/espace-employeur/offres/{application.offer_id}/candidatures/",
        f"/api/v1/employer/applications/{application.pk}/",
        f"/api/v1/employer/applications/{application.pk}/cv/",
    ]


@pytest.mark.parametrize("who", OUTSIDERS)
def test_outsiders_get_404_on_the_employer_pages(login, personas, application, who):
    client = login(getattr(personas, who))
    for url in employer_urls(application):
        assert client.get(url).status_code in {403, 404}, url
        if "/api/" not in url:
            assert client.get(url).status_code == 404, url
    for name in ("interview", "refuse", "hire"):
        response = client.post(
            f"/espace-employeur/candidatures/{application.pk}/{name}/",
            {"reason": "skills", "hired_start": "2027-01-01"},
        )
        assert response.status_code == 404
    assert application.transitions.count() == 1


@pytest.mark.parametrize("who", ["frank", "ada", "sam"])
def test_outsiders_get_404_from_the_api_of_an_organisation(personas, application, who):
    user = getattr(personas, who)
    api = APIClient()
    api.force_authenticate(user)
    detail = api.get(f"/api/v1/employer/applications/{application.pk}/")
    move = api.post(
        f"/api/v1/employer/applications/{application.pk}/transition/", {"name": "interview"}
    )
    expected = {404} if who == "frank" else {403}  # not a member of any employer: 403
    assert detail.status_code in expected and move.status_code in expected
    assert application.transitions.count() == 1


def test_another_employer_s_inbox_does_not_list_it(login, personas, application):
    page = text(login(personas.frank).get("/espace-employeur/candidatures/"))
    assert personas.alice.get_full_name() not in page
    assert "0 candidature" in page


@pytest.mark.parametrize("who", ["bob", "emma", "ada"])
def test_only_the_resident_withdraws_or_reads_their_application(login, personas, who, application):
    client = login(getattr(personas, who))
    assert client.post(f"/mes-candidatures/{application.pk}/retirer/").status_code == 404
    assert client.get(f"/mes-candidatures/{application.pk}/envoyee/").status_code == 404
    api = APIClient()
    api.force_authenticate(getattr(personas, who))
    response = api.post(f"/api/v1/me/applications/{application.pk}/withdraw/")
    assert response.status_code in {403, 404}
    assert application.transitions.count() == 1


@pytest.fixture
def resident_in_qpv(personas):
    from referentiel.models import Commune, Qpv

    qpv = Qpv.objects.get(code="QN09419M")  # Lozaits Nord - Grimau - Armand Gouret, Villejuif
    profile = profile_of(
        personas.alice,
        commune=Commune.objects.get(pk="94076"),
        qpv=qpv,
        qpv_answer="qpv",
        qpv_verified=True,
        phone="0601020304",
    )
    for kind in (Consent.Kind.MATCHING, Consent.Kind.VISIBILITY):
        Consent.objects.create(profile=profile, kind=kind, given_by=personas.alice)
    Consent.objects.create(profile=profile, kind=Consent.Kind.FOLLOWUP, structure=personas.mission)
    give_cv(profile)
    return qpv


FORBIDDEN_WORDS = [
    "Lozaits Nord",
    "Grimau",
    "quartier prioritaire",
    "J'habite ce quartier",
    "Recevoir des offres qui me correspondent",
    "Être visible des employeurs",
    "Être suivi par une structure d'accompagnement",
    "Mission locale des Portes de l'Essonne",
]


def assert_private(body: str, where: str) -> None:
    for words in FORBIDDEN_WORDS:
        assert words.lower() not in body.lower(), f"{words!r} shown in {where}"
    # Whole words and JSON keys only: a random CSRF token may hold the letters "qpv".
    assert not re.search(r"\bQPV\b|\bqpv|in_qpv|\bconsent", body, re.IGNORECASE), where


@pytest.mark.usefixtures("eager")
def test_no_employer_response_shows_the_qpv_or_consents(
    login, personas, resident_in_qpv, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = apply(personas.alice, offer(personas.acme), message="Bonjour")
    assert application.resident_in_qpv is True  # the snapshot exists, for statistics only
    client = login(personas.emma)
    pages = {
        "inbox": client.get("/espace-employeur/candidatures/"),
        "offer inbox": client.get(f"/espace-employeur/offres/{application.offer_id}/candidatures/"),
        "detail": client.get(f"/espace-employeur/candidatures/{application.pk}/"),
        "filtered": client.get("/espace-employeur/candidatures/", {"status": "seen"}),
    }
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=personas.emma).key}")
    pages["api list"] = api.get("/api/v1/employer/applications/")
    pages["api detail"] = api.get(f"/api/v1/employer/applications/{application.pk}/")
    pages["api move"] = api.post(
        f"/api/v1/employer/applications/{application.pk}/transition/", {"name": "interview"}
    )
    for where, response in pages.items():
        assert response.status_code == 200, where
        body = text(response)
        assert personas.alice.last_name in body, where  # the real page, about Alice
        assert_private(body, where)
    assert "0601020304" in text(pages["detail"]) and "Villejuif" in text(pages["detail"])
    received = [m for m in mail.outbox if m.to == ["emma@acme.test"]]
    assert received
    assert_private(received[0].subject + received[0].body, "the employer's e-mail")


def test_withdrawing_through_the_service_is_refused_to_others(personas, application):
    from applications.workflow import TransitionError

    with pytest.raises(TransitionError):
        services.application_transition(application=application, name="withdraw", by=personas.bob)
