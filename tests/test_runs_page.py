"""The staff page of the matcher's runs: status, progress polled while running, figures, and a
button that starts a full run through Celery."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.cache import cache

from matching import runs, tasks
from matching.models import Run
from matching.views import LAUNCH_KEY
from tests.factories import offer, resident
from tests.helpers import text
from vitrine.celery import app

URL = "/espace-equipe/calculs/"


@pytest.fixture(autouse=True)
def _no_click_pending():
    cache.delete(LAUNCH_KEY)


@pytest.fixture
def queued(monkeypatch):
    """The full runs the page asks Celery for (no worker in these tests)."""
    calls = []
    monkeypatch.setattr(tasks.rematch, "delay", lambda **kwargs: calls.append(kwargs))
    return calls


def wait(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_staff_see_the_runs_and_their_figures(personas, login):
    offer(personas.acme, title="Cariste Orly")
    resident()
    run = runs.run_full(by=personas.sam)
    page = text(login(personas.sam).get(URL))
    assert f"Calcul n° {run.pk}" in page and "Terminé" in page and "en vigueur" in page
    assert "Avancement : 100 %" in page
    assert "Exposition des offres (Gini)" in page and "Habitants des QPV" in page
    assert "Lancer un calcul complet" in page


def test_a_running_run_is_polled_every_2_seconds(personas, login):
    running = Run.objects.create(chunks_total=4, chunks_done=1)
    sam = login(personas.sam)
    assert 'hx-trigger="every 2s"' in sam.get(URL).content.decode()
    fragment = sam.get(f"{URL}{running.pk}/progression/").content.decode()
    assert "Avancement : 25 %" in fragment and 'hx-trigger="every 2s"' in fragment
    Run.objects.filter(pk=running.pk).update(chunks_done=4, status=Run.Status.DONE)
    fragment = sam.get(f"{URL}{running.pk}/progression/").content.decode()
    assert "Avancement : 100 %" in fragment and "hx-trigger" not in fragment


def test_the_button_asks_for_a_run_and_a_running_one_refuses(personas, login, queued):
    sam = login(personas.sam)
    page = text(sam.post(URL, follow=True))
    assert queued == [{"by_id": personas.sam.pk}]
    assert "Le calcul complet est lancé" in page
    assert "Un calcul est déjà en cours" in text(sam.post(URL, follow=True)), "a double click"
    cache.delete(LAUNCH_KEY)
    Run.objects.create()
    assert "Un calcul est déjà en cours" in text(sam.post(URL, follow=True))
    assert len(queued) == 1


def test_a_broker_down_is_said_and_the_next_click_works(personas, login, monkeypatch):
    def down(**kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr(tasks.rematch, "delay", down)
    sam = login(personas.sam)
    assert "La file de calcul ne répond pas" in text(sam.post(URL, follow=True))
    calls = []
    monkeypatch.setattr(tasks.rematch, "delay", lambda **kwargs: calls.append(kwargs))
    assert "Le calcul complet est lancé" in text(sam.post(URL, follow=True))
    assert calls == [{"by_id": personas.sam.pk}]


def test_people_who_are_not_staff_are_refused(personas, login, client, queued):
    for outsider in (personas.alice, personas.emma, personas.ada):
        assert login(outsider).get(URL).status_code == 403
        assert login(outsider).post(URL).status_code == 403
    run = Run.objects.create()
    assert login(personas.emma).get(f"{URL}{run.pk}/progression/").status_code == 403
    response = client.get(URL)
    assert response.status_code == 302 and "/comptes/" in response.url
    assert queued == []


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_the_button_starts_a_run_that_reaches_100_percent(personas, login):
    offer(personas.acme, title="Cariste Orly")
    for _ in range(3):
        resident()
    sam = login(personas.sam)
    with start_worker(app, perform_ping_check=False, pool="solo", shutdown_timeout=20):
        assert sam.post(URL).status_code == 302
        mine = Run.objects.filter(started_by=personas.sam)
        assert wait(lambda: mine.filter(status=Run.Status.DONE).exists())
    run = mine.get()
    assert run.progress == 100 and Run.current() == run
    fragment = text(sam.get(f"{URL}{run.pk}/progression/"))
    assert "Avancement : 100 %" in fragment and "hx-trigger" not in fragment
    assert "Habitants" in fragment and "Autres habitants : 3" in fragment


def test_the_admin_lists_runs_read_only(personas, login):
    from accounts.models import User
    from tests.factories import UserFactory

    offer(personas.acme, title="Cariste Orly")
    resident()
    run = runs.run_full()
    admin = login(UserFactory(role=User.Role.STAFF, is_staff=True, is_superuser=True))
    assert "100 %" in text(admin.get("/admin/matching/run/"))
    detail = text(admin.get(f"/admin/matching/run/{run.pk}/change/"))
    assert "Exposition des offres (Gini)" in detail
    assert admin.get("/admin/matching/run/add/").status_code == 403


def test_the_figures_are_written_the_french_way(personas, login):
    from django.utils import timezone

    Run.objects.create(
        status=Run.Status.DONE,
        finished_at=timezone.now(),
        residents=12345,
        offers=1234,
        candidate_pairs=1234567,
        valid_pairs=234567,
        rows=61725,
        seconds=3.54,
        figures={
            "offers": 1234,
            "exposure_gini": 0.521,
            "exposure_gini_per_position": 0.402,
            "never_shown": 0.125,
            "max_exposure": 1500,
            "qpv": {"residents": 2345, "mean_best_score": 54.3, "share_good_match": 0.412},
            "others": {"residents": 10000, "mean_best_score": 61.0, "share_good_match": 0.5},
        },
    )
    page = text(login(personas.sam).get(URL))
    thin = "\u202f"
    assert "Exposition des offres (Gini) : 0,521 ; par poste à pourvoir : 0,402" in page
    assert f"Offres : 1{thin}234 ; jamais montrées : 12,5{thin}%" in page
    assert f"la plus montrée l'est à 1{thin}500 habitants" in page
    assert f"Habitants des QPV : 2{thin}345 ; meilleur score moyen 54,3" in page
    assert f"au moins une offre à 60 ou plus : 41,2{thin}%" in page
    assert f"<dd>12{thin}345</dd>" in page and f"<dd>61{thin}725</dd>" in page
    assert f"1{thin}234{thin}567 (valides : 234{thin}567)" in page
    assert "<dd>3,5 s</dd>" in page
    assert "0.521" not in page and "12.5%" not in page
