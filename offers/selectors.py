"""Reads on offers, always scoped: the public sees published offers, members their own."""

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import Organisation, User
from offers.models import Offer, Status
from offers.search import published


def employers_of(*, user: User) -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=Organisation.Kind.EMPLOYER, memberships__user=user)


def offers_of_member(*, user: User) -> QuerySet[Offer]:
    """Every offer of the employers ``user`` belongs to, whatever its status."""
    return Offer.objects.filter(employer__memberships__user=user).select_related(
        "employer", "commune", "occupation"
    )


def offer_for_member(*, user: User, pk: int) -> Offer:
    """An offer of one of ``user``'s employers; 404 for anyone else."""
    return get_object_or_404(offers_of_member(user=user), pk=pk)


def offer_visible(*, user: User, pk: int) -> Offer:
    """A published offer, or one of the user's own employers in any status; 404 otherwise."""
    offers = Offer.objects.select_related(
        "employer", "commune", "occupation", "appellation", "level"
    )
    visible = Q(pk__in=published().values("pk"))
    if user.is_authenticated:
        visible |= Q(employer__memberships__user=user)
        if user.is_staff:
            visible = Q()
    offer = offers.filter(visible, pk=pk).first()
    if offer is None:
        raise Http404
    return offer


def skills_of(*, offer: Offer):
    """(required, nice-to-have) skill links, core skills of the occupation first."""
    links = list(offer.skill_links.select_related("skill").order_by("skill__label"))
    return [link for link in links if link.required], [link for link in links if not link.required]


def employer_public(*, pk: int) -> Organisation:
    employer = get_object_or_404(
        Organisation.objects.select_related("commune", "naf"),
        pk=pk,
        kind=Organisation.Kind.EMPLOYER,
    )
    if employer.suspended_at:
        raise Http404
    return employer


def published_of(*, employer: Organisation) -> QuerySet[Offer]:
    return published().filter(employer=employer).select_related("commune", "occupation")


def status_counts(*, user: User) -> dict[str, int]:
    rows = offers_of_member(user=user).values("status").annotate(n=Count("pk")).order_by()
    counts = dict.fromkeys(Status.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    return counts
