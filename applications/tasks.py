"""Celery tasks of the applications floor: thin wrappers around services."""

from celery import shared_task

from applications import notifications, services


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def send_email_task(notification_id: int) -> str:
    """Send one notification e-mail; a second run for the same row does nothing."""
    return notifications.notification_send(notification_id=notification_id)


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def close_stale_applications() -> int:
    """Daily: close the applications without an answer for 60 days, with a notice."""
    return services.applications_close_stale()


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def notifications_retry() -> int:
    """Hourly: queue again the e-mails left behind while the broker was down."""
    return notifications.notifications_requeue()
