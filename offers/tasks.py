"""Celery tasks of the offers floor: thin wrappers around services."""

from celery import shared_task

from offers import services


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def expire_stale_offers() -> dict[str, int]:
    """Daily: warn the employers of stale offers, expire those warned a week ago."""
    return services.offers_expire_stale()
