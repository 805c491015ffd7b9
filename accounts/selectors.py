"""Reads on accounts, always scoped to the requesting user."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import Membership, Organisation, User


def organisations_of(*, user: User) -> QuerySet[Organisation]:
    return Organisation.objects.filter(memberships__user=user).select_related("commune")


def organisation_for_member(*, user: User, pk: int) -> Organisation:
    """The organisation ``pk`` if ``user`` belongs to it; 404 for anyone else."""
    return get_object_or_404(organisations_of(user=user), pk=pk)


def members_of(*, organisation: Organisation) -> QuerySet[Membership]:
    return organisation.memberships.select_related("user").order_by("user__last_name")
