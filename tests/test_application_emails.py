"""E-mails about applications: queued after the transaction commits, sent once, respecting the
resident's choice; a broker outage loses nothing; a real worker delivers them."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from kombu.exceptions import OperationalError

from applications import notifications, services, tasks
from applications.models import Notification
from offers import services as offer_services
from tests.application_helpers import apply, eager, media, profile_of  # noqa: F401
from tests.factories import UserFactory, member, offer

pytestmark = pytest.mark.usefixtures("eager")


def sent_to(address: str) -> list:
    return [message for message in mail.outbox if message.to == [address]]


def test_the_employer_is_told_after_the_commit_only(personas, django_capture_on_commit_callbacks):
    colleague = member(UserFactory(email="leo@acme.test"), personas.acme, role="member")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        application = apply(personas.alice, offer(personas.acme, title="Cariste de quai"))
    assert mail.outbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    for address in ("emma@acme.test", colleague.email):
        [message] = sent_to(address)
        assert message.subject == "Nouvelle candidature : Cariste de quai"
        assert personas.alice.get_full_name() in message.body
        assert f"/espace-employeur/candidatures/{application.pk}/" in message.body
    assert not sent_to("frank@globex.test")


def test_nothing_is_sent_when_the_transaction_rolls_back(personas):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        apply(personas.alice, offer(personas.acme))
        raise RuntimeError("rollback")
    assert mail.outbox == [] and not Notification.objects.exists()


def test_the_resident_is_told_of_each_change(personas, django_capture_on_commit_callbacks):
    application = apply(personas.alice, offer(personas.acme, title="Cariste"))
    with django_capture_on_commit_callbacks(execute=True):
        services.application_transition(application=application, name="see", by=personas.emma)
        services.application_transition(
            application=application, name="refuse", by=personas.emma, reason="skills"
        )
    messages = sent_to("alice@example.test")
    assert [m.subject for m in messages] == [
        "Votre candidature « Cariste » : vue par l'employeur",
        "Votre candidature « Cariste » : refusée",
    ]
    assert "L'employeur a vu votre candidature" in messages[0].body
    assert "Raison donnée par l'employeur : Les compétences ne correspondent pas." in (
        messages[1].body
    )
    assert "/mes-candidatures/" in messages[1].body


def test_no_e_mail_to_a_resident_who_turned_them_off(personas, django_capture_on_commit_callbacks):
    profile_of(personas.alice, notify_applications=False)
    application = apply(personas.alice, offer(personas.acme))
    with django_capture_on_commit_callbacks(execute=True):
        services.application_transition(application=application, name="interview", by=personas.emma)
    assert sent_to("alice@example.test") == []


def test_withdrawing_sends_the_resident_nothing(personas, django_capture_on_commit_callbacks):
    application = apply(personas.alice, offer(personas.acme))
    with django_capture_on_commit_callbacks(execute=True):
        services.application_transition(application=application, name="withdraw", by=personas.alice)
    assert sent_to("alice@example.test") == []


def test_a_notification_is_sent_once(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        apply(personas.alice, offer(personas.acme))
    notification = Notification.objects.get(recipient=personas.emma)
    assert notification.sent_at is not None
    assert notifications.notification_send(notification_id=notification.pk) == "already sent"
    assert tasks.send_email_task.delay(notification.pk).get() == "already sent"
    assert notifications.notifications_requeue() == 0
    assert len(sent_to("emma@acme.test")) == 1


def test_residents_hear_that_the_offer_is_filled(personas, django_capture_on_commit_callbacks):
    published = offer(personas.acme, title="Cariste")
    waiting = apply(personas.alice, published)
    refused = apply(personas.bob, published)
    services.application_transition(
        application=refused, name="refuse", by=personas.emma, reason="skills"
    )
    quiet = UserFactory(email="quiet@example.test")
    profile_of(quiet, notify_applications=False)
    apply(quiet, published)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        offer_services.offer_transition(offer=published, name="fill", by=personas.emma)
    [message] = sent_to("alice@example.test")
    assert message.subject == "Le poste « Cariste » est pourvu"
    assert sent_to("bob@example.test") == [] and sent_to("quiet@example.test") == []
    assert Notification.objects.get(kind="filled").application == waiting
    # Any later change of the filled offer announces it again: nobody is told twice.
    with django_capture_on_commit_callbacks(execute=True):
        offer_services.offer_save(offer=published, by=personas.emma)
    assert len(sent_to("alice@example.test")) == 1


def test_closing_an_offer_is_not_filling_it(personas, django_capture_on_commit_callbacks):
    published = offer(personas.acme)
    apply(personas.alice, published)
    with django_capture_on_commit_callbacks(execute=True):
        offer_services.offer_transition(offer=published, name="close", by=personas.emma)
    assert sent_to("alice@example.test") == []


def test_a_broker_outage_keeps_the_save_and_the_sweep_sends_later(
    personas, django_capture_on_commit_callbacks, monkeypatch
):
    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6399. Connection refused.")

    with monkeypatch.context() as patch:
        patch.setattr(tasks.send_email_task, "delay", broker_down)
        with django_capture_on_commit_callbacks(execute=True):
            application = apply(personas.alice, offer(personas.acme))
    assert application.pk and mail.outbox == []
    waiting = Notification.objects.get(recipient=personas.emma)
    assert waiting.queued_at is None and waiting.sent_at is None
    assert tasks.notifications_retry.delay().get() == 1
    assert len(sent_to("emma@acme.test")) == 1
    waiting.refresh_from_db()
    assert waiting.queued_at is not None and waiting.sent_at is not None


def test_the_sweep_runs_every_hour():
    from django.conf import settings

    from vitrine.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["retry-application-emails"]
    assert entry["task"] == "applications.tasks.notifications_retry" and entry["task"] in app.tasks
    assert entry["schedule"].hour == set(range(24))


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_delivers_the_employer_s_e_mail(personas):
    from vitrine.celery import app

    app.conf.task_always_eager = False  # this one goes through the real Redis broker
    app.control.purge()  # tasks left by other tests of this session
    with start_worker(app, perform_ping_check=False, pool="solo", shutdown_timeout=10):
        application = apply(personas.alice, offer(personas.acme, title="Cariste de nuit"))
        deadline = time.monotonic() + 20
        while not sent_to("emma@acme.test") and time.monotonic() < deadline:
            time.sleep(0.1)
    [message] = sent_to("emma@acme.test")
    assert message.subject == "Nouvelle candidature : Cariste de nuit"
    assert Notification.objects.get(application=application).sent_at is not None
