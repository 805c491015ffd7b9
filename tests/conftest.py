"""Personas shared by every test file (healthchecks' alice/bob/charlie, for this platform).

- ``alice`` and ``bob``: two residents;
- ``emma`` (admin of employer ``acme``) and ``frank`` (admin of employer ``globex``);
- ``ada`` (advisor of structure ``mission``) and ``alan`` (advisor of structure ``plie``);
- ``sam``: territory staff.
Anonymous visitors use the plain ``client`` fixture.
"""

import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.test import Client

from accounts.models import Organisation, User
from tests.factories import OrganisationFactory, StructureFactory, UserFactory, member


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
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
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
        browser, live_server, viewport={"width": 375, "height": 740}, is_mobile=True,
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
