"""Reads of the moderation queue: flagged offers, structures to validate, new employers."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils import timezone

from accounts.models import Membership, Organisation
from moderation.models import OfferFlag
from offers.models import Offer

NEW_EMPLOYER_DAYS = 30


@dataclass
class FlaggedOffer:
    offer: Offer
    count: int
    last_at: object
    flags: list[OfferFlag]


def flagged_offers(*, limit: int = 100) -> list[FlaggedOffer]:
    """Offers with open flags, most flagged first, each with its open flags (three queries)."""
    open_flags = OfferFlag.objects.filter(resolved_at__isnull=True)
    is_open = Q(flags__resolved_at__isnull=True)
    offers = (
        Offer.objects.filter(pk__in=open_flags.values("offer_id"))
        .annotate(
            open_count=Count("flags", filter=is_open),
            last_at=Max("flags__created_at", filter=is_open),
        )
        .select_related("employer", "commune")
        .prefetch_related(Prefetch("flags", queryset=open_flags, to_attr="open_flags"))
        .order_by("-open_count", "-last_at")[:limit]
    )
    return [FlaggedOffer(o, o.open_count, o.last_at, o.open_flags) for o in offers]


def _with_members(queryset: QuerySet[Organisation]) -> QuerySet[Organisation]:
    members = Membership.objects.select_related("user").order_by("created_at")
    return queryset.select_related("commune", "naf").prefetch_related(
        Prefetch("memberships", queryset=members)
    )


def structures_awaiting() -> QuerySet[Organisation]:
    """Advisory structures that staff have not validated yet, oldest first."""
    return _with_members(
        Organisation.objects.filter(
            kind=Organisation.Kind.STRUCTURE, validated_at__isnull=True
        ).order_by("created_at")
    )


def employers_new(*, days: int = NEW_EMPLOYER_DAYS) -> QuerySet[Organisation]:
    """Employers created in the last ``days`` days, newest first."""
    since = timezone.now() - timedelta(days=days)
    return _with_members(
        Organisation.objects.filter(
            kind=Organisation.Kind.EMPLOYER, created_at__gte=since
        ).order_by("-created_at")
    )


def waiting_counts() -> dict[str, int]:
    """How many flagged offers and structures to validate wait for staff (two queries)."""
    return {
        "offers": OfferFlag.objects.filter(resolved_at__isnull=True)
        .values("offer_id")
        .distinct()
        .count(),
        "structures": structures_awaiting().count(),
    }
