"""Pytest plugin (``-p tests.services``): real PostgreSQL and Redis for the test suite.

It runs before pytest-django reads the settings. Variables already set (``DATABASE_URL``,
``REDIS_URL``, as ``.ci/run`` does for the machine's own services) are used as they are; the
missing ones get the embedded servers of ``.local/test``.

Several test processes may share those servers (xdist workers, two runs at once): each process
holds a numbered slot (a file lock) that gives it its own Redis database and, on the embedded
server, its own PostgreSQL database, so that no run sees another's data, tasks or cache. The
last process to leave stops the embedded servers.
"""

import fcntl
import os
from urllib.parse import urlsplit, urlunsplit

import pytest

from vitrine import embedded

INSTANCE = "test"
SLOTS = range(1, 16)  # Redis has 16 databases; 0 is left to whoever uses the URL as given
_held: dict = {}


def _slot_file(number: int):
    folder = embedded.ROOT / INSTANCE
    folder.mkdir(parents=True, exist_ok=True)
    return open(folder / f"slot-{number}.lock", "w")


def _claim_slot() -> int:
    for number in SLOTS:
        handle = _slot_file(number)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            continue
        _held["slot"], _held["handle"] = number, handle
        return number
    raise RuntimeError("Trop de sessions de test en même temps (15 au plus).")


def _nobody_else() -> bool:
    """True when no other process holds a slot (we hold none any more)."""
    handles = []
    try:
        for number in SLOTS:
            handle = _slot_file(number)
            handles.append(handle)
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False
        return True
    finally:
        for handle in handles:
            handle.close()


def _with_path(url: str, path: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=path))


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config, parser, args):
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("EMAIL_URL", "locmem://")
    # Playwright's sync API runs an event loop in the test thread; the ORM calls of browser
    # tests are still synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    slot = _claim_slot()
    if not os.environ.get("DATABASE_URL") or os.environ.get("VITRINE_TEST_EMBEDDED") == "1":
        # Our own database on the shared embedded server (pytest-django prefixes it "test_").
        os.environ["VITRINE_TEST_EMBEDDED"] = "1"
        os.environ["DATABASE_URL"] = _with_path(
            embedded.postgres_start(INSTANCE), f"/vitrine_{slot}"
        )
        os.environ["REDIS_URL"] = embedded.redis_start(INSTANCE)
    if os.environ.get("REDIS_URL"):
        os.environ["REDIS_URL"] = _with_path(os.environ["REDIS_URL"], f"/{slot}")
    else:
        os.environ["REDIS_URL"] = _with_path(embedded.redis_start(INSTANCE), f"/{slot}")
        os.environ["VITRINE_TEST_EMBEDDED_REDIS"] = "1"
    # Celery workers started by the tests consume only this session's queue.
    os.environ["CELERY_QUEUE"] = f"celery-test-{slot}"


def pytest_unconfigure(config):
    handle = _held.pop("handle", None)
    if handle is None:
        return
    handle.close()
    if os.environ.get("PYTEST_XDIST_WORKER") or not _nobody_else():
        return
    if os.environ.get("VITRINE_TEST_EMBEDDED") == "1":
        embedded.postgres_stop(INSTANCE)
        embedded.redis_stop(INSTANCE)
    elif os.environ.get("VITRINE_TEST_EMBEDDED_REDIS") == "1":
        embedded.redis_stop(INSTANCE)
