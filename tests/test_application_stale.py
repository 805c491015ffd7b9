"""Applications left 60 days without an answer from the employer are closed, with a notice to
the resident, by a daily task."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from applications import services, tasks
from applications.models import Application, Status
from tests.application_helpers import apply, eager, media, profile_of  # noqa: F401
from tests.factories import UserFactory, offer


def aged(application, days: int) -> Application:
    Application.objects.filter(pk=application.pk).update(
        created_at=timezone.now() - timedelta(days=days)
    )
    return application


def test_sixty_days_without_an_answer_close_the_application(personas):
    published = offer(personas.acme)
    sent = aged(apply(personas.alice, published), 61)
    seen = apply(personas.bob, published)
    services.application_transition(application=seen, name="see", by=personas.emma)
    aged(seen, 60)
    young = aged(apply(UserFactory(), published), 59)
    answered = apply(UserFactory(), published)
    services.application_transition(application=answered, name="interview", by=personas.emma)
    aged(answered, 90)
    withdrawn = apply(UserFactory(), published)
    services.application_transition(application=withdrawn, name="withdraw", by=withdrawn.resident)
    aged(withdrawn, 90)

    assert services.applications_close_stale() == 2

    statuses = dict(Application.objects.values_list("pk", "status"))
    assert statuses[sent.pk] == statuses[seen.pk] == Status.CLOSED
    assert statuses[young.pk] == Status.SENT
    assert statuses[answered.pk] == Status.INTERVIEW
    assert statuses[withdrawn.pk] == Status.WITHDRAWN
    step = sent.transitions.last()
    assert (step.name, step.by, step.from_status) == ("close", None, "sent")
    assert "60 jours" in step.reason


def test_a_second_run_closes_nothing_more(personas):
    aged(apply(personas.alice, offer(personas.acme)), 70)
    assert services.applications_close_stale() == 1
    assert services.applications_close_stale() == 0
    assert Application.objects.get().transitions.filter(name="close").count() == 1


def test_the_clock_can_be_given(personas):
    apply(personas.alice, offer(personas.acme))
    assert services.applications_close_stale(now=timezone.now() + timedelta(days=59)) == 0
    assert services.applications_close_stale(now=timezone.now() + timedelta(days=61)) == 1


@pytest.mark.usefixtures("eager")
def test_the_resident_gets_a_notice(personas, django_capture_on_commit_callbacks):
    aged(apply(personas.alice, offer(personas.acme, title="Cariste")), 61)
    quiet = UserFactory(email="quiet@example.test")
    profile_of(quiet, notify_applications=False)
    aged(apply(quiet, offer(personas.acme)), 61)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.close_stale_applications.delay().get() == 2
    [notice] = [m for m in mail.outbox if m.to == ["alice@example.test"]]
    assert notice.subject == "Votre candidature « Cariste » : close sans réponse"
    assert "L'employeur n'a pas répondu en 60 jours" in notice.body
    assert not [m for m in mail.outbox if m.to == ["quiet@example.test"]]


def test_the_resident_sees_why_it_closed(login, personas):
    aged(apply(personas.alice, offer(personas.acme)), 61)
    services.applications_close_stale()
    page = login(personas.alice).get("/mes-candidatures/").content.decode()
    assert "n&#x27;a pas répondu en 60 jours" in page


def test_beat_runs_the_closing_every_day():
    from django.conf import settings

    from vitrine.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["close-stale-applications"]
    assert entry["task"] == "applications.tasks.close_stale_applications"
    assert entry["task"] in app.tasks
    assert len(entry["schedule"].hour) == 1 and len(entry["schedule"].day_of_week) == 7
