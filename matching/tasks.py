"""Celery tasks of the matcher: thin wrappers around ``matching.runs``."""

import contextlib
import logging

from celery import chord, shared_task
from django.core.cache import cache

from matching import runs, selectors

logger = logging.getLogger(__name__)
SCHEDULED = "matching:dirty-scheduled"
# Held while a run is created and its chunks sent, so that two rematch tasks never both start.
STARTING = "matching:rematch-starting"
STARTING_SECONDS = 120


@shared_task(acks_late=True)
def rematch(by_id: int | None = None) -> int:
    """A full run: its chunks as a group any worker can take, then the finish.

    A run already under way (this task delivered twice, or started twice at once) is not
    doubled. A run whose chunks were never sent (its worker died in between) is marked failed
    after ``DISPATCH_GRACE`` and a new one starts.
    """
    if not cache.add(STARTING, 1, timeout=STARTING_SECONDS):
        running = selectors.run_in_progress()
        return running.pk if running is not None else 0
    try:
        running = selectors.run_in_progress()
        if running is not None and not runs.run_lost(running):
            return running.pk
        run, bounds = runs.run_start(by=None if by_id is None else _user(by_id))
        if not bounds:
            runs.run_finish(run_id=run.pk)
            return run.pk
        chunks = [rematch_chunk.s(run.pk, first, last) for first, last in bounds]
        chord(chunks)(rematch_finish.s(run.pk).on_error(rematch_failed.s(run.pk)))
        runs.run_dispatched(run_id=run.pk)
        return run.pk
    finally:
        cache.delete(STARTING)


def _user(pk: int):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(pk=pk).first()


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def rematch_chunk(run_id: int, first: int, last: int) -> int:
    return runs.run_chunk(run_id=run_id, first=first, last=last)


@shared_task(acks_late=True)
def rematch_finish(results, run_id: int) -> int:
    run = runs.run_finish(run_id=run_id)
    prune_runs.delay()
    schedule_dirty()
    return run.rows


@shared_task
def rematch_failed(request, exc, traceback, run_id: int) -> None:
    runs.run_fail(run_id=run_id, error=repr(exc))


@shared_task(acks_late=True)
def prune_runs() -> int:
    return runs.prune()


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def rescore_dirty() -> int:
    """Re-score the offers and profiles that changed (many saves at once: one task)."""
    cache.delete(SCHEDULED)  # changes arriving from now on schedule a new task
    return runs.dirty_process()


def schedule_dirty(countdown: float = 2.0) -> None:
    """Enqueue one ``rescore_dirty`` soon, unless one is already waiting.

    When the broker is down the change stays recorded (``Dirty``) and the periodic sweep
    catches it up later; saving never fails because of the broker.
    """
    try:
        # The key lives a little longer than the countdown: a lost task blocks nothing for long.
        if cache.add(SCHEDULED, 1, timeout=countdown + 8):
            rescore_dirty.apply_async(countdown=countdown)
    except Exception:  # broker or cache down: the beat sweep will pick the rows up
        with contextlib.suppress(Exception):
            cache.delete(SCHEDULED)
        logger.warning("Re-score not queued now; the periodic sweep will do it.", exc_info=True)
