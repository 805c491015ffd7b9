"""The applications floor listens to the offers floor."""

import logging

from django.dispatch import receiver

from applications import services
from offers.signals import offers_changed

logger = logging.getLogger(__name__)


@receiver(offers_changed)
def on_offers_changed(sender, offer_ids, **kwargs):
    # Runs after the offer's transaction committed: a failure here must not turn the employer's
    # saved change into an error page.
    try:
        services.applications_notify_filled(offer_ids=offer_ids)
    except Exception:
        logger.exception("Could not queue the 'offer filled' notices of offers %s", offer_ids)
