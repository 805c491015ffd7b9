"""A finished matching run warms the observatory's figures in the background."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from matching import runs
from observatory.tasks import warm_figures
from tests.factories import offer, resident


@pytest.mark.django_db(transaction=True)
def test_a_finished_run_asks_for_the_figures_then_the_pages_are_warm(personas, login, monkeypatch):
    asked = []
    monkeypatch.setattr(warm_figures, "delay", lambda: asked.append(True))
    resident()
    offer(personas.acme)
    runs.run_full()
    assert asked, "the finished run asks for the figures to be computed"
    warm_figures()  # what the worker does
    staff = login(personas.sam)
    with CaptureQueriesContext(connection) as queries:
        assert staff.get("/espace-equipe/observatoire/competences/").status_code == 200
    assert not [q for q in queries.captured_queries if "matching_match" in q["sql"]]
