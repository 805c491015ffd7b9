"""Insertion clauses: a facilitator's operations, their offers, the hours worked by people
hired on them against the target; the eligible residents matched to open clause offers; who
may see and do what."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Organisation, User
from applications import services as application_services
from clauses import services
from clauses.models import ClauseHours, ClauseOperation, Eligibility
from matching import runs
from referrals import services as referral_services
from tests.advisor_helpers import follow, followed, plain, sent
from tests.application_helpers import apply
from tests.factories import StructureFactory, UserFactory, member, offer
from tests.helpers import text

DASHBOARD = "/espace-conseiller/clauses/"


@pytest.fixture
def facilitator(personas):
    structure = StructureFactory(
        name="Facilitateur GPE", structure_kind=Organisation.StructureKind.CLAUSE_FACILITATOR
    )
    return member(UserFactory(email="fanny@clauses.test", role=User.Role.ADVISOR), structure)


@pytest.fixture
def operation(facilitator):
    today = timezone.localdate()
    return ClauseOperation.objects.create(
        name="Ligne 15 Sud — gare de Vitry",
        contracting_authority="Société des grands projets",
        facilitator=facilitator.organisations.get(),
        hours_target=1000,
        starts_on=today - timedelta(days=30),
        ends_on=today + timedelta(days=365),
    )


def hire_referral(personas, clause_offer, start=date(2026, 1, 5)):
    referral = sent(personas.ada, personas.mission, followed(personas.mission), clause_offer)
    for name, extra in (("interview", {}), ("hire", {"hired_start": start})):
        referral = referral_services.referral_transition(
            referral=referral, name=name, by=personas.emma, **extra
        )
    return referral


def test_hours_of_hires_count_against_the_target(personas, login, facilitator, operation):
    clause_offer = offer(personas.acme, title="Coffreur", insertion_clause=True)
    operation.offers.add(clause_offer)
    referral = hire_referral(personas, clause_offer)
    someone = UserFactory(first_name="Lina")
    application = apply(someone, clause_offer)
    for name, extra in (("interview", {}), ("hire", {"hired_start": date(2026, 2, 1)})):
        application_services.application_transition(
            application=application, name=name, by=personas.emma, **extra
        )
    client = login(facilitator)
    page = plain(client.get(f"{DASHBOARD}{operation.pk}/"))
    assert referral.resident.get_full_name() in page and "Lina" in page
    assert "0 h réalisées sur 1000 h" in page
    hours = f"{DASHBOARD}{operation.pk}/heures/"
    client.post(hours, {"kind": "referral", "hire": referral.pk, "hours": "120"})
    client.post(hours, {"kind": "application", "hire": application.pk, "hours": "30.5"})
    client.post(hours, {"kind": "referral", "hire": referral.pk, "hours": "150"})  # corrected
    assert ClauseHours.objects.count() == 2
    dashboard = plain(client.get(DASHBOARD))
    assert "180,5 h réalisées sur 1000 h" in dashboard and "(18 %)" in dashboard
    assert "Ligne 15 Sud — gare de Vitry" in dashboard


def test_only_hires_on_the_operations_offers_count(personas, facilitator, operation):
    outside = offer(personas.acme, title="Hors opération", insertion_clause=True)
    referral = hire_referral(personas, outside)
    with pytest.raises(ValidationError, match="Seules les embauches"):
        services.hours_record(
            operation=operation,
            structure=operation.facilitator,
            by=facilitator,
            hours=Decimal(10),
            referral=referral,
        )
    attached = offer(personas.acme, title="Dans l'opération", insertion_clause=True)
    operation.offers.add(attached)
    not_hired = sent(personas.ada, personas.mission, followed(personas.mission), attached)
    with pytest.raises(ValidationError, match="Seules les embauches"):
        services.hours_record(
            operation=operation,
            structure=operation.facilitator,
            by=facilitator,
            hours=Decimal(10),
            referral=not_hired,
        )


def test_eligible_residents_are_matched_to_open_clause_offers(personas, login, operation):
    clause_offer = offer(personas.acme, title="Cariste chantier", insertion_clause=True)
    operation.offers.add(clause_offer)
    offer(personas.acme, title="Cariste hors clause")
    eligible = followed(personas.mission, first_name="Pierre")
    not_eligible = followed(personas.mission, first_name="Quentin")
    elsewhere = followed(personas.plie, first_name="Rosa")
    runs.run_full()
    client = login(personas.ada)
    response = client.post(
        f"/espace-conseiller/personnes/{eligible.pk}/eligibilite/", {"publics": ["qpv", "rsa"]}
    )
    assert response.status_code == 302
    Eligibility.objects.create(profile=elsewhere, public="senior", structure=personas.plie)
    assert {e.public for e in Eligibility.objects.filter(profile=eligible)} == {"qpv", "rsa"}
    page = text(client.get(DASHBOARD))
    section = page[page.index("Personnes éligibles") :]
    assert "Pierre" in section and "Cariste chantier" in section
    assert "Allocataire du RSA" in section
    assert "Quentin" not in section and "Rosa" not in section
    assert "Cariste hors clause" not in section
    assert "Allocataire du RSA" in text(client.get(f"/espace-conseiller/personnes/{eligible.pk}/"))
    assert not_eligible.pk  # in the caseload, simply not eligible


def test_the_dashboard_costs_the_same_queries_for_1_or_6_operations(
    personas, login, facilitator, operation
):
    first = offer(personas.acme, title="Offre", insertion_clause=True)
    operation.offers.add(first)
    hire_referral(personas, first)
    client = login(facilitator)
    with CaptureQueriesContext(connection) as few:
        client.get(DASHBOARD)
    for i in range(5):
        other = ClauseOperation.objects.create(
            name=f"Lot {i}",
            contracting_authority="Ville",
            facilitator=operation.facilitator,
            hours_target=500,
            starts_on=operation.starts_on,
            ends_on=operation.ends_on,
        )
        clause_offer = offer(personas.acme, title=f"Offre {i}", insertion_clause=True)
        other.offers.add(clause_offer)
        hire_referral(personas, clause_offer)
    with CaptureQueriesContext(connection) as many:
        client.get(DASHBOARD)
    assert len(many) == len(few)


def test_the_facilitator_creates_an_operation_and_attaches_clause_offers(
    personas, login, facilitator
):
    client = login(facilitator)
    response = client.post(
        f"{DASHBOARD}nouvelle/",
        {
            "name": "Collège de Thiais",
            "contracting_authority": "Département du Val-de-Marne",
            "lot": "",
            "hours_target": "2500",
            "starts_on": "2026-01-01",
            "ends_on": "2027-06-30",
        },
    )
    operation = ClauseOperation.objects.get(name="Collège de Thiais")
    assert response["Location"] == f"{DASHBOARD}{operation.pk}/"
    clause_offer = offer(personas.acme, title="Maçon", insertion_clause=True)
    plain = offer(personas.acme, title="Magasinier")
    page = client.get(f"{DASHBOARD}{operation.pk}/").content.decode()
    assert f'value="{clause_offer.pk}"' in page and f'value="{plain.pk}"' not in page
    client.post(f"{DASHBOARD}{operation.pk}/", {"offer": clause_offer.pk})
    assert list(operation.offers.all()) == [clause_offer]
    assert client.post(f"{DASHBOARD}{operation.pk}/", {"offer": plain.pk}).status_code == 400
    client.post(f"{DASHBOARD}{operation.pk}/", {"detach": clause_offer.pk})
    assert not operation.offers.exists()


def test_operations_and_hires_belong_to_their_facilitator(personas, login, operation):
    other = StructureFactory(
        name="Autre facilitateur", structure_kind=Organisation.StructureKind.CLAUSE_FACILITATOR
    )
    intruder = member(UserFactory(role=User.Role.ADVISOR), other)
    clause_offer = offer(personas.acme, insertion_clause=True)
    operation.offers.add(clause_offer)
    referral = hire_referral(personas, clause_offer)
    for user in (intruder, personas.ada):
        client = login(user)
        assert client.get(f"{DASHBOARD}{operation.pk}/").status_code == 404
        url = f"{DASHBOARD}{operation.pk}/heures/"
        assert (
            client.post(url, {"kind": "referral", "hire": referral.pk, "hours": "9"}).status_code
            == 404
        )
        page = text(client.get(DASHBOARD))
        assert "Ligne 15 Sud" in page and referral.resident.get_full_name() not in page
    assert login(personas.ada).get(f"{DASHBOARD}nouvelle/").status_code == 404
    assert not ClauseHours.objects.exists()


def test_eligibility_is_recorded_only_by_a_structure_following_the_person(personas, login):
    profile = followed(personas.mission)
    url = f"/espace-conseiller/personnes/{profile.pk}/eligibilite/"
    assert login(personas.alan).post(url, {"publics": ["rsa"]}).status_code == 404
    follow(profile, personas.plie)
    assert login(personas.alan).post(url, {"publics": ["rsa"]}).status_code == 302
    assert Eligibility.objects.get(profile=profile).structure == personas.plie
