"""GET /api/v1/appellations/ and /api/v1/skills/: real wording in, ROME codes out."""

import pytest

from referentiel.models import OccupationSkill


def first_rome(client, q):
    response = client.get("/api/v1/appellations/", {"q": q})
    assert response.status_code == 200
    return response.json()["results"][0]["code_rome"]


@pytest.mark.parametrize(
    ("query", "rome"),
    [
        ("aide soignante", "J1501"),
        ("AIDE-SOIGNANT", "J1501"),
        ("préparateur de commandes", "N1103"),
        ("je cherche un poste de cariste à Rungis", "N1101"),
        ("ASH", "J1301"),
        ("boulnger", "D1102"),
    ],
)
def test_real_wording_finds_the_trade(client, db, query, rome):
    assert first_rome(client, query) == rome


def test_results_have_the_fixed_fields(client, db):
    result = client.get("/api/v1/appellations/", {"q": "cariste", "limit": 3}).json()["results"]
    assert len(result) == 3
    assert set(result[0]) == {"code_ogr", "libelle", "code_rome", "libelle_rome", "score"}
    assert result[0]["libelle"] == "Cariste"
    assert result[0]["score"] >= result[1]["score"] >= result[2]["score"]


@pytest.mark.parametrize(
    "params", [{}, {"q": ""}, {"q": "   "}, {"q": "x" * 500}, {"q": "maçon", "limit": "0"}]
)
def test_bad_input_gets_a_clear_400(client, db, params):
    response = client.get("/api/v1/appellations/", params)
    assert response.status_code == 400
    message = " ".join(m for messages in response.json().values() for m in messages)
    assert any(word in message for word in ("obligatoire", "vide", "trop long", "supérieur"))


@pytest.mark.parametrize(
    "query", ["😀🔥", "'; DROP TABLE referentiel_appellation; --", "<script>", "%%%"]
)
def test_odd_input_gets_an_empty_or_harmless_list(client, db, query):
    response = client.get("/api/v1/appellations/", {"q": query})
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)


def test_skills_of_the_occupation_come_first(client, db):
    response = client.get("/api/v1/skills/", {"q": "hygiène", "rome": "J1501", "limit": 5})
    assert response.status_code == 200
    results = response.json()["results"]
    linked = set(
        OccupationSkill.objects.filter(occupation_id="J1501").values_list("skill_id", flat=True)
    )
    assert results and all(r["code"] in linked for r in results[:3])
    assert results[0]["boosted"] is True


def test_unknown_rome_code_is_refused(client, db):
    response = client.get("/api/v1/skills/", {"q": "hygiène", "rome": "Z9999"})
    assert response.status_code == 400
    assert "Code ROME inconnu" in response.json()["rome"][0]


def test_endpoints_are_in_the_openapi_schema(client, db):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert "/api/v1/appellations/" in schema["paths"]
    assert "/api/v1/skills/" in schema["paths"]


@pytest.mark.django_db
def test_a_web_worker_prepares_the_suggestion_indexes_as_it_starts():
    import threading

    from referentiel import suggestions

    suggestions._indexes.clear()
    suggestions.warm_in_background()
    builder = next(t for t in threading.enumerate() if t.name == "suggestion-indexes")
    builder.join(timeout=60)
    assert set(suggestions._indexes) == {"titles", "skills"}
