"""The applications API: a resident applies, follows and withdraws; an employer lists, reads
and moves the applications to their offers, with 409 and a French message when refused."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from applications import services
from applications.models import Application, Status
from residents.models import ProfileView
from tests.application_helpers import apply, give_cv, media, pdf_bytes, profile_of, upload  # noqa: F401
from tests.factories import offer

MINE = "/api/v1/me/applications/"
RECEIVED = "/api/v1/employer/applications/"


@pytest.fixture
def api():
    def make(user) -> APIClient:
        client = APIClient()
        client.force_authenticate(user)
        return client

    return make


def test_a_resident_applies_and_lists_their_applications(api, personas):
    published = offer(personas.acme, title="Cariste")
    client = api(personas.alice)
    response = client.post(MINE, {"offer": published.pk, "message": "Bonjour"}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "sent" and body["offer"]["title"] == "Cariste"
    assert body["meaning"].startswith("Votre candidature est envoyée")
    apply(personas.bob, offer(personas.acme, title="Offre de Bob"))
    listed = client.get(MINE).json()
    assert [row["offer"]["title"] for row in listed["results"]] == ["Cariste"]


def test_a_second_application_is_a_409_in_french(api, personas):
    published = offer(personas.acme)
    client = api(personas.alice)
    client.post(MINE, {"offer": published.pk}, format="json")
    again = client.post(MINE, {"offer": published.pk}, format="json")
    assert again.status_code == 409
    assert "déjà postulé" in again.json()["detail"]
    assert Application.objects.count() == 1


def test_only_published_offers_and_only_residents(api, personas):
    draft = offer(personas.acme, publish=False)
    response = api(personas.alice).post(MINE, {"offer": draft.pk}, format="json")
    assert response.status_code == 400 and "offer" in response.json()
    published = offer(personas.globex)
    refused = api(personas.emma).post(MINE, {"offer": published.pk}, format="json")
    assert refused.status_code == 403
    assert APIClient().get(MINE).status_code == 401
    assert not Application.objects.exists()


def test_a_cv_is_sent_in_multipart_and_checked(api, personas):
    published = offer(personas.acme)
    client = api(personas.alice)
    bad = client.post(MINE, {"offer": published.pk, "cv": upload("cv.pdf", b"plain text")})
    assert bad.status_code == 400 and "n'est pas un CV en PDF" in bad.json()["cv"][0]
    good = client.post(MINE, {"offer": published.pk, "cv": upload("cv.pdf", pdf_bytes())})
    assert good.status_code == 201 and good.json()["has_cv"] is True


def test_the_profile_cv_is_attached_unless_declined(api, personas):
    give_cv(profile_of(personas.alice))
    client = api(personas.alice)
    with_cv = client.post(MINE, {"offer": offer(personas.acme).pk}, format="json")
    without = client.post(
        MINE, {"offer": offer(personas.acme).pk, "use_profile_cv": False}, format="json"
    )
    assert with_cv.json()["has_cv"] is True and without.json()["has_cv"] is False


def test_withdraw(api, personas):
    application = apply(personas.alice, offer(personas.acme))
    client = api(personas.alice)
    response = client.post(f"{MINE}{application.pk}/withdraw/")
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"
    again = client.post(f"{MINE}{application.pk}/withdraw/")
    assert again.status_code == 409 and "retirée" in again.json()["detail"]
    assert api(personas.bob).post(f"{MINE}{application.pk}/withdraw/").status_code == 404


def test_the_employer_lists_with_filters(api, personas):
    cariste = offer(personas.acme, title="Cariste")
    magasinier = offer(personas.acme, title="Magasinier")
    first = apply(personas.alice, cariste)
    apply(personas.bob, magasinier)
    apply(personas.alice, offer(personas.globex))
    services.application_transition(application=first, name="see", by=personas.emma)
    client = api(personas.emma)
    everything = client.get(RECEIVED).json()
    assert everything["count"] == 2
    by_offer = client.get(RECEIVED, {"offer": magasinier.pk}).json()["results"]
    assert [row["applicant"]["first_name"] for row in by_offer] == ["Bob"]
    by_status = client.get(RECEIVED, {"status": "seen"}).json()["results"]
    assert [row["id"] for row in by_status] == [first.pk]
    assert client.get(RECEIVED, {"status": "accepted"}).status_code == 400


def test_reading_one_marks_it_seen_and_logs_the_view(api, personas):
    give_cv(profile_of(personas.alice, phone="0611223344"))
    application = apply(personas.alice, offer(personas.acme), message="Disponible")
    body = api(personas.emma).get(f"{RECEIVED}{application.pk}/").json()
    assert body["status"] == "seen"
    assert body["message"] == "Disponible"
    assert body["applicant"]["email"] == "alice@example.test"
    assert body["profile"]["phone"] == "0611223344"
    assert body["cv_url"].endswith(f"{RECEIVED}{application.pk}/cv/")
    assert [step["name"] for step in body["transitions"]] == ["create", "see"]
    assert ProfileView.objects.filter(viewer=personas.emma, reason="candidature").count() == 1


def test_transitions_answer_409_in_french_when_refused(api, personas):
    application = apply(personas.alice, offer(personas.acme))
    client = api(personas.emma)
    url = f"{RECEIVED}{application.pk}/transition/"
    start = (timezone.localdate() + timedelta(days=40)).isoformat()
    early = client.post(url, {"name": "hire", "hired_start": start}, format="json")
    assert early.status_code == 409
    assert early.json()["detail"].startswith("« Embaucher » n'est pas possible")
    assert client.post(url, {"name": "withdraw"}, format="json").status_code == 409
    assert client.post(url, {"name": "accept"}, format="json").status_code == 400
    assert client.post(url, {"name": "interview"}, format="json").json()["status"] == "interview"
    no_date = client.post(url, {"name": "hire"}, format="json")
    assert no_date.status_code == 409 and "date de début" in no_date.json()["detail"]
    hired = client.post(url, {"name": "hire", "hired_start": start}, format="json")
    assert hired.status_code == 200
    assert hired.json()["status"] == "hired" and hired.json()["hired_start"] == start
    assert Application.objects.get(pk=application.pk).status == Status.HIRED


def test_refuse_with_a_reason(api, personas):
    application = apply(personas.alice, offer(personas.acme))
    url = f"{RECEIVED}{application.pk}/transition/"
    client = api(personas.emma)
    assert client.post(url, {"name": "refuse"}, format="json").status_code == 409
    response = client.post(url, {"name": "refuse", "reason": "distance"}, format="json")
    assert response.json()["refusal_reason"] == "distance"
    assert response.json()["refusal_reason_label"] == "Le lieu de travail est trop loin"


def test_the_cv_with_a_token(personas):
    give_cv(profile_of(personas.alice), pdf_bytes("CV Alice"))
    application = apply(personas.alice, offer(personas.acme))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=personas.emma).key}")
    response = client.get(f"{RECEIVED}{application.pk}/cv/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"CV Alice" in b"".join(response.streaming_content)


def test_the_schema_documents_the_routes(client, db):
    paths = client.get("/api/schema/", {"format": "json"}).json()["paths"]
    for path in (
        MINE,
        "/api/v1/me/applications/{id}/withdraw/",
        RECEIVED,
        "/api/v1/employer/applications/{id}/",
        "/api/v1/employer/applications/{id}/transition/",
    ):
        assert path in paths, path
