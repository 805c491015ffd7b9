"""The observatory's figures are cached in Redis under a key holding the filters and the data
version; a change of the data (an offer published, an application moved) shows at once; the
pages keep working when the cache is down."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from observatory import cache as observatory_cache
from tests.observatory_helpers import (
    application,
    dated_offer,
    table,
)

URL = "/espace-equipe/observatoire/offres/"
MARCH = {"debut": "2025-03", "fin": "2025-03"}


def published(response) -> str:
    return table(response, "Offres par mois")[0]["Publiées"]


def offer_queries(client, query) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, query)
    assert response.status_code == 200
    return sum("offers_offer" in q["sql"] for q in queries.captured_queries)


def test_a_second_request_reads_the_cache(personas, login):
    dated_offer(personas.acme, "2025-03-02")
    sam = login(personas.sam)
    assert offer_queries(sam, MARCH) >= 4
    assert offer_queries(sam, MARCH) == 0
    assert offer_queries(sam, {**MARCH, "commune": "94054"}) >= 4  # other filters, other key


def test_an_offer_published_shows_at_once(personas, login, django_capture_on_commit_callbacks):
    dated_offer(personas.acme, "2025-03-02")
    sam = login(personas.sam)
    assert published(sam.get(URL, MARCH)) == "1"
    with django_capture_on_commit_callbacks(execute=True):
        dated_offer(personas.acme, "2025-03-05")
    assert published(sam.get(URL, MARCH)) == "2"


def test_an_application_moved_shows_at_once(personas, login, django_capture_on_commit_callbacks):
    from applications import services
    from applications.models import Status

    made = dated_offer(personas.acme, "2025-03-02")
    sent = application(made, sent="2025-03-03", stages=("interview",))
    sam = login(personas.sam)
    url = "/espace-equipe/observatoire/candidatures/"
    rows = {r["Étape"]: r["Nombre"] for r in table(sam.get(url, MARCH), "Des candidatures")}
    assert rows["Embauches"] == "0"
    with django_capture_on_commit_callbacks(execute=True):
        services.application_transition(
            application=sent, name="hire", by=personas.emma, hired_start=made.created_at.date()
        )
    sent.refresh_from_db()
    assert sent.status == Status.HIRED
    rows = {r["Étape"]: r["Nombre"] for r in table(sam.get(url, MARCH), "Des candidatures")}
    assert rows["Embauches"] == "1"


def test_the_pages_work_without_the_cache(personas, login, monkeypatch):
    dated_offer(personas.acme, "2025-03-02")

    def down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(observatory_cache.cache, "get_many", down)
    response = login(personas.sam).get(URL, MARCH)
    assert response.status_code == 200 and published(response) == "1"


@pytest.mark.parametrize("domain", ["offers", "applications"])
def test_bump_changes_the_version(domain):
    before = observatory_cache.versions((domain,))
    observatory_cache.bump(domain)
    assert observatory_cache.versions((domain,)) != before
