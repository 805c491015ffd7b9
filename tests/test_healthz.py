"""GET /healthz reports whether the database and the broker answer."""

import socket

import pytest

from vitrine import embedded, health


@pytest.mark.integration
def test_healthy(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok"}


@pytest.fixture
def own_broker(settings):
    """A real Redis of our own, that the test may stop."""
    settings.CELERY_BROKER_URL = embedded.redis_start("test-health")
    yield
    embedded.redis_stop("test-health")


def test_broker_down_answers_503_naming_the_broker(client, db, own_broker):
    assert client.get("/healthz").status_code == 200
    embedded.redis_stop("test-health")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "ok"
    assert response.json()["broker"].startswith("erreur")


def test_a_database_that_does_not_answer_is_reported(db):
    from django.db import connection
    from django.db.backends.postgresql.base import DatabaseWrapper

    with socket.socket() as sock:  # a port where nothing listens
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    down = DatabaseWrapper({**connection.settings_dict, "PORT": port, "HOST": "127.0.0.1"}, "down")
    assert health.check_database(down).startswith("erreur : OperationalError")
    assert health.check_database() == "ok"
