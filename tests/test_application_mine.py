""" "Mes candidatures": each application with its offer, employer, date and state in plain
words, and withdrawing one after a confirmation."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from applications import services
from applications.models import Application, Status
from tests.application_helpers import apply, media  # noqa: F401
from tests.factories import UserFactory, offer
from tests.helpers import text


def test_each_application_says_what_its_state_means(login, personas):
    seen = apply(personas.alice, offer(personas.acme, title="Cariste de nuit"))
    services.application_transition(application=seen, name="see", by=personas.emma)
    hired = apply(personas.alice, offer(personas.globex, title="Aide-soignant"))
    services.application_transition(application=hired, name="interview", by=personas.frank)
    services.application_transition(
        application=hired, name="hire", by=personas.frank, hired_start=date(2027, 2, 1)
    )
    refused = apply(personas.alice, offer(personas.acme, title="Préparateur de commandes"))
    services.application_transition(
        application=refused, name="refuse", by=personas.emma, reason="experience"
    )
    page = text(login(personas.alice).get("/mes-candidatures/"))
    assert "Cariste de nuit" in page and "Acme Logistique" in page
    assert "L'employeur a vu votre candidature" in page
    assert "Vous êtes embauché·e" in page and "Début du contrat : 1er février 2027" in page
    assert "L'employeur n'a pas retenu votre candidature" in page
    assert "Pas assez d'expérience pour ce poste" in page
    assert page.count("Retirer ma candidature") == 1  # only the one still open


def test_nobody_else_s_applications_are_listed(login, personas):
    apply(personas.bob, offer(personas.acme, title="Offre de Bob"))
    page = text(login(personas.alice).get("/mes-candidatures/"))
    assert "Offre de Bob" not in page
    assert "Vous n'avez pas encore postulé" in page


def test_the_list_costs_the_same_queries_for_3_or_12_applications(login, personas):
    client = login(personas.alice)
    for _ in range(3):
        apply(personas.alice, offer(personas.acme))
    with CaptureQueriesContext(connection) as few:
        client.get("/mes-candidatures/")
    for _ in range(9):
        apply(personas.alice, offer(personas.globex))
    with CaptureQueriesContext(connection) as many:
        page = text(client.get("/mes-candidatures/"))
    assert page.count("Envoyée le") == 12
    assert len(many) == len(few)


def test_withdrawing_asks_first_then_withdraws(login, personas):
    application = apply(personas.alice, offer(personas.acme, title="Cariste"))
    client = login(personas.alice)
    confirm = client.get(f"/mes-candidatures/{application.pk}/retirer/")
    assert "Oui, retirer ma candidature" in text(confirm)
    assert Application.objects.get(pk=application.pk).status == Status.SENT
    response = client.post(f"/mes-candidatures/{application.pk}/retirer/")
    assert response.status_code == 302
    assert Application.objects.get(pk=application.pk).status == Status.WITHDRAWN
    page = text(client.get("/mes-candidatures/"))
    assert "Votre candidature « Cariste » est retirée." in page
    assert "Vous avez retiré cette candidature" in page


def test_a_decided_application_cannot_be_withdrawn(login, personas):
    application = apply(personas.alice, offer(personas.acme))
    services.application_transition(
        application=application, name="refuse", by=personas.emma, reason="skills"
    )
    client = login(personas.alice)
    client.post(f"/mes-candidatures/{application.pk}/retirer/")
    assert Application.objects.get(pk=application.pk).status == Status.REFUSED
    assert "n'est pas possible" in text(client.get("/mes-candidatures/"))


def test_another_resident_cannot_withdraw_or_see_it(login, personas):
    application = apply(personas.alice, offer(personas.acme))
    client = login(personas.bob)
    assert client.get(f"/mes-candidatures/{application.pk}/retirer/").status_code == 404
    assert client.post(f"/mes-candidatures/{application.pk}/retirer/").status_code == 404
    assert client.get(f"/mes-candidatures/{application.pk}/envoyee/").status_code == 404
    assert Application.objects.get(pk=application.pk).status == Status.SENT


def test_employers_have_no_resident_list(login, personas):
    assert login(personas.emma).get("/mes-candidatures/").status_code == 404
    assert login(UserFactory()).get("/mes-candidatures/").status_code == 200
