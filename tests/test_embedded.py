"""The embedded PostgreSQL and Redis start, stop, and survive a crash of whoever started them."""

import os
import signal
import time

import psycopg2
import pytest
import redis

from vitrine import embedded

INSTANCE = "test-embedded"


@pytest.fixture
def instance():
    yield INSTANCE
    embedded.redis_stop(INSTANCE)
    embedded.postgres_stop(INSTANCE)


def test_redis_starts_answers_and_stops(instance):
    url = embedded.redis_start(instance)
    client = redis.Redis.from_url(url)
    assert client.ping()
    assert embedded.redis_start(instance) == url, "a running server is reused"
    assert embedded.redis_stop(instance) is True
    with pytest.raises(redis.ConnectionError):
        client.ping()
    assert embedded.redis_stop(instance) is False


def test_redis_restarts_after_being_killed(instance):
    url = embedded.redis_start(instance)
    pid = int((embedded.ROOT / instance / "redis" / "redis.pid").read_text())
    os.kill(pid, signal.SIGKILL)
    time.sleep(0.2)
    url = embedded.redis_start(instance)
    assert redis.Redis.from_url(url).ping()


def test_postgres_creates_the_database_and_restarts_after_a_crash(instance):
    url = embedded.postgres_start(instance)
    assert url.endswith("/vitrine")
    with psycopg2.connect(url) as conn, conn.cursor() as cursor:
        cursor.execute("SELECT current_database(), current_setting('server_version_num')::int")
        name, version = cursor.fetchone()
    assert name == "vitrine" and version >= 160000
    pidfile = embedded.ROOT / instance / "postgres" / "data" / "postmaster.pid"
    os.kill(int(pidfile.read_text().split()[0]), signal.SIGKILL)
    url = embedded.postgres_start(instance)
    with psycopg2.connect(url) as conn, conn.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
    assert embedded.postgres_stop(instance) is True
    with pytest.raises(psycopg2.OperationalError):
        psycopg2.connect(url, connect_timeout=2)


def test_services_uses_given_urls_and_starts_only_the_missing(instance):
    given = {"DATABASE_URL": "postgres://someone@db.example:5432/x"}
    with embedded.services(instance, given) as urls:
        assert urls["DATABASE_URL"] == given["DATABASE_URL"]
        assert redis.Redis.from_url(urls["REDIS_URL"]).ping()
    assert embedded._redis_running_port(embedded.ROOT / instance / "redis") is None
