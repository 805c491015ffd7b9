"""Who may use the advisor's space, in one place: the advisors of an active structure (see
``referrals.permissions``, the floor below, which the referral pages share). Residents are
reached only through the structure's caseload (``selectors.resident_for_structure``): a
resident the structure does not follow answers 404, as do their notes and referrals."""

from rest_framework.permissions import BasePermission

from referrals.permissions import active_structure, advisor_required

__all__ = ["IsActiveAdvisor", "active_structure", "advisor_required"]


class IsActiveAdvisor(BasePermission):
    """The structure's API answers advisors of a validated, not suspended structure (403 for
    anyone else); ``request.structure`` is that structure."""

    message = "Réservé aux conseillers d'une structure validée par le territoire."

    def has_permission(self, request, view):
        structure = active_structure(request.user) if request.user else None
        request.structure = structure
        return structure is not None
