"""An advisor confirms or corrects a resident's neighbourhood (QPV) and level: the QPV answer
becomes the advisor's (asserted by them, verified)."""

from residents.models import Profile
from tests.advisor_helpers import ORLY_QPV, ORLY_QPV_NAME, followed
from tests.helpers import text


def url(profile, end="confirmer/") -> str:
    return f"/espace-conseiller/personnes/{profile.pk}/{end}"


def test_the_advisor_confirms_the_declared_qpv(personas, login):
    profile = followed(personas.mission, qpv=ORLY_QPV)
    client = login(personas.ada)
    assert "déclaré, à confirmer" in text(client.get(url(profile, "")))
    response = client.post(url(profile), {"quartier": ORLY_QPV, "level": ""})
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.qpv_id == ORLY_QPV and profile.qpv_answer == "qpv"
    assert profile.qpv_verified and profile.qpv_asserted_by == personas.ada
    assert profile.qpv_asserted_at is not None
    page = text(client.get(url(profile, "")))
    assert f"{ORLY_QPV_NAME} — confirmé par {personas.ada.get_full_name()}" in page


def test_the_advisor_corrects_the_qpv_and_the_level(personas, login):
    profile = followed(personas.mission, level=2)
    login(personas.ada).post(url(profile), {"quartier": ORLY_QPV, "level": "4"})
    profile.refresh_from_db()
    assert profile.qpv_id == ORLY_QPV and profile.qpv_verified and profile.level == 4
    login(personas.ada).post(url(profile), {"quartier": "none", "level": ""})
    profile.refresh_from_db()
    assert profile.qpv_id is None and profile.qpv_answer == "none" and profile.qpv_verified
    assert profile.level == 4


def test_a_qpv_of_another_commune_is_refused(personas, login):
    profile = followed(personas.mission, commune_code="94081")
    response = login(personas.ada).post(url(profile), {"quartier": ORLY_QPV, "level": ""})
    assert response.status_code == 400
    assert Profile.objects.get(pk=profile.pk).qpv_id is None


def test_nothing_chosen_is_said(personas, login):
    profile = followed(personas.mission)
    response = login(personas.ada).post(url(profile), {"quartier": "", "level": ""})
    assert response.status_code == 400
    assert "Choisissez un quartier ou un diplôme" in text(response)


def test_another_structure_cannot_confirm(personas, login):
    profile = followed(personas.mission, qpv=ORLY_QPV)
    response = login(personas.alan).post(url(profile), {"quartier": ORLY_QPV, "level": "5"})
    assert response.status_code == 404
    profile.refresh_from_db()
    assert not profile.qpv_verified and profile.level == 3
