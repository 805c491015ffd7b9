"""The public search at /offres/: full text in French, filters, facets, sort, pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from offers.models import Offer
from offers.search import Criteria, search
from referentiel.models import Commune
from tests.factories import offer
from tests.helpers import text


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


def titles(**criteria):
    return {o.title for o in search(Criteria(**criteria)).page.object_list}


def test_french_words_match_without_accents_nor_exact_forms(offers):
    assert titles(q="aide soignante") == {"Aide-soignante de nuit"}
    assert titles(q="SOIGNANTES") == {"Aide-soignante de nuit"}
    assert titles(q="cuisiniere") == {"Cuisinier"}
    assert titles(q="frigorifiques") == {"Cariste en entrepôt frigorifique"}


def test_a_misspelled_word_still_finds_the_offer(offers):
    assert "Cariste en entrepôt frigorifique" in titles(q="carriste")
    # Two letters swapped: word similarity 0.5, the threshold set on every connection.
    assert "Cariste en entrepôt frigorifique" in titles(q="carsite")
    assert "Aide-soignante de nuit" in titles(q="aide soignnte")


def test_the_trade_finds_an_offer_titled_otherwise(offers):
    Offer.objects.filter(pk=offers["cariste"].pk).update(title="Conducteur de chariot H/F")
    assert "Conducteur de chariot H/F" in titles(q="cariste")


def test_drafts_and_suspended_employers_are_never_shown(offers, personas):
    from accounts.services import organisation_suspend

    assert "Cariste de nuit" not in titles(q="cariste")
    organisation_suspend(organisation=personas.acme, suspended=True)
    assert titles() == {"Aide-soignante de nuit"}


def test_near_orly_by_radius_and_by_commute(offers):
    orly = Commune.objects.get(name="Orly")
    near = titles(commune=orly, radius_km=5)
    assert "Cariste en entrepôt frigorifique" in near
    assert "Cuisinier" not in near  # Viry-Châtillon is about 9 km away
    assert "Cuisinier" in titles(commune=orly, commute_minutes=60)
    results = search(Criteria(commune=orly, sort="distance"))
    distances = [o.distance for o in results.page.object_list]
    assert distances == sorted(distances)


def test_filters_and_facets(offers):
    assert titles(contracts=["CDD"]) == {"Aide-soignante de nuit"}
    assert titles(time="part") == {"Aide-soignante de nuit"}
    assert titles(domains=["J"]) == {"Aide-soignante de nuit"}
    results = search(Criteria(contracts=["CDD"]))
    contract = {f.value: f.count for f in results.facets["contract"]}
    assert contract == {"CDI": 2, "CDD": 1}, "a facet counts without its own filter"
    domain = {f.value: f.count for f in results.facets["domain"]}
    assert domain == {"J": 1}


def test_search_page_without_javascript_and_shareable_url(client, offers):
    response = client.get("/offres/", {"q": "cariste", "commune": "94054", "rayon": "10"})
    page = text(response)
    assert response.status_code == 200
    assert "1 offre" in page and "Cariste en entrepôt frigorifique" in page
    assert "près d'Orly" in page
    assert 'value="cariste"' in page


def test_htmx_gets_only_the_results_with_fresh_counts(client, offers):
    response = client.get("/offres/", {"contrat": "CDD"}, HTTP_HX_REQUEST="true")
    page = text(response)
    assert "<html" not in page
    assert "Aide-soignante de nuit" in page
    assert 'id="count-contract-CDI" hx-swap-oob="true">(2)' in page
    # The browser's Back button asks for the same address without htmx: it needs the whole page,
    # so its cache must tell the two apart.
    assert "HX-Request" in response["Vary"]


def test_no_offer_is_said_in_the_singular(client, offers):
    page = text(client.get("/offres/", {"q": "astronaute"}))
    assert "0 offre" in page and "0 offres" not in page
    assert "2 offres" in text(client.get("/offres/", {"contrat": "CDI"}))


def test_bad_parameters_are_ignored_not_fatal(client, offers):
    response = client.get(
        "/offres/", {"contrat": "XYZ", "rayon": "abc", "page": "9999", "q": "x" * 500}
    )
    assert response.status_code == 200


def test_a_text_past_the_limit_is_cut_not_ignored(client, offers):
    page = text(client.get("/offres/", {"q": "cariste " + "x" * 300}))
    assert "Cariste en entrepôt frigorifique" in page
    assert "Cuisinier" not in page  # not every offer, as when the text was dropped


def test_the_list_runs_a_fixed_number_of_queries(
    client, personas, django_capture_on_commit_callbacks
):
    for n in range(3):
        offer(personas.acme, title=f"Préparateur {n}")
    client.get("/offres/")  # a running server has built its suggestion indexes already
    with CaptureQueriesContext(connection) as few:
        client.get("/offres/", {"q": "préparateur"})
    with django_capture_on_commit_callbacks(execute=True):  # as after a real commit
        for n in range(3, 30):
            offer(personas.globex, title=f"Préparateur {n}")
    with CaptureQueriesContext(connection) as many:
        response = client.get("/offres/", {"q": "préparateur"})
    assert "30 offres" in text(response)
    assert text(response).count('class="offer-card"') == 20
    assert len(many) == len(few)


def test_counts_are_cached_until_an_offer_changes(
    client, personas, django_capture_on_commit_callbacks
):
    offer(personas.acme, title="Préparateur A")
    with CaptureQueriesContext(connection) as first:
        client.get("/offres/", {"q": "préparateur"})
    with CaptureQueriesContext(connection) as again:
        client.get("/offres/", {"q": "préparateur"})

    def counting(queries):
        return [q for q in queries.captured_queries if "FILTER (WHERE" in q["sql"]]

    assert counting(first) and not counting(again), "the counts come from the cache"
    with django_capture_on_commit_callbacks(execute=True):
        offer(personas.acme, title="Préparateur B")
    assert "2 offres" in text(client.get("/offres/", {"q": "préparateur"}))


def test_the_search_page_without_any_parameter(client, offers):
    response = client.get("/offres/")
    assert response.status_code == 200
    assert "3 offres" in text(response)


def test_anonymous_pages_are_cached_until_an_offer_changes(
    client, personas, login, django_capture_on_commit_callbacks
):
    offer(personas.acme, title="Préparateur A")
    with CaptureQueriesContext(connection) as first:
        assert "1 offre" in text(client.get("/offres/", {"q": "préparateur"}))
    with CaptureQueriesContext(connection) as again:
        assert "1 offre" in text(client.get("/offres/", {"q": "préparateur"}))
    assert first.captured_queries and not again.captured_queries, "served from the cache"
    # A logged-in person is never served a shared page.
    page = text(login(personas.alice).get("/offres/", {"q": "préparateur"}))
    assert "Se déconnecter" in page
    with django_capture_on_commit_callbacks(execute=True):
        offer(personas.acme, title="Préparateur B")
    assert "2 offres" in text(client.get("/offres/", {"q": "préparateur"}))
    assert "Se déconnecter" not in text(client.get("/offres/", {"q": "préparateur"}))
