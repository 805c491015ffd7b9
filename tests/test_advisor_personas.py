"""Every page of the advisory side against every persona: an advisor of another structure gets
404 on the resident, the notes and the referral; residents, employers and staff get 404 on the
advisor's pages; an employer never sees notes nor the QPV status anywhere."""

import pytest

from advisors.models import Note
from tests.advisor_helpers import ORLY_QPV, ORLY_QPV_NAME, followed, sent
from tests.factories import offer
from tests.helpers import text

ADVISOR_ONLY = [
    "/espace-conseiller/",
    "/espace-conseiller/personnes/nouvelle/",
    "/espace-conseiller/orientations/",
    "/espace-conseiller/offres/",
    "/espace-conseiller/exports/",
    "/espace-conseiller/clauses/",
]


@pytest.fixture
def world(personas):
    profile = followed(personas.mission, qpv=ORLY_QPV, first_name="Mariam")
    Note.objects.create(
        structure=personas.mission, profile=profile, author=personas.ada, text="NOTE-ML"
    )
    referral = sent(personas.ada, personas.mission, profile, offer(personas.acme))
    return profile, referral


def object_urls(profile, referral) -> list[str]:
    return [
        f"/espace-conseiller/personnes/{profile.pk}/",
        f"/espace-conseiller/personnes/{profile.pk}/notes/",
        f"/espace-conseiller/orientations/{referral.pk}/",
    ]


def test_the_structure_reaches_its_resident_notes_and_referral(personas, login, world):
    profile, referral = world
    client = login(personas.ada)
    for url in object_urls(profile, referral) + ADVISOR_ONLY:
        assert client.get(url).status_code == 200, url


def test_an_advisor_of_another_structure_gets_404(personas, login, world):
    profile, referral = world
    client = login(personas.alan)
    for url in object_urls(profile, referral):
        assert client.get(url).status_code == 404, url
    posts = [
        f"/espace-conseiller/personnes/{profile.pk}/notes/",
        f"/espace-conseiller/personnes/{profile.pk}/confirmer/",
        f"/espace-conseiller/personnes/{profile.pk}/delegation/",
        f"/espace-conseiller/personnes/{profile.pk}/orienter/",
        f"/espace-conseiller/personnes/{profile.pk}/eligibilite/",
        f"/espace-conseiller/orientations/{referral.pk}/cancel/",
    ]
    for url in posts:
        assert client.post(url, {"text": "x", "offer": referral.offer_id}).status_code == 404, url
    for url in ADVISOR_ONLY:  # its own space works, without the other structure's people
        page = client.get(url)
        assert page.status_code == 200 and "Mariam" not in text(page), url


@pytest.mark.parametrize("who", ["alice", "bob", "emma", "frank", "sam"])
def test_people_who_are_not_advisors_get_404(personas, login, world, who):
    profile, referral = world
    client = login(getattr(personas, who))
    for url in object_urls(profile, referral) + ADVISOR_ONLY:
        assert client.get(url).status_code == 404, (who, url)


def test_anonymous_visitors_go_to_the_login_page(client, world):
    profile, referral = world
    for url in object_urls(profile, referral) + ADVISOR_ONLY + ["/mes-propositions/"]:
        response = client.get(url)
        assert response.status_code == 302 and "/comptes/connexion/" in response["Location"]


def test_an_employer_never_sees_notes_nor_the_qpv(personas, login, world):
    _profile, referral = world
    for url in (
        "/espace-employeur/candidatures/",
        f"/espace-employeur/offres/{referral.offer_id}/candidatures/",
        f"/espace-employeur/orientations/{referral.pk}/",
    ):
        page = text(login(personas.emma).get(url))
        assert "Mariam" in page, url
        assert "NOTE-ML" not in page and ORLY_QPV_NAME not in page and ORLY_QPV not in page, url
    assert (
        login(personas.frank).get(f"/espace-employeur/orientations/{referral.pk}/").status_code
        == 404
    )
