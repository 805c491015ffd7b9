"""Who is an advisor, and of which structure: the one place the advisory floors ask.

An advisor acts for an advisory structure only once the territory's staff validated it, and
not while it is suspended. ``advisor_required`` sends anonymous visitors to the login page,
answers 404 to people who are not advisors, and shows advisors of a structure not yet validated
(or suspended) a page saying so, and nothing else. The structure it found is
``request.structure``. The advisors' and clauses' floors build on these helpers.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from accounts.models import Membership, Organisation, User


def structures_of(user: User) -> list[Organisation]:
    """The advisory structures ``user`` is a member of, oldest membership first."""
    if not user.is_authenticated or user.role != User.Role.ADVISOR:
        return []
    memberships = Membership.objects.filter(
        user=user, organisation__kind=Organisation.Kind.STRUCTURE
    ).select_related("organisation")
    return [m.organisation for m in memberships.order_by("created_at", "pk")]


def active_structure(user: User) -> Organisation | None:
    """The structure ``user`` acts for: the first of theirs that is validated and not
    suspended; None when they have none."""
    return next((s for s in structures_of(user) if s.is_active), None)


def is_member(user: User | None, structure_id: int | None) -> bool:
    """Whether ``user`` is an advisor of the structure ``structure_id`` and it is active."""
    if user is None or structure_id is None:
        return False
    structure = active_structure(user)
    return structure is not None and structure.pk == structure_id


def advisor_required(view):
    """Logged in (else the login page), an advisor (else 404), of an active structure (else a
    page that says the structure awaits validation or is suspended, with status 403)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        structures = structures_of(request.user)
        if not structures:
            raise Http404("Page réservée aux conseillers.")
        structure = next((s for s in structures if s.is_active), None)
        if structure is None:
            return render(
                request,
                "referrals/structure_inactive.html",
                {"structure": structures[0]},
                status=403,
            )
        request.structure = structure
        return view(request, *args, **kwargs)

    return wrapper
