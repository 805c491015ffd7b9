"""A phone number is one rule everywhere (vitrine.phone): the resident's own form and API take
it as people type it, store it as ``06 12 34 56 78`` and refuse anything else in French, keeping
the rest of what was typed; the model checks it too; numbers stored before the rule are stored
its way when it can read them, and left untouched otherwise."""

from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from residents.models import Profile
from residents.selectors import profile_of
from tests.advisor_helpers import plain
from tests.helpers import text

COMMUNE_STEP = "/mon-profil/commune/"
API = "/api/v1/me/profile/"
PHONE_MESSAGE = (
    "Indiquez un numéro de téléphone à 10 chiffres (06 12 34 56 78) ou, pour un numéro "
    "étranger, + suivi de l'indicatif du pays (+32 470 12 34 56)."
)


@pytest.fixture
def alice(personas, login):
    return login(personas.alice)


def stored_phone(user) -> str:
    return Profile.objects.get(user=user).phone


def patch(client, data):
    return client.patch(API, data, content_type="application/json")


# --- The resident's profile page -------------------------------------------------------------


def test_the_resident_form_refuses_what_is_not_a_phone_number_and_keeps_the_rest(personas, alice):
    response = alice.post(COMMUNE_STEP, {"commune": "94081", "phone": "abc<script>"})
    assert response.status_code == 200
    assert PHONE_MESSAGE in plain(response)
    assert '<option value="94081" selected>' in text(response)  # the commune is still chosen
    # What was typed is shown back to be corrected, escaped.
    assert 'name="phone" value="abc&lt;script&gt;"' in response.content.decode()
    profile = profile_of(personas.alice)
    assert (profile.commune_id, profile.phone) == (None, "")  # nothing half-saved


def test_the_resident_form_stores_the_number_the_french_way(personas, alice):
    response = alice.post(COMMUNE_STEP, {"commune": "94081", "phone": "06.12.34.56.78"})
    assert response.status_code == 302
    assert stored_phone(personas.alice) == "06 12 34 56 78"
    assert 'value="06 12 34 56 78"' in text(alice.get(COMMUNE_STEP))


def test_a_number_stored_before_the_rule_does_not_block_the_form(personas, alice):
    Profile.objects.filter(pk=profile_of(personas.alice).pk).update(phone="standard, poste 12")
    response = alice.post(COMMUNE_STEP, {"commune": "94081", "phone": "standard, poste 12"})
    assert response.status_code == 302
    profile = profile_of(personas.alice)
    assert (profile.commune_id, profile.phone) == ("94081", "standard, poste 12")
    response = alice.post(COMMUNE_STEP, {"commune": "94081", "phone": "standard, poste 13"})
    assert PHONE_MESSAGE in plain(response)


# --- The resident's API ----------------------------------------------------------------------


def test_the_api_refuses_what_is_not_a_phone_number_in_french(personas, alice):
    response = patch(alice, {"phone": "abc<script>", "level": 3})
    assert response.status_code == 400
    assert response.json() == {"phone": [PHONE_MESSAGE]}
    profile = profile_of(personas.alice)
    assert (profile.phone, profile.level) == ("", None)


def test_the_api_stores_the_number_the_french_way(personas, alice):
    response = patch(alice, {"phone": "06.12.34.56.78"})
    assert response.status_code == 200, response.content
    assert response.json()["phone"] == "06 12 34 56 78"
    assert stored_phone(personas.alice) == "06 12 34 56 78"
    assert alice.get(API).json()["phone"] == "06 12 34 56 78"
    assert patch(alice, {"phone": ""}).json()["phone"] == ""


# --- The model -------------------------------------------------------------------------------


def test_the_model_checks_the_number_with_the_same_rule(personas):
    profile = profile_of(personas.alice)
    profile.phone = "abc<script>"
    with pytest.raises(ValidationError) as error:
        profile.full_clean()
    assert error.value.message_dict["phone"] == [PHONE_MESSAGE]
    profile.phone = "+32 470 12 34 56"
    profile.full_clean()


# --- Numbers stored before the rule ----------------------------------------------------------


def test_the_migration_stores_old_numbers_the_french_way_and_keeps_the_others(personas, db):
    migration = import_module("residents.migrations.0005_phone_normalised")
    old = {
        personas.alice: ("0612345678", "06 12 34 56 78"),
        personas.bob: ("+33 (0)1.23.45.67.89", "01 23 45 67 89"),
        personas.ada: ("standard, poste 12", "standard, poste 12"),  # not a number: kept
        personas.emma: ("", ""),
    }
    for user, (before, _after) in old.items():
        Profile.objects.filter(pk=profile_of(user).pk).update(phone=before)
    migration.normalise_phones(apps, schema_editor=None)
    assert {user: stored_phone(user) for user in old} == {
        user: after for user, (_before, after) in old.items()
    }
