"""Reads of the matcher's pages: a resident's offers, an offer's candidates, the runs.

Every list is one query with what it shows joined or prefetched, so that a page costs the same
number of queries whatever the number of matches.
"""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from matching.models import Match, Run
from offers.models import Offer, Status
from residents.models import Consent, Profile

# A run still "running" after this long lost its worker: another one may be started.
STALE_AFTER = datetime.timedelta(hours=2)


def resident_matches(*, profile: Profile, run: Run | None) -> list[Match]:
    """The offers listed for the resident in ``run``, best first (ties: shorter commute), with
    their offer, its employer and place; only offers still published."""
    if run is None:
        return []
    matches = list(
        Match.objects.filter(
            run=run, profile=profile, for_resident=True, offer__status=Status.PUBLISHED
        )
        .select_related("offer", "offer__employer", "offer__commune")
        .order_by("-score", "minutes", "offer_id")
    )
    for match in matches:
        match.profile = profile  # already loaded: no join, no query
    return matches


def visible_consent() -> Exists:
    """The profile (``OuterRef("profile")``) has a consent to be visible to employers in force."""
    return Exists(
        Consent.objects.filter(
            profile=OuterRef("profile"), kind=Consent.Kind.VISIBILITY, revoked_at__isnull=True
        )
    )


def offer_candidates(*, offer: Offer, run: Run | None) -> list[Match]:
    """The residents listed for ``offer`` in ``run`` who consented to be visible to employers,
    best first. The QPV and contact details are not loaded: the page cannot show them."""
    if run is None:
        return []
    matches = list(
        Match.objects.filter(
            visible_consent(),
            run=run,
            offer=offer,
            for_offer=True,
            profile__anonymised_at__isnull=True,
            profile__user__is_active=True,
        )
        .select_related("profile__user", "profile__commune")
        .prefetch_related("profile__sought", "profile__past")
        .only(
            *[f.name for f in Match._meta.concrete_fields],
            "profile__level",
            "profile__contracts",
            "profile__hours",
            "profile__available_from",
            "profile__user__first_name",
            "profile__user__last_name",
            "profile__commune__name",
        )
        .order_by("-score", "minutes", "profile_id")
    )
    for match in matches:
        match.offer = offer  # already loaded: no join, no query
    return matches


def runs_recent(limit: int = 20) -> QuerySet[Run]:
    return Run.objects.select_related("started_by").order_by("-started_at")[:limit]


def run_in_progress() -> Run | None:
    """A run still computing (not one stuck for hours: its worker was lost)."""
    return (
        Run.objects.filter(status=Run.Status.RUNNING, started_at__gte=timezone.now() - STALE_AFTER)
        .order_by("-started_at")
        .first()
    )
