"""Celery tasks of the accounts floor: the e-mails of its outbox, sent off the request."""

import smtplib
from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from accounts import outbox
from accounts.models import Mail

# smtplib.SMTPException is an OSError too; both named to say what is retried: the mail server
# refusing or not answering (connection refused, time-out, temporary rejection). A refusal of
# the address itself (``SMTPRecipientsRefused``) is permanent: ``send_mail_task`` handles it.
MAIL_ERRORS = (smtplib.SMTPException, OSError)
KEEP = timedelta(days=30)


@shared_task(
    acks_late=True,
    autoretry_for=MAIL_ERRORS,
    retry_backoff=True,  # 1 s, 2 s, 4 s… between tries
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=5,
)
def send_mail_task(mail_id: int) -> str:
    """Send one e-mail of the outbox; a second run for the same row does nothing. When the mail
    server refuses the address for good (5xx), trying again would not help: the refusal is
    recorded on the row, which is not retried nor queued again."""
    try:
        return outbox.outbox_send(
            model=Mail,
            notification_id=mail_id,
            render=lambda mail: (mail.subject, mail.body),
            address=lambda mail: mail.email,
        )
    except smtplib.SMTPRecipientsRefused as error:
        codes = [code for code, _message in error.recipients.values()]
        if not codes or any(code < 500 for code in codes):
            raise  # 4xx (greylisting, mailbox full for now): temporary, tried again later
        outbox.outbox_give_up(model=Mail, notification_id=mail_id, reason=_refusal(error))
        return "refused"


def _refusal(error: smtplib.SMTPRecipientsRefused) -> str:
    """The server's answer for each address, e.g. ``550 5.1.1 User unknown``."""
    answers = [
        f"{code} {message.decode(errors='replace') if isinstance(message, bytes) else message}"
        for code, message in error.recipients.values()
    ]
    return "Adresse refusée par le serveur : " + " ; ".join(answers)


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def mails_retry() -> int:
    """Hourly: queue again the e-mails left behind while the broker was down, and delete those
    older than ``KEEP`` (an e-mail holds someone's address and words: kept for support only)."""
    Mail.objects.filter(created_at__lt=timezone.now() - KEEP).delete()
    return outbox.outbox_requeue(model=Mail, task=send_mail_task)
