"""Celery tasks of the residents floor: thin wrappers around services."""

from celery import shared_task

from residents import privacy


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def inactivity_sweep() -> dict:
    """Daily: warn the residents inactive for 23 months, erase those warned who stayed away at
    24 months. Running it twice the same day changes nothing more."""
    return privacy.inactivity_sweep()
