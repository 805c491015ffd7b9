"""The observatory listens to the floors below: when their data changes, the cached figures
that read it are computed again (``cache.bump``), after the transaction commits."""

import logging

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from applications.models import Application
from clauses.models import ClauseHours, ClauseOperation
from matching.models import Run, Training
from observatory.cache import bump
from offers.signals import offers_changed
from referrals.models import Referral

logger = logging.getLogger(__name__)


def _later(*domains: str) -> None:
    transaction.on_commit(lambda: bump(*domains))


@receiver(offers_changed)
def on_offers_changed(sender, offer_ids, **kwargs):
    bump("offers")  # already sent after the commit


@receiver(post_save, sender=Application)
def on_application_saved(sender, instance, **kwargs):
    _later("applications")


@receiver(post_save, sender=Run)
def on_run_saved(sender, instance, **kwargs):
    if instance.status != Run.Status.RUNNING:
        _later("matching")
    if instance.status == Run.Status.DONE:
        # The skills figures read every match of the run: compute them now, not at the first
        # visit (a few seconds at the territory's scale).
        transaction.on_commit(_warm)


def _warm() -> None:
    from observatory.tasks import warm_figures

    try:
        warm_figures.delay()
    except Exception:  # the broker down only means a slower first visit
        logger.warning("Observatory figures not warmed now.", exc_info=True)


@receiver(post_save, sender=Training)
def on_training_saved(sender, instance, **kwargs):
    _later("matching")


@receiver(post_save, sender=Referral)
def on_referral_saved(sender, instance, **kwargs):
    _later("referrals")


@receiver(post_save, sender=ClauseHours)
@receiver(post_delete, sender=ClauseHours)
@receiver(post_save, sender=ClauseOperation)
@receiver(post_delete, sender=ClauseOperation)
def on_clause_changed(sender, instance, **kwargs):
    _later("clauses")


@receiver(m2m_changed, sender=ClauseOperation.offers.through)
def on_clause_offers_changed(sender, instance, **kwargs):
    _later("clauses")
