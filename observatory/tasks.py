"""Celery tasks of the back office: thin wrappers around services."""

from celery import shared_task

from observatory import backoffice_services


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def reload_referentiel(force: bool = False) -> list[dict]:
    """Reload the reference data (``referentiel.loader.load_all``); idempotent."""
    return backoffice_services.referentiel_reload(force=force)


@shared_task(acks_late=True)
def warm_figures() -> int:
    """Compute every page's figures with the default filters, and the public page, so that
    the first visit after a matching run (or a change) finds them in the cache."""
    from observatory.filters import Filters
    from observatory.pages import PAGES
    from observatory.public import public_figures

    filters = Filters.default()
    for page in PAGES.values():
        page.build(filters)
    public_figures()
    return len(PAGES) + 1
