"""Reads on applications, always scoped: a resident sees their own, an employer member those
sent to their organisations' offers. Anyone else gets 404."""

from datetime import date, datetime, time

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import User
from applications.models import Application, ApplicationTransition
from offers.models import Offer
from offers.selectors import employers_of
from residents.models import Profile


def applications_of_resident(*, user: User) -> QuerySet[Application]:
    """The resident's applications, newest first, with what "Mes candidatures" shows."""
    return Application.objects.filter(resident=user).select_related(
        "offer", "offer__employer", "offer__commune"
    )


def application_of_resident(*, user: User, pk: int) -> Application:
    return get_object_or_404(applications_of_resident(user=user), pk=pk)


def application_to(*, user: User, offer: Offer) -> Application | None:
    """The application ``user`` sent to ``offer``, if any."""
    if not user.is_authenticated:
        return None
    return Application.objects.filter(resident=user, offer=offer).first()


def applications_of_member(*, user: User) -> QuerySet[Application]:
    """Applications to the offers of every employer ``user`` belongs to."""
    return Application.objects.filter(offer__employer__in=employers_of(user=user)).select_related(
        "offer", "offer__commune", "resident"
    )


def application_for_member(*, user: User, pk: int) -> Application:
    """One application to an offer of ``user``'s employers, with the applicant's profile."""
    applications = applications_of_member(user=user).select_related(
        "offer__employer", "resident__profile__commune"
    )
    transitions = ApplicationTransition.objects.select_related("by")
    applications = applications.prefetch_related(
        "resident__profile__sought",
        "resident__profile__skills",
        Prefetch("transitions", queryset=transitions),
    )
    return get_object_or_404(applications, pk=pk)


def applicant_profile(*, application: Application) -> Profile | None:
    """The applicant's profile (already joined by ``application_for_member``), or None."""
    resident = application.resident
    if resident is None:
        return None
    try:
        return resident.profile
    except Profile.DoesNotExist:
        return None


def inbox(
    *,
    user: User,
    offer: Offer | None = None,
    status: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[Application]:
    """The employer's applications, filtered; the list shows offer and applicant without a
    query per row."""
    applications = applications_of_member(user=user).order_by("-created_at", "-pk")
    if offer is not None:
        applications = applications.filter(offer=offer)
    if status:
        applications = applications.filter(status=status)
    zone = timezone.get_current_timezone()
    if since:
        applications = applications.filter(
            created_at__gte=datetime.combine(since, time.min, tzinfo=zone)
        )
    if until:
        applications = applications.filter(
            created_at__lte=datetime.combine(until, time.max, tzinfo=zone)
        )
    return applications
