"""Celery tasks of the accounts floor: e-mails sent off the request, retried on SMTP errors."""

import smtplib

from celery import shared_task
from django.core.mail import send_mail

# smtplib.SMTPException is an OSError too; both named to say what is retried: the mail server
# refusing or not answering (connection refused, time-out, temporary rejection).
MAIL_ERRORS = (smtplib.SMTPException, OSError)


@shared_task(
    acks_late=True,
    autoretry_for=MAIL_ERRORS,
    retry_backoff=True,  # 1 s, 2 s, 4 s… between tries
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=5,
)
def send_mail_task(subject: str, body: str, recipients: list[str]) -> int:
    """Send one e-mail, already rendered, to ``recipients``; returns how many were sent."""
    return send_mail(subject, body, None, recipients, fail_silently=False)
