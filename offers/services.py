"""Writes on offers: create, edit, move through the life cycle, expire the stale ones."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.models import Organisation, User
from accounts.services import mail_after_commit
from offers import workflow
from offers.models import Offer, OfferSkill, OfferTransition, Status
from offers.signals import offers_changed
from referentiel.selectors import core_skill_codes

logger = logging.getLogger(__name__)
EXPIRE_AFTER = timedelta(days=60)
WARN_BEFORE = timedelta(days=7)


def _announce(offer_ids: list[int]) -> None:
    def send():
        _bump_search_version()
        offers_changed.send(sender=Offer, offer_ids=offer_ids)

    transaction.on_commit(send)


def _bump_search_version() -> None:
    from offers.search import VERSION_KEY

    try:
        cache.add(VERSION_KEY, 0, timeout=None)
        cache.incr(VERSION_KEY)
    except Exception:  # the cache being down must not stop a save; counts expire in a minute
        logger.warning("Search counts not refreshed (cache unavailable).", exc_info=True)


def _set_skills(offer: Offer, required: list[str] | None, nice: list[str] | None) -> None:
    """Replace the offer's skills; with none given, the core skills of its occupation."""
    if required is None:
        required = core_skill_codes(occupation_code=offer.occupation_id)
    nice = [code for code in (nice or []) if code not in set(required)]
    OfferSkill.objects.filter(offer=offer).delete()
    OfferSkill.objects.bulk_create(
        [OfferSkill(offer=offer, skill_id=code, required=True) for code in dict.fromkeys(required)]
        + [OfferSkill(offer=offer, skill_id=code, required=False) for code in dict.fromkeys(nice)]
    )


@transaction.atomic
def offer_save(
    *,
    offer: Offer,
    by: User | None,
    required_skills: list[str] | None = None,
    nice_skills: list[str] | None = None,
) -> Offer:
    """Create or update ``offer`` (built by a form or an import) with its skills."""
    created = offer.pk is None
    offer.save()
    _set_skills(offer, required_skills, nice_skills)
    if created:
        OfferTransition.objects.create(
            offer=offer, name="create", from_status=offer.status, to_status=offer.status, by=by
        )
    _announce([offer.pk])
    return offer


@transaction.atomic
def offer_transition(*, offer: Offer, name: str, by: User | None, reason: str = "") -> Offer:
    """Apply the transition ``name`` to ``offer``, log it, and announce the change.

    Raises ``workflow.TransitionError`` when the offer's state does not allow it, or when the
    employer is suspended and the offer would be published.
    """
    offer = Offer.objects.select_for_update().select_related("employer").get(pk=offer.pk)
    transition = workflow.check(offer.status, name)
    if transition.needs_reason and not reason.strip():
        raise workflow.TransitionError("Donnez la raison : l'employeur la recevra.")
    if transition.target == Status.PUBLISHED and offer.employer.suspended_at:
        raise workflow.TransitionError(
            "Votre organisation est suspendue : ses offres ne peuvent pas être publiées."
        )
    now = timezone.now()
    previous = offer.status
    offer.status = transition.target
    if transition.target == Status.PUBLISHED:
        offer.published_at = now
        offer.ended_at = None
        offer.expiry_warned_at = None
    elif transition.target in {Status.FILLED, Status.CLOSED, Status.EXPIRED}:
        offer.ended_at = now
    offer.save()
    OfferTransition.objects.create(
        offer=offer,
        name=name,
        from_status=previous,
        to_status=offer.status,
        by=by,
        reason=reason.strip(),
    )
    if name == "unpublish":
        _mail_members(offer, "offers/email/unpublished", {"reason": reason.strip()})
    _announce([offer.pk])
    return offer


def _mail_members(offer: Offer, template: str, extra: dict) -> None:
    recipients = list(
        offer.employer.memberships.filter(user__is_active=True).values_list(
            "user__email", flat=True
        )
    )
    if not recipients:
        return
    context = {"offer": offer, "site_url": settings.SITE_URL, **extra}
    subject = render_to_string(f"{template}_subject.txt", context).strip()
    body = render_to_string(f"{template}.txt", context)
    mail_after_commit(subject=subject, body=body, recipients=recipients)


def offers_expire_stale(*, now=None) -> dict[str, int]:
    """Warn the employers of published offers untouched for 53 days; expire them at 60 days.

    An offer is expired only after its employer was warned at least ``WARN_BEFORE`` earlier.
    """
    now = now or timezone.now()
    published = Offer.objects.filter(status=Status.PUBLISHED)
    warned = 0
    for offer in published.filter(
        updated_at__lte=now - (EXPIRE_AFTER - WARN_BEFORE), expiry_warned_at__isnull=True
    ).select_related("employer"):
        with transaction.atomic():
            # update() keeps updated_at: a warning is not an update by the employer. Only the
            # run that marks the offer warns (two overlapping runs warn once).
            marked = Offer.objects.filter(pk=offer.pk, expiry_warned_at__isnull=True).update(
                expiry_warned_at=now
            )
            if not marked:
                continue
            _mail_members(offer, "offers/email/expiry_warning", {"expires_on": now + WARN_BEFORE})
        warned += 1
    expired = 0
    for offer in published.filter(
        updated_at__lte=now - EXPIRE_AFTER, expiry_warned_at__lte=now - WARN_BEFORE
    ):
        offer_transition(
            offer=offer, name="expire", by=None, reason="Sans mise à jour depuis 60 jours"
        )
        expired += 1
    return {"warned": warned, "expired": expired}


@transaction.atomic
def offer_confirm(*, offer: Offer, by: User) -> Offer:
    """The employer confirms the offer is still open: it stays published 60 more days.

    Only a published offer can be confirmed; otherwise ``workflow.TransitionError`` is raised
    and nothing changes (a draft, closed, filled or expired offer is not pushed back).
    """
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    if offer.status != Status.PUBLISHED:
        state = Status(offer.status).label.lower()
        raise workflow.TransitionError(
            f"Cette offre n'est pas en ligne (état : {state}) : il n'y a rien à confirmer."
        )
    offer.expiry_warned_at = None
    offer.save(update_fields=["expiry_warned_at", "updated_at"])
    OfferTransition.objects.create(
        offer=offer, name="confirm", from_status=offer.status, to_status=offer.status, by=by
    )
    return offer


def organisation_offers_hide(*, organisation: Organisation) -> None:
    """Announce that a suspended organisation's offers changed (search hides them)."""
    ids = list(organisation.offers.values_list("pk", flat=True))
    if ids:
        _announce(ids)
