"""The referrals floor listens to the offers floor: a referral still under way for an offer
that closed is cancelled by the platform."""

import logging

from django.dispatch import receiver

from offers.signals import offers_changed
from referrals import services

logger = logging.getLogger(__name__)


@receiver(offers_changed)
def on_offers_changed(sender, offer_ids, **kwargs):
    # Runs after the offer's transaction committed: a failure here must not turn the employer's
    # saved change into an error page.
    try:
        services.referrals_cancel_closed(offer_ids=offer_ids)
    except Exception:
        logger.exception("Could not cancel the open referrals of offers %s", offer_ids)
