"""Reads of the advisor's space: the caseload, a resident's file, an offer's best residents.

The caseload of a structure is the residents whose follow-up by that structure is in force
(``Consent`` of kind ``followup`` naming it), not anonymised, with an active account. Every
lookup of a resident goes through it: a resident outside it answers 404.

**Priority** (the caseload's default order), documented for the advisors on the page too. Each
resident gets points, most first:

- +4 when they have a good match (score ≥ 60 in the current run) on a published offer that
  nobody referred them to yet and they did not apply to: there is something to do now;
- +2 when they live in a QPV (the territory's roadmap puts them first);
- +2 when their highest diploma is CAP/BEP or below (levels 0 to 3), +1 when it is unknown (to
  be asked);
- +1 when they have done nothing on the platform for 90 days or more (time to call them).

Ties: the best such match first, then the longest inactive. QPV status orders the advisor's
list; it never enters a score.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import Organisation
from advisors.models import AccountInvitation, Note
from applications.models import Application
from matching.engine import GOOD_MATCH
from matching.models import Match, Run
from offers.models import Offer
from offers.search import published
from referentiel.models import Appellation, Commune, Occupation
from referrals.models import Referral
from referrals.models import Status as ReferralStatus
from residents.models import Consent, Profile

LOW_LEVEL = 3  # CAP/BEP or below
INACTIVE_AFTER = timedelta(days=90)
SORTS = {
    "priorite": ("-rank", "last_activity_at", "pk"),
    "nom": ("user__last_name", "user__first_name", "pk"),
    "activite": ("last_activity_at", "pk"),
    "score": (F("best_open").desc(nulls_last=True), "last_activity_at", "pk"),
}
# What the caseload's table says of its order, for each of SORTS.
SORT_CAPTIONS = {
    "priorite": "par priorité",
    "nom": "par nom",
    "activite": "par inactivité, la plus longue d'abord",
    "score": "par meilleure offre à proposer, la plus haute d'abord",
}


@dataclass(frozen=True)
class CaseloadFilters:
    """What the caseload list is narrowed to; empty values mean "all"."""

    q: str = ""
    commune: str = ""
    qpv: str = ""  # "oui", "non", "a_confirmer"
    level: str = ""  # "bas" (0 to 3), "inconnu", or "0".."8"
    occupation: str = ""  # a ROME code sought
    activity: str = ""  # "30" (active within 30 days), "90" / "180" (inactive for as long)
    to_refer: bool = False  # a good match not referred yet
    sort: str = "priorite"


def followed(*, structure: Organisation) -> QuerySet[Profile]:
    """Every resident the structure follows (no annotation): the base of every lookup."""
    return Profile.objects.filter(
        consents__structure=structure,
        consents__kind=Consent.Kind.FOLLOWUP,
        consents__revoked_at__isnull=True,
        anonymised_at__isnull=True,
        user__is_active=True,
    )


def _taken(profile_ref: str) -> tuple[Exists, Exists]:
    """(referred, applied): the pair (``profile_ref``'s user, the match's offer) is already
    referred (a referral not cancelled) or applied to. ``profile_ref`` names the user id of the
    outer profile as seen from inside the Match subquery."""
    referred = Referral.objects.filter(
        resident_id=OuterRef(OuterRef(profile_ref)), offer_id=OuterRef("offer_id")
    ).exclude(status=ReferralStatus.CANCELLED)
    applied = Application.objects.filter(
        resident_id=OuterRef(OuterRef(profile_ref)), offer_id=OuterRef("offer_id")
    )
    return Exists(referred), Exists(applied)


def best_open_score(run: Run | None):
    """Subquery: the profile's best score in ``run`` on an offer not yet referred nor applied
    to (None without one). The current run holds published offers only: an offer that closes
    leaves it with its next re-score (``matching.runs.rescore_offers``, within a minute), so
    the offer's status is not joined here; the referral itself checks the offer is open."""
    if run is None:
        return Value(None, output_field=IntegerField())
    referred, applied = _taken("user_id")
    matches = (
        Match.objects.filter(run=run, profile=OuterRef("pk"))
        .filter(~referred, ~applied)
        .order_by("-score")
        .values("score")[:1]
    )
    return Subquery(matches)


def _points(condition, value: int):
    return Case(When(condition, then=Value(value)), default=Value(0), output_field=IntegerField())


def _base_points(now):
    """The points of the priority that do not depend on matches."""
    return (
        _points(Q(qpv__isnull=False), 2)
        + _points(Q(level__lte=LOW_LEVEL), 2)
        + _points(Q(level__isnull=True), 1)
        + _points(Q(last_activity_at__lt=now - INACTIVE_AFTER), 1)
    )


def _rank(run: Run | None):
    """The priority order as one number per profile: ``priority * 1000 + best open score``
    (``priority * 1000 - 1`` without an open match), computed by a single subquery on the
    matches. Sorting by this one alias lets PostgreSQL evaluate the subquery once per resident;
    sorting by priority then by score would evaluate it twice."""
    if run is None:
        return F("base") * 1000 - 1
    referred, applied = _taken("user_id")
    good = _points(Q(score__gte=GOOD_MATCH), 4)
    keys = (
        Match.objects.filter(run=run, profile=OuterRef("pk"))
        .filter(~referred, ~applied)
        .annotate(key=(OuterRef("base") + good) * 1000 + F("score"))
        .order_by("-score")
        .values("key")[:1]
    )
    return Coalesce(Subquery(keys), F("base") * 1000 - 1, output_field=FloatField())


def caseload(
    *, structure: Organisation, run: Run | None, filters: CaseloadFilters | None = None
) -> QuerySet[Profile]:
    """The structure's residents, filtered and sorted (priority by default), with what the list
    shows joined or prefetched: the same few queries whatever the page's size.

    Each resident carries ``best_open`` (the best score on an offer not yet referred nor applied
    to) and ``priority``; PostgreSQL computes for every resident only what the chosen order
    needs, and the rest for the rows of the page.
    """
    filters = filters or CaseloadFilters()
    now = timezone.now()
    profiles = (
        followed(structure=structure)
        .annotate(base=_base_points(now), followed_since=F("consents__given_at"))
        .annotate(best_open=best_open_score(run), rank=_rank(run))
        .annotate(priority=F("base") + _points(Q(best_open__gte=GOOD_MATCH), 4))
        .select_related("user", "commune", "qpv")
        .prefetch_related(Prefetch("sought", queryset=Appellation.objects.only("pk", "label")))
    )
    profiles = _filter(profiles, filters, now)
    return profiles.order_by(*SORTS[applied_sort(filters)])


def applied_sort(filters: CaseloadFilters) -> str:
    """The key of SORTS the caseload is sorted by: the one asked, or priority if unknown."""
    return filters.sort if filters.sort in SORTS else "priorite"


def _filter(profiles: QuerySet[Profile], f: CaseloadFilters, now) -> QuerySet[Profile]:
    if f.q:
        words = Q()
        for word in f.q.split()[:4]:
            words &= (
                Q(user__first_name__unaccent__icontains=word)
                | Q(user__last_name__unaccent__icontains=word)
                | Q(user__email__icontains=word)
            )
        profiles = profiles.filter(words)
    if f.commune:
        profiles = profiles.filter(commune_id=f.commune)
    if f.qpv == "oui":
        profiles = profiles.filter(qpv__isnull=False)
    elif f.qpv == "non":
        profiles = profiles.filter(qpv__isnull=True)
    elif f.qpv == "a_confirmer":
        # Said they live in a priority neighbourhood; no advisor has confirmed it yet.
        profiles = profiles.filter(qpv_answer=Profile.QpvAnswer.QPV, qpv_verified=False)
    if f.level == "bas":
        profiles = profiles.filter(level__lte=LOW_LEVEL)
    elif f.level == "inconnu":
        profiles = profiles.filter(level__isnull=True)
    elif f.level.isdecimal():
        profiles = profiles.filter(level=int(f.level))
    if f.occupation:
        seeks = Profile.sought.through.objects.filter(
            profile_id=OuterRef("pk"), appellation__occupation_id=f.occupation
        )
        profiles = profiles.filter(Exists(seeks))
    if f.activity == "30":
        profiles = profiles.filter(last_activity_at__gte=now - timedelta(days=30))
    elif f.activity in {"90", "180"}:
        profiles = profiles.filter(last_activity_at__lt=now - timedelta(days=int(f.activity)))
    if f.to_refer:
        profiles = profiles.filter(best_open__gte=GOOD_MATCH)
    return profiles


def caseload_choices(*, structure: Organisation) -> dict:
    """The communes and the trades the filters offer: those of the structure's residents (two
    queries, whatever the caseload's size; read from the follow-ups alone, which is faster)."""
    profiles = Consent.objects.filter(
        structure=structure, kind=Consent.Kind.FOLLOWUP, revoked_at__isnull=True
    ).values("profile_id")
    communes = Commune.objects.filter(
        pk__in=Profile.objects.filter(pk__in=profiles).values("commune_id")
    )
    sought = Profile.sought.through.objects.filter(profile_id__in=profiles)
    occupations = Occupation.objects.filter(pk__in=sought.values("appellation__occupation_id"))
    return {
        "communes": list(communes.order_by("name").values_list("pk", "name")),
        "occupations": list(occupations.order_by("title").values_list("pk", "title")),
    }


# --- One resident -------------------------------------------------------------------------------


def resident_for_structure(*, structure: Organisation, pk: int) -> Profile:
    """A resident the structure follows, with what the file shows; 404 for anyone else."""
    profiles = (
        followed(structure=structure)
        .annotate(followed_since=F("consents__given_at"))
        .select_related("user", "commune", "qpv", "qpv_asserted_by")
        .prefetch_related("sought", "skills", "past")
    )
    return get_object_or_404(profiles, pk=pk)


def notes_of(*, structure: Organisation, profile: Profile) -> QuerySet[Note]:
    """The structure's own notes about the resident, newest first."""
    return Note.objects.filter(structure=structure, profile=profile).select_related("author")


def last_invitation(*, profile: Profile) -> AccountInvitation | None:
    return (
        AccountInvitation.objects.filter(recipient_id=profile.user_id)
        .select_related("invited_by", "structure")
        .first()
    )


def applications_of(*, profile: Profile) -> QuerySet[Application]:
    return Application.objects.filter(resident_id=profile.user_id).select_related(
        "offer", "offer__employer"
    )


def referrals_of(*, profile: Profile) -> QuerySet[Referral]:
    """Every referral of the resident, by any structure (the file shows whose)."""
    return Referral.objects.filter(resident_id=profile.user_id).select_related(
        "offer", "offer__employer", "structure", "advisor"
    )


# --- Offers -------------------------------------------------------------------------------------


def offer_for_advisor(*, pk: int) -> Offer:
    """A published offer (advisors refer to open offers only); 404 otherwise."""
    return get_object_or_404(
        published().select_related("employer", "commune", "occupation", "level"), pk=pk
    )


def offer_residents(*, structure: Organisation, offer: Offer, run: Run | None, limit: int = 50):
    """The structure's residents listed with ``offer`` in ``run`` (either list of the pair),
    best first, with their profile, past jobs (for the reasons) and whether they were already
    referred or applied."""
    if run is None:
        return []
    referred = Referral.objects.filter(
        resident_id=OuterRef("profile__user_id"), offer=offer
    ).exclude(status=ReferralStatus.CANCELLED)
    applied = Application.objects.filter(resident_id=OuterRef("profile__user_id"), offer=offer)
    matches = (
        Match.objects.filter(run=run, offer=offer, profile__in=followed(structure=structure))
        .annotate(referred=Exists(referred), applied=Exists(applied))
        .select_related("profile", "profile__user", "profile__commune", "profile__qpv")
        .prefetch_related("profile__past", "profile__sought")
        .order_by("-score", "minutes", "profile_id")[:limit]
    )
    matches = list(matches)
    for match in matches:
        match.offer = offer  # already loaded: no join, no query
    return matches


def offers_for_advisor(*, structure: Organisation, run: Run | None, q: str = "", clause=False):
    """Published offers, newest first, each with how many of the structure's residents have a
    good match with it in ``run``."""
    offers = published().select_related("employer", "commune")
    if q:
        offers = offers.filter(title__unaccent__icontains=q)
    if clause:
        offers = offers.filter(insertion_clause=True)
    if run is None:
        return offers.annotate(good=Value(0)).order_by("-published_at", "-pk")
    good = (
        Match.objects.filter(
            run=run,
            offer=OuterRef("pk"),
            score__gte=GOOD_MATCH,
            profile__in=followed(structure=structure).values("pk"),
        )
        .order_by()
        .values("offer")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return offers.annotate(good=Subquery(good)).order_by("-published_at", "-pk")
