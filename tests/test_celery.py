"""A real Celery worker, on the real Redis broker, sees the database."""

import pytest
from celery.contrib.testing.worker import start_worker

from tests.factories import UserFactory
from vitrine.celery import app
from vitrine.tasks import ping


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_worker_runs_a_task_and_sees_the_database():
    UserFactory.create_batch(3)
    with start_worker(app, perform_ping_check=False, pool="solo", shutdown_timeout=10):
        result = ping.delay().get(timeout=20)
    assert result == {"pong": True, "users": 3}


def test_beat_runs_the_daily_expiry_of_stale_offers():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["expire-stale-offers"]
    assert entry["task"] == "offers.tasks.expire_stale_offers"
    app.loader.import_default_modules()  # what a worker does as it starts (autodiscovery)
    assert entry["task"] in app.tasks
