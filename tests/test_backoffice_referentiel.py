"""Back office, reference data: staff see the versions loaded (name, version, rows, date) and
reload them through a Celery task that runs ``referentiel.loader.load_all``."""

import socket

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.cache import cache

from observatory import tasks
from observatory.backoffice_services import RELOAD_KEY
from referentiel.models import Dataset, QualificationLevel
from tests.helpers import text
from vitrine.celery import app

URL = "/espace-equipe/referentiel/"


@pytest.fixture(autouse=True)
def _no_reload_pending():
    cache.delete(RELOAD_KEY)
    yield
    cache.delete(RELOAD_KEY)


@pytest.fixture
def queued(monkeypatch):
    calls = []
    monkeypatch.setattr(tasks.reload_referentiel, "delay", lambda **kwargs: calls.append(kwargs))
    return calls


def test_staff_see_the_versions(personas, login):
    page = text(login(personas.sam).get(URL))
    assert "rome-fiches" in page and "ROME 4.0 v460" in page
    assert "QPV 2024" in page and "NAF rév. 2" in page
    assert "Recharger" in page


def test_the_button_queues_one_reload(personas, login, queued):
    sam = login(personas.sam)
    response = sam.post(URL, {"force": "1"}, follow=True)
    assert queued == [{"force": True}]
    assert "Le rechargement est lancé" in text(response)
    response = sam.post(URL, follow=True)
    assert queued == [{"force": True}]
    assert "Un rechargement est déjà en cours" in text(response)


@pytest.fixture
def broker_down():
    """The Celery app sends to a port where nothing listens, as when Redis is down."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    saved = app.conf.broker_url
    app.conf.broker_url = f"redis://127.0.0.1:{port}/0"
    app._pool, app.amqp._producer_pool = None, None  # the pools hold the old address
    yield
    app.conf.broker_url = saved
    app._pool, app.amqp._producer_pool = None, None


def test_a_broker_down_is_said_and_the_next_click_works(personas, login, broker_down):
    sam = login(personas.sam)
    response = sam.post(URL, {"force": "1"}, follow=True)
    assert response.status_code == 200
    assert cache.get(RELOAD_KEY) is None, "the lock is freed so staff can retry"
    assert "Le rechargement n'a pas pu être lancé" in text(response)
    response = sam.post(URL, follow=True)
    assert "Un rechargement est déjà en cours" not in text(response)
    assert "Le rechargement n'a pas pu être lancé" in text(response)


def test_the_task_reloads_what_changed(personas):
    Dataset.objects.filter(name="niveaux").update(sha256="stale", version="ancienne")
    QualificationLevel.objects.filter(level=8).update(label="Modifié à la main")
    cache.set(RELOAD_KEY, 1)
    result = tasks.reload_referentiel.apply(kwargs={"force": False}).get()
    done = {item["name"]: item for item in result}
    assert done["niveaux"]["changed"] is True and done["niveaux"]["rows"] == 8
    assert done["rome-fiches"]["changed"] is False
    assert Dataset.objects.get(name="niveaux").version == "Code du travail D6113-19"
    assert QualificationLevel.objects.get(level=8).label != "Modifié à la main"
    assert cache.get(RELOAD_KEY) is None  # a new reload may be asked for


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_the_reload(personas):
    Dataset.objects.filter(name="naf").update(sha256="stale")
    with start_worker(app, perform_ping_check=False, pool="solo", shutdown_timeout=20):
        result = tasks.reload_referentiel.delay().get(timeout=60)
    assert {item["name"] for item in result if item["changed"]} == {"naf"}
    assert Dataset.objects.get(name="naf").sha256 != "stale"


def test_the_row_counts_are_written_the_french_way(personas, login):
    Dataset.objects.create(name="essai", version="1", sha256="0" * 64, rows=12345)
    page = text(login(personas.sam).get(URL))
    assert '<td class="num">12\u202f345</td>' in page
