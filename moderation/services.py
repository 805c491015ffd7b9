"""Writes of the back office: flag an offer, handle the flags, validate a structure."""

from django.db import transaction
from django.utils import timezone

from accounts.models import Organisation, User
from moderation.models import OfferFlag
from offers import services as offer_services
from offers.models import Offer


def offer_flag(*, offer: Offer, reason: str, message: str = "", by: User | None) -> OfferFlag:
    """Record that someone (``by``, or an anonymous visitor) finds ``offer`` wrong."""
    return OfferFlag.objects.create(
        offer=offer, reason=reason, message=message.strip()[:1000], by=by
    )


def _resolve(offer: Offer, *, by: User, outcome: str, note: str = "") -> int:
    return OfferFlag.objects.filter(offer=offer, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=by, outcome=outcome, note=note
    )


@transaction.atomic
def flags_dismiss(*, offer: Offer, by: User) -> int:
    """Close the open flags of ``offer`` without action; returns how many were closed."""
    return _resolve(offer, by=by, outcome=OfferFlag.Outcome.DISMISSED)


@transaction.atomic
def flags_unpublish(*, offer: Offer, by: User, reason: str) -> Offer:
    """Take ``offer`` back to draft with ``reason`` (its employer gets it by e-mail) and close
    its open flags. Raises ``offers.workflow.TransitionError`` when the offer is not published
    or the reason is empty; nothing is changed then."""
    offer = offer_services.offer_transition(offer=offer, name="unpublish", by=by, reason=reason)
    _resolve(offer, by=by, outcome=OfferFlag.Outcome.UNPUBLISHED, note=reason.strip())
    return offer


def structure_validate(*, organisation: Organisation, by: User | None = None) -> bool:
    """Let an advisory structure act on the platform. Returns False when there was nothing to
    do (not a structure, or already validated)."""
    updated = Organisation.objects.filter(
        pk=organisation.pk, kind=Organisation.Kind.STRUCTURE, validated_at__isnull=True
    ).update(validated_at=timezone.now())
    return bool(updated)
