"""Reads on referrals, always scoped: a structure sees its own, a resident those about them, an
employer member those sent to their organisations' offers. Anyone else gets 404."""

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import Organisation, User
from offers.models import Offer
from offers.selectors import employers_of
from referrals.models import Delegation, Referral, ReferralTransition, Status
from residents.models import Consent, Profile


def _with_log(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    return referrals.prefetch_related(
        Prefetch("transitions", queryset=ReferralTransition.objects.select_related("by"))
    )


# --- The structure ------------------------------------------------------------------------------


def referrals_of_structure(*, structure: Organisation, status: str = "") -> QuerySet[Referral]:
    """The structure's referrals, newest first, with what its list shows joined."""
    referrals = Referral.objects.filter(structure=structure).select_related(
        "resident", "offer", "offer__employer", "offer__commune", "advisor"
    )
    return referrals.filter(status=status) if status else referrals


def referral_for_structure(*, structure: Organisation, pk: int) -> Referral:
    """One referral of ``structure``, with its log; 404 for any other."""
    referrals = referrals_of_structure(structure=structure).select_related("resident__profile")
    return get_object_or_404(_with_log(referrals), pk=pk)


def in_caseload(*, structure: Organisation, profile: Profile) -> bool:
    """Whether the resident's follow-up by ``structure`` is in force."""
    return Consent.objects.filter(
        profile=profile,
        kind=Consent.Kind.FOLLOWUP,
        structure=structure,
        revoked_at__isnull=True,
        profile__anonymised_at__isnull=True,
    ).exists()


def delegation_of(*, structure: Organisation, profile: Profile) -> Delegation | None:
    """The resident's delegation to ``structure`` in force, if any."""
    return (
        Delegation.objects.filter(structure=structure, profile=profile, revoked_at__isnull=True)
        .select_related("granted_by")
        .first()
    )


# --- The resident -------------------------------------------------------------------------------


def referrals_of_resident(*, user: User) -> QuerySet[Referral]:
    """Every referral about the resident, newest first (proposals waiting for an answer lead
    the page: see ``proposals_waiting``)."""
    return Referral.objects.filter(resident=user).select_related(
        "offer", "offer__employer", "offer__commune", "structure", "advisor"
    )


def referral_of_resident(*, user: User, pk: int) -> Referral:
    return get_object_or_404(referrals_of_resident(user=user), pk=pk)


def proposals_waiting(*, user: User) -> int:
    return Referral.objects.filter(resident=user, status=Status.PROPOSED).count()


# --- The employer -------------------------------------------------------------------------------


def referrals_for_employer(*, user: User, offer: Offer | None = None) -> QuerySet[Referral]:
    """Referrals sent to the offers of ``user``'s employers, newest first. Those not yet sent
    (the resident has not answered) do not exist for the employer."""
    referrals = Referral.objects.filter(
        sent_at__isnull=False, offer__employer__in=employers_of(user=user)
    ).select_related("resident", "offer", "offer__commune", "structure")
    if offer is not None:
        referrals = referrals.filter(offer=offer)
    return referrals.order_by("-sent_at", "-pk")


def referral_for_employer(*, user: User, pk: int) -> Referral:
    """One referral sent to an offer of ``user``'s employers, with the resident's profile; 404
    for anyone else. The QPV is not loaded: the page cannot show it."""
    referrals = referrals_for_employer(user=user).select_related(
        "offer__employer", "advisor", "resident__profile__commune"
    )
    referrals = _with_log(referrals).prefetch_related(
        "resident__profile__sought", "resident__profile__skills"
    )
    return get_object_or_404(referrals, pk=pk)


def referred_profile(*, referral: Referral) -> Profile | None:
    """The referred resident's profile (already joined by the selectors), or None."""
    if referral.resident is None:
        return None
    try:
        return referral.resident.profile
    except Profile.DoesNotExist:
        return None
