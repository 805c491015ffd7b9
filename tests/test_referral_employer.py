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
    page = text(client.post(f"{detail(referral)}interview/", follow=True))
    assert (
        "Entretien proposé : la structure qui accompagne la personne est prévenue. "
        "Contactez la personne pour fixer le rendez-vous." in page
    )
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


def test_refusing_without_a_reason_says_which_reason_at_the_top(personas, login):
    """As on an application's page: the page reloads at its top, far above the form, where a
    summary links to the field."""
    referral = sent(
        personas.ada, personas.mission, followed(personas.mission), offer(personas.acme)
    )
    response = login(personas.emma).post(f"{detail(referral)}refuse/", {"reason": ""})
    page = text(response)
    assert response.status_code == 400
    summary = page.split('<div class="form-errors" role="alert" id="form-errors">')[1]
    assert (
        "L'orientation n'est pas encore refusée : choisissez "
        '<a href="#id_reason">la raison du refus</a>, plus bas.' in summary.split("</div>")[0]
    )
    assert page.index('id="form-errors"') < page.index("<h2>La structure qui l'accompagne</h2>")
    assert 'id="id_reason_error">Choisissez la raison du refus : la personne la verra.' in page
    referral.refresh_from_db()
    assert referral.status == Status.SENT


def test_a_missing_hiring_date_is_summed_up_at_the_top(personas, login):
    referral = sent(
        personas.ada, personas.mission, followed(personas.mission), offer(personas.acme)
    )
    client = login(personas.emma)
    client.post(f"{detail(referral)}interview/")
    page = text(client.post(f"{detail(referral)}hire/", {"hired_start": ""}))
    assert (
        "L'embauche n'est pas encore enregistrée : corrigez "
        '<a href="#id_hired_start">la date de début du contrat</a>, plus bas.' in page
    )
    assert page.index('id="form-errors"') < page.index("<h2>La structure qui l'accompagne</h2>")
    assert 'id="form-errors"' not in text(client.get(detail(referral)))


def test_the_reason_is_said_to_be_for_the_structure_and_the_person(personas, login):
    """The hint speaks of a referral (not of « ses candidatures »), and « Autre raison »
    promises the structure and the person nothing, in the hint nor once refused."""
    published = offer(personas.acme)
    one, two = (
        sent(personas.ada, personas.mission, followed(personas.mission), published)
        for _ in range(2)
    )
    client = login(personas.emma)
    page = text(client.get(detail(one)))
    assert (
        "La structure qui accompagne la personne et la personne elle-même la verront. "
        "« Autre raison » ne leur dit pas pourquoi : écrivez-leur si vous voulez l'expliquer."
        in page
    )
    assert "dans ses candidatures" not in page
    page = text(client.post(f"{detail(one)}refuse/", {"reason": "other"}, follow=True))
    assert "la raison choisie" not in page
    assert (
        "Orientation refusée : la structure et la personne sont prévenues, sans raison précise "
        "(« Autre raison »). Écrivez-leur si vous voulez leur expliquer votre choix." in page
    )
    page = text(client.post(f"{detail(two)}refuse/", {"reason": "skills"}, follow=True))
    assert "Orientation refusée : la structure et la personne verront la raison choisie." in page
    assert "sans raison précise" not in page


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
