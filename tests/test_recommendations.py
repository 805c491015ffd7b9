""" "Offres pour vous": the current run's offers for a resident, best first, with the reasons
and the skills still missing; the consent it needs; the trainings below; fixed queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from matching import runs
from referentiel.models import OccupationSkill, Skill
from tests.factories import offer, resident
from tests.helpers import text

URL = "/offres-pour-vous/"


def cariste_core() -> list[str]:
    return list(
        OccupationSkill.objects.filter(occupation_id="N1101", core=True)
        .order_by("skill_id")
        .values_list("skill_id", flat=True)
    )


@pytest.fixture
def territory(personas):
    offer(personas.acme, title="Cariste Orly")
    offer(personas.globex, title="Cariste Rungis niveau Bac", commune_code="94065", level_id=4)
    offer(personas.acme, title="Cariste Viry", commune_code="91687")
    offer(personas.globex, title="Aide-soignant", appellation_code="10891", commune_code="94076")


def test_a_resident_sees_the_right_offers_with_reasons_and_gaps(territory, login):
    core = cariste_core()
    someone = resident(skills=core[2:], level=3, max_commute=45)
    runs.run_full()
    page = text(login(someone.user).get(URL))
    assert "Cariste Viry" not in page, "beyond the resident's commute"
    assert "Aide-soignant" not in page, "another trade"
    assert page.index("Cariste Orly") < page.index("Cariste Rungis niveau Bac")
    assert "Même métier que celui que vous cherchez" in page
    assert f"Vous avez {len(core) - 2} compétences sur {len(core)} demandées" in page
    assert "Niveau demandé : Bac, le vôtre : CAP/BEP" in page
    assert "min de trajet" in page and "sur 100" in page
    assert "Il vous manque :" in page
    for code in core[:2]:
        assert Skill.objects.get(pk=code).label in page
    assert "Les formations qui vous ouvrent le plus d'offres" in page


def test_without_consent_the_page_explains_and_links_to_the_consents(territory, login):
    someone = resident(consent=False)
    runs.run_full()
    response = login(someone.user).get(URL)
    page = text(response)
    assert "Cariste Orly" not in page
    assert "Vous n'avez pas demandé à recevoir des offres" in page
    assert 'href="/mon-profil/consentements/?next=/offres-pour-vous/"' in response.content.decode()


def test_no_run_yet_and_no_offer_are_said_kindly(personas, login):
    offer(personas.globex, title="Aide-soignant", appellation_code="10891", commune_code="94076")
    someone = resident()
    assert "n'ont pas encore été calculées" in text(login(someone.user).get(URL))
    runs.run_full()
    assert "aucune offre ne correspond à votre profil" in text(login(someone.user).get(URL))


def test_while_a_changed_profile_is_compared_the_page_says_so_and_refreshes(
    territory, login, django_capture_on_commit_callbacks
):
    from matching.models import Dirty

    someone = resident()
    runs.run_full()
    Dirty.objects.create(kind=Dirty.Kind.PROFILE, object_id=someone.pk)  # the worker's queue
    response = login(someone.user).get(URL)
    page = text(response)
    assert "nous le comparons aux offres" in page
    assert 'hx-trigger="every 3s"' in response.content.decode()
    Dirty.objects.all().delete()  # compared
    response = login(someone.user).get(URL)
    assert "nous le comparons" not in text(response)
    assert "hx-trigger" not in response.content.decode(), "the polling stops"


def test_only_residents_see_the_page(personas, login, client):
    assert login(personas.emma).get(URL).status_code == 404
    assert login(personas.sam).get(URL).status_code == 404
    response = client.get(URL)
    assert response.status_code == 302 and "/comptes/" in response.url


def queries(client) -> int:
    client.get(URL)  # the trainings are computed once, then cached
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).status_code == 200
    return len(captured)


def test_the_page_costs_the_same_queries_for_1_or_6_offers(personas, login):
    for n in range(6):
        offer(personas.acme if n % 2 else personas.globex, title=f"Cariste {n}")
    offer(personas.globex, title="Aide-soignant", appellation_code="10891", commune_code="94076")
    few = resident(sought=("10891",), commune_code="94076", skills=())
    many = resident(skills=cariste_core()[1:])
    run = runs.run_full()
    assert run.matches.filter(profile=few, for_resident=True).count() == 1
    assert run.matches.filter(profile=many, for_resident=True).count() == 6
    # session, user, profile, consent, current run, matches, skill labels, pending re-score
    assert queries(login(few.user)) == queries(login(many.user)) == 8
