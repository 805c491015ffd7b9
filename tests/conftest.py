"""Personas shared by every test file (healthchecks' alice/bob/charlie, for this platform).

- ``alice`` and ``bob``: two residents;
- ``emma`` (admin of employer ``acme``) and ``frank`` (admin of employer ``globex``);
- ``ada`` (advisor of structure ``mission``) and ``alan`` (advisor of structure ``plie``);
- ``sam``: territory staff.
Anonymous visitors use the plain ``client`` fixture.
"""

import io
import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client

from accounts.models import Organisation, User
from tests.factories import OrganisationFactory, StructureFactory, UserFactory, member


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (this session's own Redis database)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    """Tests create many accounts; the production hasher is slow on purpose."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# --- Reference data: loaded once in the test database, restored after transactional tests ---

_snapshot: dict[str, bytes] = {}
_blocker: list = []


def _referentiel_tables() -> list[str]:
    models = apps.get_app_config("referentiel").get_models(include_auto_created=True)
    return [model._meta.db_table for model in models]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, with the real reference data (ROME, communes, QPV…) loaded once."""
    _blocker.append(django_db_blocker)
    with django_db_blocker.unblock():
        call_command("load_referentiel", stdout=io.StringIO())
        with connection.cursor() as cursor:
            for table in _referentiel_tables():
                buffer = io.BytesIO()
                cursor.copy_expert(f'COPY "{table}" TO STDOUT', buffer)
                _snapshot[table] = buffer.getvalue()
    yield
    # Threads of the live server and of Celery workers may keep a connection open; close them
    # so that the test database can be dropped.
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


def _restore_referentiel() -> None:
    # Foreign keys are deferred: the order of the tables does not matter within one transaction.
    with transaction.atomic(), connection.cursor() as cursor:
        for table, data in _snapshot.items():
            cursor.copy_expert(f'COPY "{table}" FROM STDIN', io.BytesIO(data))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Transactional tests end by emptying every table; put the reference data back after."""
    result = yield
    marker = item.get_closest_marker("django_db")
    transactional = {"transactional_db", "live_server"} & set(item.fixturenames) or (
        marker is not None and marker.kwargs.get("transaction")
    )
    if transactional and _snapshot and nextitem is not None:
        from referentiel.models import Occupation

        with _blocker[0].unblock():
            if not Occupation.objects.exists():
                _restore_referentiel()
    return result


@pytest.fixture
def personas(db):
    acme = OrganisationFactory(name="Acme Logistique")
    globex = OrganisationFactory(name="Globex Santé")
    mission = StructureFactory(name="Mission locale des Portes de l'Essonne")
    plie = StructureFactory(
        name="PLIE du Val-de-Marne", structure_kind=Organisation.StructureKind.PLIE
    )
    return SimpleNamespace(
        alice=UserFactory(email="alice@example.test", first_name="Alice"),
        bob=UserFactory(email="bob@example.test", first_name="Bob"),
        emma=member(UserFactory(email="emma@acme.test", role=User.Role.EMPLOYER), acme),
        frank=member(UserFactory(email="frank@globex.test", role=User.Role.EMPLOYER), globex),
        ada=member(UserFactory(email="ada@mission.test", role=User.Role.ADVISOR), mission),
        alan=member(UserFactory(email="alan@plie.test", role=User.Role.ADVISOR), plie),
        sam=UserFactory(email="sam@territoire.test", role=User.Role.STAFF, is_staff=True),
        acme=acme,
        globex=globex,
        mission=mission,
        plie=plie,
    )


@pytest.fixture
def login():
    """``login(user)`` returns a test client logged in as ``user``."""

    def make(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


# --- Browser tests: Debian's Chromium driven by Playwright ----------------------------------

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


def _page(browser, live_server, **options):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR", **options)
    context.set_default_timeout(10_000)
    return context, context.new_page()


@pytest.fixture
def phone(browser, live_server, transactional_db):
    """A page on a phone-sized screen, against the live server."""
    context, page = _page(
        browser,
        live_server,
        viewport={"width": 375, "height": 740},
        is_mobile=True,
        has_touch=True,
    )
    yield page
    context.close()


@pytest.fixture
def desktop(browser, live_server, transactional_db):
    context, page = _page(browser, live_server, viewport={"width": 1280, "height": 900})
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def assert_accessible(page) -> None:
    """No serious or critical axe-core violation on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    blocking = [v for v in violations if v["impact"] in {"serious", "critical"}]
    assert not blocking, "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] for node in v["nodes"][:3])
        for v in blocking
    )
