"""The matcher through a real Celery worker on the real Redis broker."""

import time

import pytest
from celery.contrib.testing.worker import start_worker

from matching.models import Dirty, Match, Run
from matching.tasks import rematch
from offers import services as offer_services
from tests.factories import offer, resident
from vitrine.celery import app

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def wait(condition, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_a_full_run_in_chunks_writes_one_complete_generation(personas, monkeypatch):
    from matching import runs

    monkeypatch.setattr(runs, "CHUNK", 2)  # several chunks for five residents
    offer(personas.acme, title="Cariste Orly")
    people = [resident() for _ in range(5)]
    with start_worker(app, perform_ping_check=False, pool="solo", shutdown_timeout=20):
        run_id = rematch.delay().get(timeout=30)
        assert wait(lambda: Run.objects.get(pk=run_id).status == Run.Status.DONE)
    run = Run.objects.get(pk=run_id)
    assert run.chunks_total == 3 and run.chunks_done == 3
    assert Run.current() == run
    assert Match.objects.filter(run=run, for_resident=True).count() == len(people)
    assert Match.objects.exclude(run=run).count() == 0


def test_publishing_an_offer_reaches_residents_within_seconds(personas):
    from django.core.cache import cache

    from matching import runs
    from matching.tasks import SCHEDULED

    cache.delete(SCHEDULED)  # no re-score left waiting by an earlier test

    someone = resident()
    offer(personas.acme, title="Cariste Orly")
    runs.run_full()
    draft = offer(personas.globex, title="Cariste Rungis", commune_code="94065", publish=False)
    with start_worker(app, perform_ping_check=False, pool="solo", shutdown_timeout=20):
        started = time.monotonic()
        offer_services.offer_transition(offer=draft, name="publish", by=personas.frank)
        assert wait(
            lambda: Match.objects.filter(profile=someone, offer=draft, for_resident=True).exists()
        ), "the new offer never reached the resident's list"
        elapsed = time.monotonic() - started
        # Every recorded change is handled, even one that arrived during a re-score.
        assert wait(lambda: not Dirty.objects.exists())
    assert elapsed < 15
