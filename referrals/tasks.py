"""Celery tasks of the referrals floor: thin wrappers around services."""

from celery import shared_task

from referrals import notifications


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def send_referral_email(notification_id: int) -> str:
    """Send one e-mail about a referral; a second run for the same row does nothing."""
    return notifications.notification_send(notification_id=notification_id)


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def referral_emails_retry() -> int:
    """Hourly: queue again the referral e-mails left behind while the broker was down."""
    return notifications.notifications_requeue()
