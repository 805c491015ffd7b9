"""The resident confirms the core skills of their jobs, unticks the others, adds their own."""

import re

import pytest

from referentiel.models import OccupationSkill
from referentiel.suggestions import suggest_skills
from residents.selectors import profile_of
from tests.helpers import text

URL = "/mon-profil/competences/"
AIDE_SOIGNANT = "10891"  # J1501
CARISTE = "11679"  # N1101
PREPARATEUR = "17993"  # N1103


def core(occupation: str) -> set[str]:
    return set(
        OccupationSkill.objects.filter(occupation_id=occupation, core=True).values_list(
            "skill_id", flat=True
        )
    )


def ticked(response) -> set[str]:
    page = text(response)
    return {
        m.group(1)
        for m in re.finditer(r'<input type="checkbox" name="skills" value="(\d+)"[^>]*>', page)
        if " checked" in m.group(0)
    }


def offered(response) -> set[str]:
    return set(re.findall(r'<input type="checkbox" name="skills" value="(\d+)"', text(response)))


@pytest.fixture
def alice(personas, login):
    client = login(personas.alice)
    client.post("/mon-profil/metiers/", {"sought": [AIDE_SOIGNANT], "past": [PREPARATEUR]})
    return client


def test_core_skills_of_sought_and_past_jobs_are_ticked_and_grouped(alice):
    response = alice.get(URL)
    expected = core("J1501") | core("N1103")
    assert offered(response) == expected
    assert ticked(response) == expected
    page = text(response)
    assert "<legend>Aide-soignant / Aide-soignante</legend>" in page
    assert "<legend>Préparateur / Préparatrice de commandes</legend>" in page
    # Grouped: an aide-soignant's skill sits under the aide-soignant job.
    aide, prep = (
        page.index("Aide-soignant / Aide-soignante</legend>"),
        page.index("Préparateur / Préparatrice de commandes</legend>"),
    )
    assert aide < page.index("Evaluer la douleur des patients") < prep
    assert prep < page.index("Participer à un inventaire")


def test_nothing_is_owned_before_the_resident_confirms(personas, alice):
    assert not profile_of(personas.alice).skills.exists()


def test_unticking_removes_and_stays_unticked(personas, alice):
    keep = sorted(core("J1501") | core("N1103"))
    dropped = keep.pop()
    response = alice.post(URL, {"skills": keep})
    assert response.status_code == 302 and response["Location"] == "/mon-profil/permis/"
    profile = profile_of(personas.alice)
    assert set(profile.skills.values_list("pk", flat=True)) == set(keep)
    assert "competences" in profile.steps_done
    again = alice.get(URL)
    assert dropped in offered(again) and dropped not in ticked(again)
    assert ticked(again) == set(keep)


def test_a_job_added_later_proposes_its_skills_without_reticking_old_ones(personas, alice):
    keep = sorted(core("J1501"))  # unticks every skill of the préparateur
    alice.post(URL, {"skills": keep})
    alice.post("/mon-profil/metiers/", {"sought": [AIDE_SOIGNANT, CARISTE], "past": [PREPARATEUR]})
    response = alice.get(URL)
    assert ticked(response) == set(keep) | (core("N1101") - core("N1103"))
    assert "<legend>Cariste</legend>" in text(response)


def test_other_skills_are_added_with_the_autocomplete(personas, alice):
    typed = suggest_skills("conduire un chariot élévateur", limit=1)[0].code
    assert typed not in core("J1501") | core("N1103")
    response = alice.post(
        URL,
        {
            "skills": sorted(core("J1501")),
            "other_skills": ["100016"],  # Gestes et postures de manutention, a chosen chip
            "other_skills_text": "conduire un chariot élévateur",  # typed, not chosen
        },
    )
    assert response.status_code == 302
    owned = set(profile_of(personas.alice).skills.values_list("pk", flat=True))
    assert owned == core("J1501") | {"100016", typed}
    again = alice.get(URL)
    # The préparateur's skill chosen as a chip is now a ticked box; the other one is a chip.
    assert "100016" in ticked(again)
    assert f'name="other_skills" value="{typed}"' in text(again)


def test_the_skills_widget_boosts_the_first_job(alice):
    page = text(alice.get(URL))
    assert 'data-boost-from="skills-boost"' in page
    assert 'id="skills-boost" value="J1501"' in page


def test_the_page_costs_the_same_queries_with_more_jobs(
    personas, alice, django_assert_max_num_queries
):
    with django_assert_max_num_queries(9):
        alice.get(URL)
    many = [AIDE_SOIGNANT, CARISTE, "10894", "10893", "12000"]
    alice.post("/mon-profil/metiers/", {"sought": many, "past": [PREPARATEUR, "17993"]})
    with django_assert_max_num_queries(9):
        response = alice.get(URL)
    assert "<legend>Cariste</legend>" in text(response)


def test_without_jobs_the_step_asks_for_them_first(personas, login):
    page = text(login(personas.bob).get(URL))
    assert "Choisissez d'abord" in page and 'href="/mon-profil/metiers/"' in page
    assert 'name="skills"' not in page


def test_an_unknown_skill_is_refused_in_french(personas, alice):
    response = alice.post(URL, {"skills": ["999999"]})
    assert "Choisissez les compétences dans la liste." in text(response)
    assert not profile_of(personas.alice).skills.exists()
