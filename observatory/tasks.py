"""Celery tasks of the back office: thin wrappers around services."""

from celery import shared_task

from observatory import backoffice_services


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def reload_referentiel(force: bool = False) -> list[dict]:
    """Reload the reference data (``referentiel.loader.load_all``); idempotent."""
    return backoffice_services.referentiel_reload(force=force)
