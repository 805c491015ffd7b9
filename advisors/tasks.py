"""Celery tasks of the advisor's space: thin wrappers around services."""

from celery import shared_task

from advisors import services


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def send_invitation(invitation_id: int) -> str:
    """Send one invitation e-mail to a resident created by an advisor; once."""
    return services.invitation_deliver(invitation_id=invitation_id)


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def invitations_retry() -> int:
    """Hourly: queue again the invitations left behind while the broker was down."""
    return services.invitations_requeue()
