"""The referrals floor listens to the offers floor: a referral still under way for an offer
that closed is cancelled by the platform."""

import logging

from django.dispatch import receiver

from offers.signals import offers_changed
from referrals import services
from referrals.models import Notification, Referral, ReferralTransition
from residents.signals import personal_data_requested, resident_erasing

logger = logging.getLogger(__name__)


@receiver(offers_changed)
def on_offers_changed(sender, offer_ids, **kwargs):
    # Runs after the offer's transaction committed: a failure here must not turn the employer's
    # saved change into an error page.
    try:
        services.referrals_cancel_closed(offer_ids=offer_ids)
    except Exception:
        logger.exception("Could not cancel the open referrals of offers %s", offer_ids)


@receiver(resident_erasing)
def on_resident_erasing(sender, user, **kwargs):
    """Inside the erasure's transaction: the referrals lose the person and the advisor's
    message about them; state, dates, commune and QPV flag stay for the statistics. Errors are
    not caught: they roll the erasure back."""
    referrals = list(Referral.objects.filter(resident=user).values_list("pk", flat=True))
    # Every reason written on those referrals may name the person (theirs, the advisor's).
    ReferralTransition.objects.filter(referral_id__in=referrals).update(reason="")
    Referral.objects.filter(pk__in=referrals).update(resident=None, message="")
    Notification.objects.filter(recipient=user, sent_at__isnull=True).delete()


@receiver(personal_data_requested)
def on_personal_data_requested(sender, user, **kwargs):
    """The referrals proposed to the resident, with their history (no advisor's e-mail)."""
    referrals = (
        Referral.objects.filter(resident=user)
        .select_related("structure", "offer__employer")
        .prefetch_related("transitions")
        .order_by("created_at", "pk")
    )
    return {
        "orientations": [
            {
                "structure": referral.structure.name,
                "offre": referral.offer.title,
                "employeur": referral.offer.employer.name,
                "message du conseiller": referral.message,
                "état": referral.get_status_display(),
                "proposée le": referral.created_at.isoformat(),
                "étapes": [
                    {"de": step.from_status, "à": step.to_status, "le": step.at.isoformat()}
                    for step in referral.transitions.all()
                ],
            }
            for referral in referrals
        ]
    }
