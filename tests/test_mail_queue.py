"""E-mails of the offers and accounts floors (staff unpublishing, expiry warnings, invitations)
go through the outbox and a Celery task after the commit: a mail server that fails never breaks
the page nor the saved change, the task retries it, and while the broker is down the e-mail waits
in the outbox until the hourly sweep sends it."""

import logging
import smtplib
import socket
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.utils import timezone

from accounts.models import Invitation, Mail
from accounts.outbox import MAX_ATTEMPTS
from accounts.tasks import mails_retry, send_mail_task
from offers import services as offer_services
from offers.models import Offer, Status
from tests.application_helpers import eager, media  # noqa: F401
from tests.factories import offer

pytestmark = pytest.mark.usefixtures("eager")
INVITE_TO = "nora@acme.test"


class DownBackend(BaseEmailBackend):
    """A mail server that never answers."""

    attempts = 0

    def send_messages(self, email_messages):
        DownBackend.attempts += 1
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class FlakyBackend(LocmemBackend):
    """A mail server that refuses the first try, then delivers (into ``mail.outbox``)."""

    attempts = 0

    def send_messages(self, email_messages):
        FlakyBackend.attempts += 1
        if FlakyBackend.attempts == 1:
            raise ConnectionRefusedError(111, "Connection refused")
        return super().send_messages(email_messages)


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses the address: for good (550), or for now (450, greylisting)
    the first time only."""

    attempts = 0
    code = 550

    def send_messages(self, email_messages):
        RefusingBackend.attempts += 1
        if RefusingBackend.code < 500 and RefusingBackend.attempts > 1:
            return LocmemBackend().send_messages(email_messages)
        answer = (RefusingBackend.code, b"5.1.1 <nora@acme.test>: User unknown")
        raise smtplib.SMTPRecipientsRefused({m.to[0]: answer for m in email_messages})


@pytest.fixture
def retries():
    """Eager tasks retry at once, as a worker would later; the last error is kept in the
    result (a worker logs it), not raised into the code that queued the task."""
    from vitrine.celery import app

    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = True


@pytest.fixture
def mail_server_down(settings, retries):
    DownBackend.attempts = 0
    settings.EMAIL_BACKEND = "tests.test_mail_queue.DownBackend"
    return DownBackend


@pytest.fixture
def mail_server_flaky(settings, retries):
    FlakyBackend.attempts = 0
    settings.EMAIL_BACKEND = "tests.test_mail_queue.FlakyBackend"
    return FlakyBackend


@pytest.fixture
def address_refused(settings, retries):
    RefusingBackend.attempts, RefusingBackend.code = 0, 550
    settings.EMAIL_BACKEND = "tests.test_mail_queue.RefusingBackend"
    return RefusingBackend


@pytest.fixture
def broker_down():
    """The Celery app sends to a port where nothing listens, as when Redis is down; calling
    the fixture's value brings it back."""
    from vitrine.celery import app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    saved, eager_before = app.conf.broker_url, app.conf.task_always_eager
    app.conf.broker_url = f"redis://127.0.0.1:{port}/0"
    app.conf.task_always_eager = False  # the task must really be sent to the broker
    app._pool, app.amqp._producer_pool = None, None  # the pools hold the old address

    def back():
        app.conf.broker_url, app.conf.task_always_eager = saved, eager_before
        app._pool, app.amqp._producer_pool = None, None

    yield back
    back()


def invite(client, organisation):
    return client.post(
        f"/comptes/organisations/{organisation.pk}/", {"email": INVITE_TO, "role": "member"}
    )


def unpublish(client, published):
    return client.post(
        f"/offres/{published.pk}/depublier/", {"reason": "Salaire sous le minimum légal"}
    )


# --- The pages, with the real commit (transactional tests): on-commit work runs in the request


@pytest.mark.django_db(transaction=True)
def test_the_invitation_page_answers_when_the_mail_server_is_down(
    personas, login, mail_server_down
):
    response = invite(login(personas.emma), personas.acme)
    assert response.status_code == 302
    assert Invitation.objects.filter(organisation=personas.acme, email=INVITE_TO).exists()
    assert mail_server_down.attempts == 1 + send_mail_task.max_retries, "retried, then given up"
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_the_unpublish_page_answers_when_the_mail_server_is_down(personas, login, mail_server_down):
    published = offer(personas.acme)
    response = unpublish(login(personas.sam), published)
    assert response.status_code == 302
    assert Offer.objects.get(pk=published.pk).status == Status.DRAFT
    assert published.transitions.filter(name="unpublish", by=personas.sam).exists()
    assert mail_server_down.attempts == 1 + send_mail_task.max_retries


@pytest.mark.django_db(transaction=True)
def test_an_invitation_made_while_the_broker_is_down_is_sent_later(
    personas, login, broker_down, caplog
):
    with caplog.at_level(logging.ERROR, logger="accounts.outbox"):
        response = invite(login(personas.emma), personas.acme)
    assert response.status_code == 302
    assert Invitation.objects.filter(organisation=personas.acme, email=INVITE_TO).exists()
    assert "not queued (broker down)" in caplog.text
    assert mail.outbox == []
    waiting = Mail.objects.get(email=INVITE_TO)
    assert waiting.sent_at is None and waiting.queued_at is None
    broker_down()  # the broker is back: the hourly sweep finds the e-mail
    assert mails_retry() == 1
    [message] = mail.outbox
    assert message.to == [INVITE_TO] and "Acme Logistique" in message.subject
    assert mails_retry() == 0, "sent once"
    assert len(mail.outbox) == 1


# --- The e-mails themselves, with the normal (locmem) backend --------------------------------


def test_the_invitation_is_sent_after_the_commit(
    personas, login, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = invite(login(personas.emma), personas.acme)
    assert response.status_code == 302
    assert mail.outbox == [], "nothing leaves before the commit"
    for callback in callbacks:
        callback()
    [message] = mail.outbox
    assert message.to == [INVITE_TO] and "Acme Logistique" in message.subject


def test_the_unpublish_notice_reaches_the_employer(
    personas, login, django_capture_on_commit_callbacks
):
    published = offer(personas.acme, title="Magasinier (H/F)")
    with django_capture_on_commit_callbacks(execute=True):
        assert unpublish(login(personas.sam), published).status_code == 302
    [message] = mail.outbox
    assert message.to == ["emma@acme.test"] and "Magasinier" in message.subject
    assert "Salaire sous le minimum légal" in message.body


def test_a_mail_refused_once_is_sent_on_the_retry(
    personas, login, mail_server_flaky, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert invite(login(personas.emma), personas.acme).status_code == 302
    assert mail_server_flaky.attempts == 2
    [message] = mail.outbox
    assert message.to == [INVITE_TO]


def test_expiry_warnings_survive_a_mail_server_outage(
    personas, mail_server_down, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    stale = offer(personas.acme)
    Offer.objects.filter(pk=stale.pk).update(updated_at=timezone.now() - timedelta(days=54))
    with django_capture_on_commit_callbacks(execute=True):
        assert offer_services.offers_expire_stale() == {"warned": 1, "expired": 0}
    assert Offer.objects.get(pk=stale.pk).expiry_warned_at is not None
    assert mail_server_down.attempts == 1 + send_mail_task.max_retries


def test_the_task_retries_mail_server_errors_with_a_growing_delay():
    assert set(send_mail_task.autoretry_for) >= {smtplib.SMTPException, OSError}
    assert send_mail_task.retry_backoff and 3 <= send_mail_task.max_retries <= 10


def test_a_mail_task_delivered_twice_sends_once(
    personas, login, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(login(personas.emma), personas.acme)
    row = Mail.objects.get(email=INVITE_TO)
    assert send_mail_task(row.pk) == "already sent"  # acks_late: the worker died after sending
    assert len(mail.outbox) == 1


def test_old_mails_leave_the_outbox(personas, login, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    with django_capture_on_commit_callbacks(execute=True):
        invite(login(personas.emma), personas.acme)
    Mail.objects.update(created_at=timezone.now() - timedelta(days=31))
    mails_retry()
    assert not Mail.objects.exists()


def an_hour_later():
    """The sweep's next run: the e-mails queued an hour ago and still unsent are due again."""
    Mail.objects.update(queued_at=timezone.now() - timedelta(hours=1, minutes=1))
    return mails_retry()


def test_an_address_the_server_refuses_is_not_tried_again(
    personas, login, address_refused, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert invite(login(personas.emma), personas.acme).status_code == 302
    assert address_refused.attempts == 1, "a refusal is not retried"
    row = Mail.objects.get(email=INVITE_TO)
    assert row.sent_at is None
    assert row.last_error.startswith("Adresse refusée par le serveur : 550 5.1.1")
    assert an_hour_later() == 0, "nor queued again by the sweep"
    assert address_refused.attempts == 1 and mail.outbox == []
    assert send_mail_task.apply(args=[row.pk]).result == "refused"


def test_an_address_refused_for_now_is_tried_again(
    personas, login, address_refused, django_capture_on_commit_callbacks
):
    address_refused.code = 450  # greylisting: "try again later"
    with django_capture_on_commit_callbacks(execute=True):
        assert invite(login(personas.emma), personas.acme).status_code == 302
    assert address_refused.attempts == 2
    [message] = mail.outbox
    assert message.to == [INVITE_TO]


def test_a_mail_that_keeps_failing_is_given_up_after_a_few_sweeps(
    personas, login, mail_server_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert invite(login(personas.emma), personas.acme).status_code == 302
    assert mail_server_down.attempts == 1 + send_mail_task.max_retries
    sweeps = [an_hour_later() for _hour in range(24)]
    assert sweeps[0] == 1 and sum(sweeps) == 1, "one more round, then no hourly retry"
    assert mail_server_down.attempts == 2 * (1 + send_mail_task.max_retries)
    row = Mail.objects.get(email=INVITE_TO)
    assert row.sent_at is None and row.attempts >= MAX_ATTEMPTS
