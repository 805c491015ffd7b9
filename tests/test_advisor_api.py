"""The structure's API: caseload and referrals, scoped to the advisor's structure (403 for
anyone else, 404 for another structure's objects), documented in the OpenAPI schema."""

from advisors.models import Note
from referrals.models import Status
from tests.advisor_helpers import ORLY_QPV, followed, propose
from tests.factories import offer

CASELOAD = "/api/v1/structure/caseload/"
REFERRALS = "/api/v1/structure/referrals/"


def test_the_caseload_lists_the_structures_residents_by_priority(personas, login):
    low = followed(personas.mission, first_name="Ali", qpv=ORLY_QPV, level=1)
    high = followed(personas.mission, first_name="Bea", level=7)
    followed(personas.plie, first_name="Carl")
    data = login(personas.ada).get(CASELOAD).json()
    assert data["count"] == 2
    assert [row["id"] for row in data["results"]] == [low.pk, high.pk]
    first = data["results"][0]
    assert first["qpv"] == {"code": ORLY_QPV, "name": "Quartier Est"}
    assert first["sought"][0]["code_ogr"] == "11679" and first["priority"] == 4
    filtered = login(personas.ada).get(CASELOAD, {"qpv": "non"}).json()
    assert [row["id"] for row in filtered["results"]] == [high.pk]


def test_a_resident_with_the_structures_notes_and_404_elsewhere(personas, login):
    profile = followed(personas.mission)
    Note.objects.create(structure=personas.mission, profile=profile, text="Note ML")
    data = login(personas.ada).get(f"{CASELOAD}{profile.pk}/").json()
    assert [note["text"] for note in data["notes"]] == ["Note ML"]
    assert login(personas.alan).get(f"{CASELOAD}{profile.pk}/").status_code == 404


def test_only_advisors_of_an_active_structure(client, personas, login):
    assert client.get(CASELOAD).status_code == 401
    for user in (personas.alice, personas.emma, personas.sam):
        assert login(user).get(CASELOAD).status_code == 403
        assert login(user).get(REFERRALS).status_code == 403
    personas.plie.validated_at = None
    personas.plie.save()
    assert login(personas.alan).get(CASELOAD).status_code == 403


def test_referrals_are_created_listed_and_moved(personas, login):
    profile = followed(personas.mission)
    cariste = offer(personas.acme, title="Cariste")
    client = login(personas.ada)
    response = client.post(
        REFERRALS,
        {"profile": profile.pk, "offer": cariste.pk, "message": "Allez-y"},
        "application/json",
    )
    assert response.status_code == 201
    created = response.json()
    assert created["status"] == Status.PROPOSED and created["message"] == "Allez-y"
    assert created["transitions"][0]["name"] == "create"
    again = client.post(REFERRALS, {"profile": profile.pk, "offer": cariste.pk}, "application/json")
    assert again.status_code == 409 and "déjà orienté" in again.json()["detail"]
    listed = client.get(REFERRALS).json()
    assert [row["id"] for row in listed["results"]] == [created["id"]]
    moved = client.post(
        f"{REFERRALS}{created['id']}/transition/", {"name": "cancel"}, "application/json"
    )
    assert moved.status_code == 200 and moved.json()["status"] == Status.CANCELLED
    wrong = client.post(
        f"{REFERRALS}{created['id']}/transition/", {"name": "send"}, "application/json"
    )
    assert wrong.status_code == 409


def test_another_structures_referrals_and_residents_are_out_of_reach(personas, login):
    profile = followed(personas.mission)
    referral = propose(personas.ada, personas.mission, profile, offer(personas.acme))
    other = login(personas.alan)
    assert other.get(f"{REFERRALS}{referral.pk}/").status_code == 404
    assert (
        other.post(
            f"{REFERRALS}{referral.pk}/transition/", {"name": "cancel"}, "application/json"
        ).status_code
        == 404
    )
    assert other.get(REFERRALS).json()["count"] == 0
    refused = other.post(
        REFERRALS, {"profile": profile.pk, "offer": referral.offer_id}, "application/json"
    )
    assert refused.status_code == 400 and "profile" in refused.json()


def test_the_schema_documents_the_routes(client, db):
    paths = client.get("/api/schema/", {"format": "json"}).json()["paths"]
    for path in (
        "/api/v1/structure/caseload/",
        "/api/v1/structure/caseload/{id}/",
        "/api/v1/structure/referrals/",
        "/api/v1/structure/referrals/{id}/",
        "/api/v1/structure/referrals/{id}/transition/",
    ):
        assert path in paths, path
