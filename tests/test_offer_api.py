"""The offers API: the public search (/api/v1/offers/) and the employer's own offers."""

from urllib.parse import urlencode

import pytest
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token

from offers.forms import SearchForm
from offers.models import Offer, OfferSkill, OfferTransition, Status
from offers.search import search
from referentiel.selectors import core_skill_codes
from tests.factories import member, offer
from tests.helpers import text

NEW_OFFER = {
    "title": "Cariste de quai (H/F)",
    "appellation": "11679",
    "commune": "94054",
    "contract": "CDI",
    "description": "Chargement et déchargement des camions au marché de Rungis.",
    "salary_min": 1900,
    "salary_max": 2100,
    "permits": ["CACES_R489_3"],
}


@pytest.fixture
def offers(personas):
    return {
        "cariste": offer(personas.acme, title="Cariste en entrepôt frigorifique"),
        "soignante": offer(
            personas.globex,
            title="Aide-soignante de nuit",
            appellation_code="10891",
            commune_code="94076",
            contract="CDD",
            hours_per_week=28,
            description="Soins d'hygiène et de confort auprès des patients, à l'hôpital.",
        ),
        "cuisinier": offer(
            personas.acme,
            title="Cuisinier",
            appellation_code="11643",
            commune_code="91687",
            description="Cuisine traditionnelle pour une cantine d'entreprise.",
        ),
        "brouillon": offer(personas.acme, title="Cariste de nuit", publish=False),
    }


def by_token(user) -> Client:
    """A client that authenticates as a script would: with the user's API token only."""
    token, _ = Token.objects.get_or_create(user=user)
    return Client(HTTP_AUTHORIZATION=f"Token {token.key}")


def api_titles(client, **params) -> list[str]:
    response = client.get("/api/v1/offers/", params)
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["results"]]


def page_titles(**params) -> list[str]:
    """What the /offres/ page lists for the same parameters."""
    form = SearchForm(QueryDict(urlencode(params, doseq=True)))
    return [o.title for o in search(form.criteria()).page.object_list]


# --- Public list and detail ------------------------------------------------------------------


def test_public_list_shows_published_offers_only(
    client, offers, personas, django_capture_on_commit_callbacks
):
    from accounts.services import organisation_suspend

    assert set(api_titles(client)) == {
        "Cariste en entrepôt frigorifique",
        "Aide-soignante de nuit",
        "Cuisinier",
    }
    with django_capture_on_commit_callbacks(execute=True):
        organisation_suspend(organisation=personas.acme, suspended=True)
    assert api_titles(client) == ["Aide-soignante de nuit"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "carriste"}, {"Cariste en entrepôt frigorifique"}),
        ({"commune": "94054", "rayon": "5"}, {"Cariste en entrepôt frigorifique"}),
        ({"contrat": "CDD"}, {"Aide-soignante de nuit"}),
        ({"temps": "part"}, {"Aide-soignante de nuit"}),
    ],
)
def test_public_list_filters_like_the_search_page(client, offers, params, expected):
    titles = api_titles(client, **params)
    assert set(titles) == expected
    assert titles == page_titles(**params)


def test_repeated_parameters_and_distance(client, offers):
    titles = api_titles(client, contrat=["CDD", "CDI"], commune="94054", tri="distance")
    assert len(titles) == 3 and titles[0] == "Cariste en entrepôt frigorifique"
    results = client.get("/api/v1/offers/", {"commune": "94054", "tri": "distance"}).json()
    distances = [item["distance_km"] for item in results["results"]]
    assert distances == sorted(distances) and distances[0] < 1 < distances[-1]
    assert client.get("/api/v1/offers/").json()["results"][0]["distance_km"] is None


def test_facets_count_like_the_page(client, offers):
    facets = client.get("/api/v1/offers/", {"contrat": "CDD"}).json()["facets"]
    assert {f["value"]: f["count"] for f in facets["contract"]} == {"CDI": 2, "CDD": 1}


@pytest.mark.parametrize(
    ("params", "field", "words"),
    [
        ({"contrat": "XYZ"}, "contrat", "XYZ"),
        ({"rayon": "abc"}, "rayon", "choix valide"),
        ({"q": "x" * 500}, "q", "200 caractères"),
        ({"commune": "75056"}, "commune", "choix valide"),
        ({"page": "0"}, "page", "supérieure ou égale à 1"),
    ],
)
def test_a_bad_parameter_is_a_400_in_french_not_silently_ignored(
    client, offers, params, field, words
):
    response = client.get("/api/v1/offers/", params)
    assert response.status_code == 400
    assert words in " ".join(response.json()[field])


def test_a_page_past_the_last_is_404(client, offers):
    response = client.get("/api/v1/offers/", {"page": "2"})
    assert response.status_code == 404
    assert "Page non valide" in response.json()["detail"]


def test_pages_of_twenty_with_links(client, personas):
    for n in range(25):
        offer(personas.acme, title=f"Préparateur de commandes {n}")
    first = client.get("/api/v1/offers/", {"q": "préparateur"}).json()
    assert first["count"] == 25 and len(first["results"]) == 20
    assert first["previous"] is None
    assert first["next"].startswith("http://testserver/api/v1/offers/?")
    assert "page=2" in first["next"] and "q=pr" in first["next"]
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 5 and second["next"] is None
    assert "page" not in second["previous"]
    ids = {item["id"] for item in first["results"]} | {item["id"] for item in second["results"]}
    assert len(ids) == 25


def test_the_lists_run_a_fixed_number_of_queries(
    client, personas, django_capture_on_commit_callbacks
):
    script = by_token(personas.emma)

    def count(url, **params):
        with CaptureQueriesContext(connection) as queries:
            results = script.get(url, params).json()["results"]
        assert all(item["required_skills"] for item in results)
        return len(results), len(queries)

    for n in range(5):
        offer(personas.acme, title=f"Préparateur {n}")
    few = count("/api/v1/offers/", commune="94054"), count("/api/v1/employer/offers/")
    with django_capture_on_commit_callbacks(execute=True):  # as after a real commit
        for n in range(5, 25):
            offer(personas.acme, title=f"Préparateur {n}")
    many = count("/api/v1/offers/", commune="94054"), count("/api/v1/employer/offers/")
    assert [size for size, _ in few] == [5, 5] and [size for size, _ in many] == [20, 20]
    assert [queries for _, queries in many] == [queries for _, queries in few]


def test_detail_of_a_published_offer_has_the_documented_fields(client, offers):
    cariste = offers["cariste"]
    response = client.get(f"/api/v1/offers/{cariste.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["appellation"] == {"code_ogr": "11679", "libelle": "Cariste"}
    assert data["occupation"]["code_rome"] == "N1101"
    assert data["employer"] == {"id": cariste.employer_id, "name": "Acme Logistique"}
    assert data["commune"] == {"code_insee": "94054", "name": "Orly"}
    assert data["hours_per_week"] == 35 and data["status"] == "published"
    assert data["url"] == f"http://testserver/offres/{cariste.pk}/"
    core = set(core_skill_codes(occupation_code="N1101"))
    assert {s["code"] for s in data["required_skills"]} == core
    assert all(s["libelle"] for s in data["required_skills"])


def test_detail_of_a_draft_is_404(client, offers, login, personas):
    url = f"/api/v1/offers/{offers['brouillon'].pk}/"
    assert client.get(url).status_code == 404
    # Even its own employer: the public detail is the public view.
    assert login(personas.emma).get(url).status_code == 404


# --- Employer writes -------------------------------------------------------------------------


def test_an_employer_script_creates_publishes_and_the_offer_is_public(client, personas):
    script = by_token(personas.emma)
    response = script.post("/api/v1/employer/offers/", NEW_OFFER, content_type="application/json")
    assert response.status_code == 201, response.content
    created = response.json()
    assert response["Location"].endswith(f"/api/v1/employer/offers/{created['id']}/")
    assert created["status"] == "draft" and created["employer"]["name"] == "Acme Logistique"
    core = set(core_skill_codes(occupation_code="N1101"))
    assert core and {s["code"] for s in created["required_skills"]} == core
    assert created["salary_min"] == 1900 and created["permits"] == ["CACES_R489_3"]
    assert "Cariste de quai (H/F)" not in api_titles(client)

    url = f"/api/v1/employer/offers/{created['id']}/transition/"
    response = script.post(url, {"name": "publish"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "published"
    assert "Cariste de quai (H/F)" in api_titles(client, q="cariste")
    log = OfferTransition.objects.filter(offer_id=created["id"]).values_list("name", "by")
    assert list(log) == [("create", personas.emma.pk), ("publish", personas.emma.pk)]
    listed = script.get("/api/v1/employer/offers/").json()
    assert [item["id"] for item in listed["results"]] == [created["id"]]


def test_given_skills_replace_the_core_ones(personas):
    data = {**NEW_OFFER, "required_skills": ["100016"], "nice_skills": ["100016", "100003"]}
    response = by_token(personas.emma).post(
        "/api/v1/employer/offers/", data, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    links = OfferSkill.objects.filter(offer_id=response.json()["id"])
    assert set(links.values_list("skill_id", "required")) == {
        ("100016", True),
        ("100003", False),
    }


def test_patch_changes_only_what_is_sent(personas):
    draft = offer(personas.acme, publish=False)
    skills = set(draft.skill_links.values_list("skill_id", "required"))
    response = by_token(personas.emma).patch(
        f"/api/v1/employer/offers/{draft.pk}/",
        {"title": "Cariste confirmé", "hours_per_week": "30.5"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    draft.refresh_from_db()
    assert draft.title == "Cariste confirmé" and float(draft.hours_per_week) == 30.5
    assert draft.contract == "CDI"
    assert set(draft.skill_links.values_list("skill_id", "required")) == skills


def test_an_offer_without_required_skills_keeps_none_when_patched(personas):
    draft = offer(personas.acme, publish=False)
    script = by_token(personas.emma)
    url = f"/api/v1/employer/offers/{draft.pk}/"
    script.patch(url, {"required_skills": []}, content_type="application/json")
    assert not draft.skill_links.filter(required=True).exists()
    response = script.patch(url, {"positions": 3}, content_type="application/json")
    assert response.status_code == 200, response.content
    assert not draft.skill_links.filter(required=True).exists()
    script.patch(url, {"required_skills": None}, content_type="application/json")
    core = set(core_skill_codes(occupation_code=draft.occupation_id))
    required = draft.skill_links.filter(required=True).values_list("skill_id", flat=True)
    assert core and set(required) == core


def test_validation_errors_are_in_french(personas):
    data = {
        **NEW_OFFER,
        "appellation": "99999999",
        "commune": "00000",
        "salary_min": 3000,
        "hours_per_week": 60,
        "required_skills": ["XX"],
        "contract": "ZZZ",
    }
    data.pop("title")
    response = by_token(personas.emma).post(
        "/api/v1/employer/offers/", data, content_type="application/json"
    )
    assert response.status_code == 400
    errors = response.json()
    assert errors["title"] == ["Ce champ est obligatoire."]
    assert "Métier inconnu" in errors["appellation"][0]
    assert "Commune inconnue" in errors["commune"][0]
    assert errors["hours_per_week"] == ["Entre 1 et 48 heures par semaine."]
    assert "choix valide" in errors["contract"][0]
    assert not Offer.objects.exists()
    # Field errors first; then the rules across fields.
    data = {**NEW_OFFER, "salary_min": 3000, "required_skills": ["XX"]}
    errors = by_token(personas.emma).post(
        "/api/v1/employer/offers/", data, content_type="application/json"
    )
    assert errors.json() == {
        "required_skills": ["Compétence inconnue : « XX »."],
        "salary_max": ["Le salaire maximum est plus petit que le minimum."],
    }
    # A start date already passed, as on the form.
    data = {**NEW_OFFER, "start_date": "2020-01-01"}
    errors = by_token(personas.emma).post(
        "/api/v1/employer/offers/", data, content_type="application/json"
    )
    assert errors.status_code == 400
    assert errors.json()["start_date"][0].startswith("Indiquez une date de début entre aujourd'hui")


def test_a_member_of_two_employers_says_which(personas):
    member(personas.emma, personas.globex)
    script = by_token(personas.emma)
    response = script.post("/api/v1/employer/offers/", NEW_OFFER, content_type="application/json")
    assert response.status_code == 400 and "plusieurs employeurs" in response.json()["employer"][0]
    data = {**NEW_OFFER, "employer": personas.globex.pk}
    response = script.post("/api/v1/employer/offers/", data, content_type="application/json")
    assert response.status_code == 201 and response.json()["employer"]["name"] == "Globex Santé"
    foreign = personas.mission.pk
    response = script.post(
        "/api/v1/employer/offers/",
        {**NEW_OFFER, "employer": foreign},
        content_type="application/json",
    )
    assert response.status_code == 400 and "Employeur inconnu" in response.json()["employer"][0]


def test_another_employer_gets_404_never_403(personas, offers):
    cariste = offers["cariste"]
    url = f"/api/v1/employer/offers/{cariste.pk}/"
    frank = by_token(personas.frank)
    assert frank.get(url).status_code == 404
    patch = frank.patch(url, {"title": "Piraté"}, content_type="application/json")
    assert patch.status_code == 404
    assert frank.put(url, NEW_OFFER, content_type="application/json").status_code == 404
    move = frank.post(f"{url}transition/", {"name": "close"}, content_type="application/json")
    assert move.status_code == 404
    cariste.refresh_from_db()
    assert cariste.title == "Cariste en entrepôt frigorifique" and cariste.status == "published"
    listed = frank.get("/api/v1/employer/offers/").json()["results"]
    assert {item["title"] for item in listed} == {"Aide-soignante de nuit"}


@pytest.mark.parametrize("persona", ["alice", "ada"])
def test_residents_and_advisors_are_refused_the_employer_api(personas, offers, persona):
    script = by_token(getattr(personas, persona))
    response = script.get("/api/v1/employer/offers/")
    assert response.status_code == 403
    assert "membres d'un employeur" in response.json()["detail"]
    response = script.post("/api/v1/employer/offers/", NEW_OFFER, content_type="application/json")
    assert response.status_code == 403
    assert Offer.objects.count() == 4


def test_anonymous_cannot_write(client, offers):
    # 401 with the scheme to use, not 403: the script is not identified, not refused.
    draft = offers["brouillon"]
    assert client.get("/api/v1/employer/offers/").status_code == 401
    created = client.post("/api/v1/employer/offers/", NEW_OFFER, content_type="application/json")
    assert created.status_code == 401 and created["WWW-Authenticate"] == "Token"
    assert "authentification" in created.json()["detail"]
    url = f"/api/v1/employer/offers/{draft.pk}/"
    assert client.patch(url, {"title": "x"}, content_type="application/json").status_code == 401
    move = client.post(f"{url}transition/", {"name": "publish"}, content_type="application/json")
    assert move.status_code == 401
    bad = Client(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    response = bad.post(f"{url}transition/", {"name": "publish"})
    assert response.status_code == 401 and "Token non valide" in response.json()["detail"]
    draft.refresh_from_db()
    assert draft.status == "draft" and Offer.objects.count() == 4


def test_the_session_needs_the_csrf_token(personas):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(personas.emma)
    refused = browser.post("/api/v1/employer/offers/", NEW_OFFER, content_type="application/json")
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]  # signed in
    browser.get("/espace-employeur/api/")  # any page with a form sets the cookie
    accepted = browser.post(
        "/api/v1/employer/offers/",
        NEW_OFFER,
        content_type="application/json",
        HTTP_X_CSRFTOKEN=browser.cookies["csrftoken"].value,
    )
    assert accepted.status_code == 201, accepted.content


def test_a_refused_transition_says_why_and_changes_nothing(personas, offers):
    draft = offers["brouillon"]
    script = by_token(personas.emma)
    url = f"/api/v1/employer/offers/{draft.pk}/transition/"
    steps = OfferTransition.objects.filter(offer=draft).count()
    response = script.post(url, {"name": "fill"}, content_type="application/json")
    assert response.status_code == 409
    assert response.json() == {
        "detail": "Impossible de « marquer comme pourvue » une offre brouillon."
    }
    response = script.post(url, {"name": "unpublish"}, content_type="application/json")
    assert response.status_code == 400
    assert "Action inconnue : « unpublish »" in response.json()["name"][0]
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert OfferTransition.objects.filter(offer=draft).count() == steps


def test_a_suspended_employer_cannot_publish(personas, offers):
    from accounts.services import organisation_suspend

    organisation_suspend(organisation=personas.acme, suspended=True)
    url = f"/api/v1/employer/offers/{offers['brouillon'].pk}/transition/"
    response = by_token(personas.emma).post(
        url, {"name": "publish"}, content_type="application/json"
    )
    assert response.status_code == 409 and "suspendue" in response.json()["detail"]


# --- Token page and schema -------------------------------------------------------------------


def test_the_employer_gets_and_replaces_a_token(login, personas, client):
    browser = login(personas.emma)
    assert "pas encore de clé" in text(browser.get("/espace-employeur/api/"))
    said = text(browser.post("/espace-employeur/api/", follow=True))
    assert "Votre clé est prête." in said and "l'ancienne" not in said
    first = Token.objects.get(user=personas.emma).key
    page = text(browser.get("/espace-employeur/api/"))
    assert first in page and "curl" in page and "Authorization: Token" in page
    said = text(browser.post("/espace-employeur/api/", follow=True))
    assert "l'ancienne ne marche plus" in said
    second = Token.objects.get(user=personas.emma).key
    assert second != first
    old = Client(HTTP_AUTHORIZATION=f"Token {first}")
    assert old.get("/api/v1/employer/offers/").status_code == 401
    assert login(personas.alice).get("/espace-employeur/api/").status_code == 404
    assert client.get("/espace-employeur/api/").status_code == 302


def test_the_schema_documents_the_offers_api(client, db):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    assert set(paths["/api/v1/offers/"]) == {"get"}
    assert {"get", "put", "patch"} <= set(paths["/api/v1/employer/offers/{id}/"])
    assert "post" in paths["/api/v1/employer/offers/{id}/transition/"]
    assert "409" in paths["/api/v1/employer/offers/{id}/transition/"]["post"]["responses"]
    names = {p["name"] for p in paths["/api/v1/offers/"]["get"]["parameters"]}
    assert {"q", "commune", "rayon", "trajet", "contrat", "domaine", "page", "tri"} <= names
    assert "distance_km" in schema["components"]["schemas"]["Offer"]["properties"]
    assert "tokenAuth" in schema["components"]["securitySchemes"]
