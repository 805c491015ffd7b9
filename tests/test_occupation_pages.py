"""The trade pages: search a trade in one's own words, read its fiche."""

from tests.helpers import text


def test_search_without_javascript_takes_the_best_suggestion(client, db):
    response = client.get("/metiers/", {"metier_text": "aide soignante"})
    assert response.status_code == 302
    assert response["Location"] == "/metiers/J1501/"


def test_search_with_a_chosen_suggestion(client, db):
    response = client.get("/metiers/", {"metier": "11679", "metier_text": "Cariste"})
    assert response["Location"] == "/metiers/N1101/"


def test_search_with_nothing_matching_explains_and_keeps_the_text(client, db):
    response = client.get("/metiers/", {"metier_text": "zzzzqqqq"})
    page = text(response)
    assert "Aucun métier ne correspond à « zzzzqqqq »" in page
    assert 'value="zzzzqqqq"' in page


def test_fiche_shows_definition_core_skills_and_neighbours(client, db):
    page = text(client.get("/metiers/J1501/"))
    assert "Aide-soignant / Aide-soignante" in page
    assert "Les compétences demandées" in page
    assert "essentielle" in page
    assert "Métiers proches" in page
    assert "Source : France Travail — ROME 4.0" in page


def test_unknown_fiche_is_404(client, db):
    assert client.get("/metiers/Z9999/").status_code == 404


def test_suggestion_fragment_lists_options(client, db):
    response = client.get("/metiers/suggestions/", {"q": "cariste", "list": "id_metier_listbox"})
    page = text(response)
    assert 'role="option"' in page
    assert 'id="id_metier_listbox-1"' in page
    assert 'data-label="Cariste"' in page
    assert text(client.get("/metiers/suggestions/", {"q": "😀"})).strip() == ""
