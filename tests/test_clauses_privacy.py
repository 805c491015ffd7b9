"""The eligible publics an advisor recorded about a resident (RQTH, RSA…), in the resident's own
data, and gone with their account."""

import json

from clauses.models import Eligibility
from residents.privacy import account_erase
from tests.advisor_helpers import followed

DOWNLOAD = "/mon-profil/mes-donnees/telecharger/"


def eligibility_url(profile) -> str:
    return f"/espace-conseiller/personnes/{profile.pk}/eligibilite/"


def test_the_resident_downloads_the_publics_recorded_about_them(personas, login):
    profile = followed(personas.mission)
    other = followed(personas.mission)
    login(personas.ada).post(eligibility_url(profile), {"publics": ["rsa", "disability"]})
    login(personas.ada).post(eligibility_url(other), {"publics": ["senior"]})

    response = login(profile.user).get(DOWNLOAD)
    data = json.loads(response.content.decode())
    rows = data["eligibilite_aux_clauses_d_insertion"]
    assert sorted(row["public"] for row in rows) == [
        "Allocataire du RSA",
        "Reconnaissance de handicap (RQTH)",
    ]
    assert {row["structure"] for row in rows} == {personas.mission.name}
    assert {row["enregistree_par"] for row in rows} == {f"Conseiller ({personas.mission.name})"}
    assert all(row["enregistree_le"] for row in rows)
    raw = response.content.decode()
    assert "50 ans et plus" not in raw, "another person's record"
    assert personas.ada.email not in raw and personas.ada.last_name not in raw


def test_a_resident_with_nothing_recorded_gets_an_empty_list(personas, login):
    profile = followed(personas.mission)
    data = json.loads(login(profile.user).get(DOWNLOAD).content.decode())
    assert data["eligibilite_aux_clauses_d_insertion"] == []


def test_erasing_the_account_deletes_the_eligibility_records(
    personas, login, django_capture_on_commit_callbacks
):
    profile = followed(personas.mission)
    kept = followed(personas.mission)
    login(personas.ada).post(eligibility_url(profile), {"publics": ["rsa", "qpv"]})
    login(personas.ada).post(eligibility_url(kept), {"publics": ["senior"]})
    with django_capture_on_commit_callbacks(execute=True):
        account_erase(user=profile.user, by=profile.user)
    assert list(Eligibility.objects.values_list("profile_id", "public")) == [(kept.pk, "senior")]
