"""Moderation of organisations: advisory structures wait for staff validation; new employers
are listed for 30 days and can be suspended (their offers leave the search) or reinstated."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import Organisation
from tests.factories import OrganisationFactory, StructureFactory, UserFactory, member
from tests.helpers import text

QUEUE = "/espace-equipe/moderation/"


@pytest.fixture
def waiting(personas):
    structure = StructureFactory(
        name="Cap emploi 94", structure_kind="cap_emploi", validated_at=None
    )
    member(UserFactory(email="conseil@capemploi.test", role="advisor"), structure)
    return structure


def test_structures_awaiting_validation_are_listed(waiting, personas, login):
    page = text(login(personas.sam).get(QUEUE))
    assert "Structures à valider (1)" in page
    assert "Cap emploi 94" in page and "conseil@capemploi.test" in page
    assert "Mission locale des Portes de l'Essonne" not in page.split("Nouveaux employeurs")[0]


def test_the_staff_home_says_what_waits(waiting, personas, login):
    page = text(login(personas.sam).get("/espace-equipe/"))
    assert "0 offre signalée, 1 structure à valider" in page


def test_validating_a_structure(waiting, personas, login):
    sam = login(personas.sam)
    response = sam.post(f"{QUEUE}organisations/{waiting.pk}/valider/", follow=True)
    assert "Cap emploi 94 est validée" in text(response)
    waiting.refresh_from_db()
    assert waiting.validated_at is not None and waiting.is_active
    assert "Structures à valider (0)" in text(sam.get(QUEUE))
    validated_at = waiting.validated_at
    sam.post(f"{QUEUE}organisations/{waiting.pk}/valider/")
    waiting.refresh_from_db()
    assert waiting.validated_at == validated_at  # a second click changes nothing


def test_an_employer_cannot_be_validated_as_a_structure(personas, login):
    response = login(personas.sam).post(f"{QUEUE}organisations/{personas.acme.pk}/valider/")
    assert response.status_code == 404


def test_new_employers_of_the_last_30_days(personas, login):
    old = OrganisationFactory(name="Ancienne SARL")
    Organisation.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=45)
    )
    page = text(login(personas.sam).get(QUEUE)).split("Nouveaux employeurs")[1]
    assert "Acme Logistique" in page and "Globex Santé" in page
    assert "Ancienne SARL" not in page


def test_suspending_then_reinstating_an_employer(personas, login):
    sam = login(personas.sam)
    sam.post(f"{QUEUE}organisations/{personas.acme.pk}/suspendre/", {"suspend": "1"})
    personas.acme.refresh_from_db()
    assert personas.acme.suspended_at is not None
    assert "Lever la suspension" in text(sam.get(QUEUE))
    sam.post(f"{QUEUE}organisations/{personas.acme.pk}/suspendre/", {"suspend": "0"})
    personas.acme.refresh_from_db()
    assert personas.acme.suspended_at is None
