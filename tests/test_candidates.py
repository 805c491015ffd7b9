""" "Candidats possibles": an employer sees, for its own offer, the residents who fit it and
agreed to be visible; never their QPV nor their contact details; others get a 404."""

import pytest
from django.utils import timezone

from matching import runs
from referentiel.models import Qpv
from residents.models import Consent, ProfileView
from tests.factories import offer, resident
from tests.helpers import text


def person(first_name, last_name, **fields):
    profile = resident(first_name=first_name, **fields)
    profile.user.last_name = last_name
    profile.user.save(update_fields=["last_name"])
    return profile


def visible(profile):
    Consent.objects.create(profile=profile, kind=Consent.Kind.VISIBILITY)
    return profile


@pytest.fixture
def cariste(personas):
    return offer(personas.acme, title="Cariste Orly")


def url(offer_) -> str:
    return f"/espace-employeur/offres/{offer_.pk}/candidats/"


def test_only_residents_visible_to_employers_are_listed(cariste, login):
    shown = visible(person("Samira", "Benali"))
    hidden = person("Gaston", "Lefort")
    revoked = person("Yvette", "Marchal")
    Consent.objects.create(profile=revoked, kind=Consent.Kind.VISIBILITY, revoked_at=timezone.now())
    run = runs.run_full()
    assert run.matches.filter(offer=cariste, for_offer=True).count() == 3
    page = text(login(cariste.employer.memberships.get().user).get(url(cariste)))
    assert "Samira B." in page and "Benali" not in page
    assert "Gaston" not in page and "Yvette" not in page
    assert "1 personne" in page
    assert "Cherche ce métier" in page and "min de trajet" in page
    assert shown.commune.name in page and "CAP, BEP" in page
    assert not hidden.views.exists() and not ProfileView.objects.exists(), "nothing is logged"


def test_the_employer_finds_them_from_the_offer(cariste, personas, login):
    page = login(personas.emma).get(f"/espace-employeur/offres/{cariste.pk}/").content.decode()
    assert f'href="{url(cariste)}">Candidats possibles</a>' in page


def test_never_the_qpv_nor_the_e_mail_or_phone(cariste, login, personas):
    qpv = Qpv.objects.filter(communes__code_insee="94054").first()
    someone = visible(person("Nadia", "Belkacem", qpv=qpv.code, phone="06 12 34 56 78"))
    runs.run_full()
    page = text(login(personas.emma).get(url(cariste)))
    assert "Nadia" in page
    assert qpv.name not in page and qpv.code not in page
    assert "QPV" not in page and "quartier" not in page.lower()
    assert someone.user.email not in page and "06 12 34 56 78" not in page
    assert someone.user.last_name not in page


def test_the_skills_to_learn_are_listed(cariste, login, personas):
    from referentiel.models import OccupationSkill, Skill

    core = list(
        OccupationSkill.objects.filter(occupation_id="N1101", core=True)
        .order_by("skill_id")
        .values_list("skill_id", flat=True)
    )
    visible(resident(skills=core[1:]))
    runs.run_full()
    page = text(login(personas.emma).get(url(cariste)))
    assert f"{len(core) - 1} compétences sur {len(core)}" in page
    assert "Compétences à acquérir" in page and Skill.objects.get(pk=core[0]).label in page


def test_another_employer_and_other_people_get_a_404(cariste, login, personas, client):
    visible(resident())
    runs.run_full()
    assert login(personas.emma).get(url(cariste)).status_code == 200
    for outsider in (personas.frank, personas.alice, personas.ada, personas.sam):
        assert login(outsider).get(url(cariste)).status_code == 404, outsider
    response = client.get(url(cariste))
    assert response.status_code == 302 and "/comptes/" in response.url


def test_the_page_costs_the_same_queries_for_1_or_5_people(personas, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    few, many = (
        offer(personas.acme, title="Cariste Orly"),
        offer(personas.acme, title="Aide-soignant", appellation_code="10891", commune_code="94076"),
    )
    visible(resident(skills=()))
    for _ in range(5):
        visible(resident(sought=("10891",), commune_code="94076", skills=())).past.set(["10891"])
    runs.run_full()
    counts, emma = [], login(personas.emma)
    for item in (few, many):
        with CaptureQueriesContext(connection) as captured:
            page = text(emma.get(url(item)))
        assert f"{1 if item == few else 5} personne" in page
        counts.append(len(captured))
    # session, user, offer, current run, matches, jobs sought, jobs done, skill labels
    assert counts == [8, 8]
