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
    assert "0 h réalisées sur 1 000 h" in page
    hours = f"{DASHBOARD}{operation.pk}/heures/"
    client.post(hours, {"kind": "referral", "hire": referral.pk, "hours": "120"})
    client.post(hours, {"kind": "application", "hire": application.pk, "hours": "30.5"})
    client.post(hours, {"kind": "referral", "hire": referral.pk, "hours": "150"})  # corrected
    assert ClauseHours.objects.count() == 2
    dashboard = plain(client.get(DASHBOARD))
    assert "180,5 h réalisées sur 1 000 h" in dashboard and "(18 %)" in dashboard
    assert "Ligne 15 Sud — gare de Vitry" in dashboard


def record_hours(operation, facilitator, hours, referral):
    """The facilitator records ``hours`` for the hire of ``referral`` (the service, no page)."""
    return services.hours_record(
        operation=operation,
        structure=operation.facilitator,
        by=facilitator,
        hours=hours,
        referral=referral,
    )


def test_only_hires_on_the_operations_offers_count(personas, facilitator, operation):
    outside = offer(personas.acme, title="Hors opération", insertion_clause=True)
    referral = hire_referral(personas, outside)
    with pytest.raises(ValidationError, match="Seules les embauches"):
        record_hours(operation, facilitator, Decimal(10), referral)
    attached = offer(personas.acme, title="Dans l'opération", insertion_clause=True)
    operation.offers.add(attached)
    not_hired = sent(personas.ada, personas.mission, followed(personas.mission), attached)
    with pytest.raises(ValidationError, match="Seules les embauches"):
        record_hours(operation, facilitator, Decimal(10), not_hired)


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


# --- Bounds of the hours and of the target (found by QA) -------------------------------------


def test_hours_are_more_than_0_at_most_2000_in_hundredths(personas, login, facilitator, operation):
    clause_offer = offer(personas.acme, title="Coffreur", insertion_clause=True)
    operation.offers.add(clause_offer)
    referral = hire_referral(personas, clause_offer)
    client = login(facilitator)
    url = f"{DASHBOARD}{operation.pk}/heures/"

    def record(hours: str) -> str:
        response = client.post(url, {"kind": "referral", "hire": referral.pk, "hours": hours})
        return plain(client.get(response["Location"]))

    for typed, rule in (
        ("999999.5", "2 000 heures au plus par embauche"),
        ("2000.01", "2 000 heures au plus par embauche"),
        ("0", "Indiquez plus de 0 heure"),
        ("-3", "Indiquez plus de 0 heure"),
        ("12.255", "Deux décimales au plus"),
        ("douze", "Indiquez un nombre d'heures, par exemple 151,67"),
        ("", "Indiquez le nombre d'heures travaillées."),
    ):
        page = record(typed)
        assert rule in page, typed
        assert "0 ou plus" not in page
        assert not ClauseHours.objects.exists(), typed
    assert "12,25 heures enregistrées." in record("12.25")
    assert ClauseHours.objects.get().hours == Decimal("12.25")
    page = record("151,67")
    assert "151,67 heures enregistrées." in page and "151,67 h réalisées" in page
    assert "1 607 heures enregistrées." in record("1 607")
    assert "2 000 h réalisées sur 1 000 h" in record("2000")
    assert ClauseHours.objects.get().hours == Decimal(2000)
    with pytest.raises(ValidationError, match="2 000 heures au plus"):
        record_hours(operation, facilitator, Decimal("999999.5"), referral)
    with pytest.raises(ValidationError, match="plus de 0 heure"):
        record_hours(operation, facilitator, Decimal(0), referral)


def test_the_hours_input_says_the_rule_and_allows_hundredths(
    personas, login, facilitator, operation
):
    clause_offer = offer(personas.acme, title="Coffreur", insertion_clause=True)
    operation.offers.add(clause_offer)
    hire_referral(personas, clause_offer)
    response = login(facilitator).get(f"{DASHBOARD}{operation.pk}/")
    page = response.content.decode()
    assert 'min="0.01" max="2000" step="0.01"' in page and 'step="0.5"' not in page
    assert "2 000 au plus (une année à temps plein en compte 1 607)" in text(response)


def test_an_operation_needs_a_target_of_at_least_1_hour(personas, login, facilitator):
    client = login(facilitator)
    data = {
        "name": "Collège de Thiais",
        "contracting_authority": "Département du Val-de-Marne",
        "lot": "",
        "hours_target": "0",
        "starts_on": "2026-01-01",
        "ends_on": "2027-06-30",
    }
    response = client.post(f"{DASHBOARD}nouvelle/", data)
    assert response.status_code == 400
    assert "Indiquez au moins 1 heure" in text(response)
    assert not ClauseOperation.objects.exists()
    with pytest.raises(ValidationError, match="au moins 1 heure"):
        services.operation_create(
            structure=facilitator.organisations.get(),
            by=facilitator,
            name="Lot 2",
            contracting_authority="Ville",
            hours_target=0,
            starts_on=date(2026, 1, 1),
            ends_on=date(2026, 12, 31),
        )
    assert client.post(f"{DASHBOARD}nouvelle/", {**data, "hours_target": "1"}).status_code == 302


# --- The empty list of eligible people says why (found by QA) -------------------------------


def eligible_section(client) -> str:
    page = plain(client.get(DASHBOARD))
    return page[page.index("Personnes éligibles") :]


def test_a_structure_following_nobody_is_told_why_its_list_is_empty(
    personas, login, facilitator, operation
):
    operation.offers.add(offer(personas.acme, title="Cariste chantier", insertion_clause=True))
    followed(personas.mission, first_name="Pierre")  # followed by another structure
    runs.run_full()
    section = eligible_section(login(facilitator))
    assert "Votre structure ne suit encore personne" in section
    assert "« Mes accords »" in section and "éligibilité aux clauses est notée" in section
    assert "Pierre" not in section


def test_the_empty_list_names_the_missing_step(personas, login, operation):
    client = login(personas.ada)
    someone = followed(personas.mission, first_name="Pierre")
    elsewhere = followed(personas.plie, first_name="Rosa")
    Eligibility.objects.create(profile=elsewhere, public="senior", structure=personas.plie)
    section = eligible_section(client)
    assert "La personne suivie par votre structure n'a pas d'éligibilité aux clauses notée" in (
        section
    )
    Eligibility.objects.create(profile=someone, public="rsa", structure=personas.mission)
    assert "Aucune offre sous clause n'est ouverte" in eligible_section(client)
    operation.offers.add(offer(personas.acme, title="Cariste chantier", insertion_clause=True))
    assert "n'ont pas encore été calculées" in eligible_section(client)
    runs.run_full()
    section = eligible_section(client)
    assert "Pierre" in section and "Cariste chantier" in section
    assert "Rosa" not in section
