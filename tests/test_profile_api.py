"""``/api/v1/me/profile/``: a resident reads and changes their own profile."""

import pytest

from residents.models import Profile
from residents.selectors import has_consent, profile_of
from residents.signals import profile_changed
from tests.factories import StructureFactory

URL = "/api/v1/me/profile/"


@pytest.fixture
def alice(personas, login):
    return login(personas.alice)


def patch(client, data):
    return client.patch(URL, data, content_type="application/json")


def test_get_shows_the_own_profile_in_codes(personas, alice):
    profile = profile_of(personas.alice)
    profile.sought.set(["11679"])
    profile.permits = ["B"]
    profile.save()
    data = alice.get(URL).json()
    assert data["sought"] == ["11679"] and data["permits"] == ["B"]
    assert data["commune"] is None and data["level"] is None and data["max_commute"] == 45
    assert data["consents"] == {"matching": False, "visibility": False, "followup": []}
    assert data["has_cv"] is False


def test_patch_changes_only_what_is_sent(personas, alice, django_capture_on_commit_callbacks):
    heard = []
    profile_changed.connect(receiver := lambda sender, profile_ids, **kw: heard.append(profile_ids))
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = patch(
                alice,
                {
                    "commune": "94081",
                    "qpv_answer": "qpv",
                    "qpv": "QN09410M",
                    "level": 3,
                    "sought": ["10891", "11679"],
                    "skills": ["107740"],
                    "permits": ["B", "CACES_R489_1A"],
                    "contracts": ["CDI"],
                    "max_commute": 60,
                    "available_from": "2030-01-15",
                    "consents": {"matching": True, "followup": [personas.mission.pk]},
                },
            )
    finally:
        profile_changed.disconnect(receiver)
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["commune"] == "94081" and data["qpv"] == "QN09410M" and data["level"] == 3
    assert data["sought"] == ["10891", "11679"] and data["skills"] == ["107740"]
    assert data["consents"] == {
        "matching": True,
        "visibility": False,
        "followup": [personas.mission.pk],
    }
    profile = profile_of(personas.alice)
    assert profile.qpv_asserted_by == personas.alice and not profile.qpv_verified
    assert profile.hours == "any" and profile.languages == []  # not sent, not changed
    assert has_consent(profile, "followup", personas.mission)
    assert heard and all(ids == [profile.pk] for ids in heard)
    assert patch(alice, {"consents": {"matching": False}}).json()["consents"]["matching"] is False


@pytest.mark.parametrize("persona", ["emma", "ada", "sam"])
def test_other_roles_are_refused(personas, login, persona):
    client = login(getattr(personas, persona))
    assert client.get(URL).status_code == 403
    assert patch(client, {"level": 3}).status_code == 403
    assert not Profile.objects.exists()


def test_anonymous_is_refused(client, db):
    response = client.get(URL)
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"


def test_errors_are_in_french_and_nothing_is_saved(personas, alice):
    response = patch(
        alice,
        {
            "commune": "99999",
            "sought": [],
            "past": ["11679", "nope"],
            "permits": ["Z"],
            "level": 12,
            "max_commute": 25,
            "available_from": "demain",
        },
    )
    assert response.status_code == 400
    errors = response.json()
    assert errors["commune"] == [
        "Commune inconnue : « 99999 ». Donnez son code INSEE, par exemple 94054 (Orly)."
    ]
    assert errors["past"] == ["Métier(s) inconnu(s) : nope."]
    assert errors["sought"] == ["Choisissez au moins un métier."]
    assert "choix valide" in str(errors["permits"])
    assert "choix valide" in errors["level"][0] and "choix valide" in errors["max_commute"][0]
    assert "date" in errors["available_from"][0].lower()
    assert profile_of(personas.alice).commune_id is None


def test_too_many_jobs_are_refused(alice):
    six = ["11679", "10891", "17993", "10894", "10893", "12000"]
    response = patch(alice, {"sought": six})
    assert response.json() == {"sought": ["Choisissez 5 métiers au plus."]}


def test_a_qpv_outside_the_commune_rolls_everything_back(personas, alice):
    response = patch(alice, {"commune": "94081", "qpv": "QN09407I", "level": 4})
    assert response.status_code == 400
    assert response.json() == {"qpv": ["Choisissez un quartier de votre commune dans la liste."]}
    profile = profile_of(personas.alice)
    assert (profile.commune_id, profile.level, profile.qpv_id) == (None, None, None)


def test_follow_up_by_an_unvalidated_structure_is_refused(personas, alice):
    pending = StructureFactory(validated_at=None)
    response = patch(alice, {"consents": {"followup": [pending.pk, personas.plie.pk]}})
    assert response.status_code == 400
    assert response.json() == {
        "consents": {
            "followup": [
                f"Structure(s) d'accompagnement inconnue(s) ou non validée(s) : {pending.pk}."
            ]
        }
    }
    assert not profile_of(personas.alice).consents.exists()


def test_the_schema_documents_the_route(client, db):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    operations = schema["paths"]["/api/v1/me/profile/"]
    assert {"get", "patch"} <= set(operations)
    assert operations["patch"]["summary"] == "Modifier mon profil"
