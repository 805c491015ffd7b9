"""Reads of the insertion clauses: operations with their hours against the target, the hires on
their offers, and the eligible residents of a structure matched to open clause offers.

A hire counts for an operation when it is a referral or an application "hired" on one of the
operation's offers. Every page reads a fixed number of queries, whatever the number of
operations, offers and hires.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import Organisation
from advisors.selectors import followed
from applications.models import Application
from applications.models import Status as ApplicationStatus
from clauses.models import ClauseHours, ClauseOperation, Eligibility
from matching.models import Match, Run
from offers.models import Offer
from offers.search import published
from referrals.models import Referral
from referrals.models import Status as ReferralStatus


@dataclass
class Hire:
    """A person hired on an offer of an operation, through a referral or an application."""

    kind: str  # "referral" or "application"
    pk: int
    person: str
    offer: Offer
    start: date | None
    hours: Decimal | None = None  # recorded by the facilitator; None until then


@dataclass
class Progress:
    operation: ClauseOperation
    achieved: Decimal
    open_offers: int
    hires: list[Hire] = field(default_factory=list)

    @property
    def percent(self) -> int:
        target = self.operation.hours_target
        return min(100, round(100 * self.achieved / target)) if target else 0

    @property
    def hires_without_hours(self) -> int:
        return sum(1 for hire in self.hires if hire.hours is None)


def is_facilitator(structure: Organisation) -> bool:
    return structure.structure_kind == Organisation.StructureKind.CLAUSE_FACILITATOR


def operations() -> QuerySet[ClauseOperation]:
    """Every operation, the soonest to end first, with its facilitator, the hours recorded
    (``achieved``) and its offers still published (``open_offers``)."""
    achieved = (
        ClauseHours.objects.filter(operation=OuterRef("pk"))
        .order_by()
        .values("operation")
        .annotate(total=Sum("hours"))
        .values("total")
    )
    links = ClauseOperation.offers.through.objects.filter(
        clauseoperation_id=OuterRef("pk"), offer__in=published()
    )
    open_offers = links.order_by().values("clauseoperation_id").annotate(n=Count("pk")).values("n")
    return ClauseOperation.objects.select_related("facilitator").annotate(
        achieved=Coalesce(Subquery(achieved), Value(Decimal(0)), output_field=DecimalField()),
        open_offers=Coalesce(Subquery(open_offers), Value(0)),
    )


def operation_for_facilitator(*, structure: Organisation, pk: int) -> ClauseOperation:
    """An operation this facilitator runs; 404 for any other structure."""
    return get_object_or_404(operations(), pk=pk, facilitator=structure)


def _hires(operation_ids: list[int]) -> dict[int, list[Hire]]:
    """The hires of each operation, with the hours recorded (four queries in all)."""
    links = ClauseOperation.offers.through.objects.filter(clauseoperation_id__in=operation_ids)
    by_offer: dict[int, list[int]] = {}
    for operation_id, offer_id in links.values_list("clauseoperation_id", "offer_id"):
        by_offer.setdefault(offer_id, []).append(operation_id)
    referrals = Referral.objects.filter(
        offer_id__in=list(by_offer), status=ReferralStatus.HIRED
    ).select_related("resident", "offer", "offer__employer")
    applications = Application.objects.filter(
        offer_id__in=list(by_offer), status=ApplicationStatus.HIRED
    ).select_related("resident", "offer", "offer__employer")
    recorded = {}
    for row in ClauseHours.objects.filter(operation_id__in=operation_ids):
        if row.referral_id:
            recorded[(row.operation_id, "referral", row.referral_id)] = row.hours
        else:
            recorded[(row.operation_id, "application", row.application_id)] = row.hours
    out: dict[int, list[Hire]] = {pk: [] for pk in operation_ids}
    for kind, rows in (("referral", referrals), ("application", applications)):
        for row in rows:
            name = row.resident.get_full_name() if row.resident else "Compte supprimé"
            for operation_id in by_offer.get(row.offer_id, []):
                out[operation_id].append(
                    Hire(
                        kind,
                        row.pk,
                        name,
                        row.offer,
                        row.hired_start,
                        recorded.get((operation_id, kind, row.pk)),
                    )
                )
    for hires in out.values():
        hires.sort(key=lambda hire: (hire.start or date.min, hire.pk), reverse=True)
    return out


def progress(*, operations_qs=None, with_hires: bool = False) -> list[Progress]:
    """Each operation's hours achieved against its target (and, with ``with_hires``, its
    hires, for the facilitator)."""
    rows = list(operations_qs if operations_qs is not None else operations())
    hires = _hires([op.pk for op in rows]) if with_hires else {}
    return [
        Progress(op, op.achieved or Decimal(0), op.open_offers, hires.get(op.pk, [])) for op in rows
    ]


def open_clause_offers() -> QuerySet[Offer]:
    """Published offers attached to an operation still running."""
    today = timezone.localdate()
    running = ClauseOperation.objects.filter(ends_on__gte=today)
    return published().filter(clause_operations__in=running).distinct()


def eligible_matches(*, structure: Organisation, run: Run | None, limit: int = 50) -> list[Match]:
    """The structure's residents recorded as eligible to clauses, with their matches in ``run``
    on open clause offers, best first."""
    if run is None:
        return []
    eligible = Eligibility.objects.filter(profile=OuterRef("profile"))
    matches = (
        Match.objects.filter(
            Exists(eligible),
            run=run,
            offer__in=open_clause_offers().values("pk"),
            profile__in=followed(structure=structure).values("pk"),
        )
        .select_related("profile__user", "offer__employer", "offer__commune")
        .prefetch_related(
            Prefetch("profile__clause_eligibilities", queryset=Eligibility.objects.all())
        )
        .order_by("-score", "profile_id")[:limit]
    )
    return list(matches)


@dataclass
class EligibleState:
    """Why the structure's list of eligible people is what it is, told when it is empty: counts
    of the structure's own people only."""

    followed: int  # people the structure follows
    eligible: int  # of them, with an eligible public recorded on their file
    open_offers: int  # published offers of running operations, for everyone
    computed: bool  # a matching run is done


def eligible_state(*, structure: Organisation, run: Run | None) -> EligibleState:
    """Three counts, for the empty list's explanation (``eligible_matches`` reads the same)."""
    people = followed(structure=structure)
    return EligibleState(
        followed=people.values("pk").distinct().count(),
        eligible=people.filter(clause_eligibilities__isnull=False).values("pk").distinct().count(),
        open_offers=open_clause_offers().count(),
        computed=run is not None,
    )


def eligibility_of(*, profile) -> list[Eligibility]:
    return list(Eligibility.objects.filter(profile=profile).select_related("recorded_by"))


def attachable_offers(*, operation: ClauseOperation) -> QuerySet[Offer]:
    """Published offers flagged "insertion clause" by their employer, not yet attached."""
    return (
        published()
        .filter(insertion_clause=True)
        .exclude(clause_operations=operation)
        .select_related("employer", "commune")
        .order_by("title", "pk")
    )
