"""The employer's side: referrals beside applications in the inbox, with the structure's name;
the referral's page shows the person like an application does, never the QPV nor the notes;
the pipeline; other employers get 404; a referral not yet accepted does not exist for them."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from advisors.models import Note
from referrals.models import Status
from residents.models import ProfileView
from tests.advisor_helpers import ORLY_QPV, ORLY_QPV_NAME, followed, propose, sent
from tests.application_helpers import apply
from tests.factories import offer
from tests.helpers import text

INBOX = "/espace-employeur/candidatures/"


def detail(referral) -> str:
    return f"/espace-employeur/orientations/{referral.pk}/"


def test_the_inbox_lists_referrals_beside_applications(personas, login):
    cariste = offer(personas.acme, title="Cariste Orly")
    apply(personas.alice, cariste)
    profile = followed(personas.mission, first_name="Moussa")
    referral = sent(personas.ada, personas.mission, profile, cariste)
    page = text(login(personas.emma).get(INBOX))
    assert personas.alice.get_full_name() in page  # the application
    block = page[page.index("Orientations des structures d'accompagnement") :]
    assert profile.user.get_full_name() in block
    assert "Mission locale des Portes de l'Essonne" in block
    assert f'href="{detail(referral)}"' in login(personas.emma).get(INBOX).content.decode()
    per_offer = text(
        login(personas.emma).get(f"/espace-employeur/offres/{cariste.pk}/candidatures/")
    )
    assert profile.user.get_full_name() in per_offer
    assert profile.user.get_full_name() not in text(login(personas.frank).get(INBOX))


def test_a_proposal_the_resident_has_not_accepted_is_invisible(personas, login):
    cariste = offer(personas.acme)
    profile = followed(personas.mission, first_name="Nour")
    referral = propose(personas.ada, personas.mission, profile, cariste)
    client = login(personas.emma)
    assert profile.user.get_full_name() not in text(client.get(INBOX))
    assert client.get(detail(referral)).status_code == 404


def test_the_page_never_shows_the_qpv_nor_the_notes(personas, login):
    profile = followed(personas.mission, qpv=ORLY_QPV, first_name="Oumar")
    profile.phone = "06 11 22 33 44"
    profile.save()
    Note.objects.create(
        structure=personas.mission, profile=profile, author=personas.ada, text="NOTE-INTERNE"
    )
    referral = sent(personas.ada, personas.mission, profile, offer(personas.acme, title="Cariste"))
    for url in (detail(referral), INBOX):
        page = text(login(personas.emma).get(url))
        assert ORLY_QPV_NAME not in page and ORLY_QPV not in page
        assert "QPV" not in page and "quartier prioritaire" not in page.lower()
        assert "NOTE-INTERNE" not in page
    page = text(login(personas.emma).get(detail(referral)))
    assert profile.user.email in page and "06 11 22 33 44" in page
    assert "Ce poste est fait pour vous." in page  # the advisor's message
    assert "Mission locale des Portes de l'Essonne" in page and personas.ada.email in page
    assert ProfileView.objects.filter(profile=profile, viewer=personas.emma).count() == 1


def test_the_employer_moves_the_referral_to_hired(personas, login):
    profile = followed(personas.mission)
    referral = sent(personas.ada, personas.mission, profile, offer(personas.acme))
    client = login(personas.emma)
    start = timezone.localdate() + timedelta(days=30)
    response = client.post(f"{detail(referral)}hire/", {"hired_start": start.isoformat()})
    assert "Proposez d'abord un entretien" in text(client.get(response["Location"]))
    client.post(f"{detail(referral)}interview/")
    client.post(f"{detail(referral)}hire/", {"hired_start": start.isoformat()})
    referral.refresh_from_db()
    assert referral.status == Status.HIRED and referral.hired_start == start
    page = text(client.get(detail(referral)))
    assert "Embauche" in page
    assert "La personne orientée est retenue : embauche enregistrée." in page


def test_refusing_needs_a_reason(personas, login):
    referral = sent(
        personas.ada, personas.mission, followed(personas.mission), offer(personas.acme)
    )
    client = login(personas.emma)
    assert client.post(f"{detail(referral)}refuse/", {"reason": ""}).status_code == 400
    client.post(f"{detail(referral)}refuse/", {"reason": "skills"})
    referral.refresh_from_db()
    assert referral.status == Status.REFUSED and referral.refusal_reason == "skills"


def test_another_employer_gets_404(personas, login):
    referral = sent(
        personas.ada, personas.mission, followed(personas.mission), offer(personas.acme)
    )
    client = login(personas.frank)
    assert client.get(detail(referral)).status_code == 404
    assert client.post(f"{detail(referral)}interview/").status_code == 404
    referral.refresh_from_db()
    assert referral.status == Status.SENT


def test_the_referrals_block_costs_the_same_queries_for_2_or_12(personas, login):
    cariste = offer(personas.acme)
    for _ in range(2):
        sent(personas.ada, personas.mission, followed(personas.mission), cariste)
    client = login(personas.emma)
    with CaptureQueriesContext(connection) as few:
        client.get(INBOX)
    for _ in range(10):
        sent(personas.ada, personas.mission, followed(personas.mission), offer(personas.acme))
    with CaptureQueriesContext(connection) as many:
        client.get(INBOX)
    assert len(many) == len(few)
