"""Pytest plugin (``-p tests.services``): real PostgreSQL and Redis for the test suite.

It runs before pytest-django reads the settings. Variables already set (``DATABASE_URL``,
``REDIS_URL``, as ``.ci/run`` does for the machine's own services) are used as they are; the
missing ones get the embedded servers of ``.local/test``, stopped when the run ends. Each xdist
worker gets its own Redis database, so that one worker's Celery tasks never reach another's.
"""

import os
from urllib.parse import urlsplit, urlunsplit

import pytest

from vitrine import embedded

INSTANCE = "test"
_started: list = []


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config, parser, args):
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("EMAIL_URL", "locmem://")
    # Playwright's sync API runs an event loop in the test thread; the ORM calls of browser
    # tests are still synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker is None:
        if not os.environ.get("DATABASE_URL"):
            os.environ["DATABASE_URL"] = embedded.postgres_start(INSTANCE)
            _started.append(embedded.postgres_stop)
        if not os.environ.get("REDIS_URL"):
            os.environ["REDIS_URL"] = embedded.redis_start(INSTANCE)
            _started.append(embedded.redis_stop)
    else:
        number = (int(worker.removeprefix("gw")) + 1) % 16
        url = urlsplit(os.environ["REDIS_URL"])
        os.environ["REDIS_URL"] = urlunsplit(url._replace(path=f"/{number}"))


def pytest_unconfigure(config):
    while _started:
        _started.pop()(INSTANCE)
