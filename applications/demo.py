"""Synthetic demo applications: demo residents (``residents.demo``) applied to demo offers
(``offers.demo``), so that the employer's inbox, "Mes candidatures" and the observatory have
something to show. Demo data is synthetic: the messages are stock sentences, there is no CV.

Each application walks the workflow's table (``applications.workflow``) from "sent": its log
holds every step with increasing times, the employer's answer sets ``answered_at``, a hire has a
start date, a refusal a reason, and each application the employer opened left a profile view.
Mostly to offers of a trade the resident seeks. Written with COPY; deterministic for a seed;
nothing when demo applications exist.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from applications.models import Application, ApplicationTransition, RefusalReason, Status
from offers.demo import demo_offers
from offers.models import Offer
from offers.models import Status as OfferStatus
from residents.bulk import copy_models, delete_by_subquery, ids_reserve
from residents.demo import demo_residents
from residents.models import Profile, ProfileView

# The steps (transition name, target) of each final status, from "sent".
PATHS = {
    Status.SENT: [],
    Status.SEEN: [("see", Status.SEEN)],
    Status.INTERVIEW: [("see", Status.SEEN), ("interview", Status.INTERVIEW)],
    Status.HIRED: [("see", Status.SEEN), ("interview", Status.INTERVIEW), ("hire", Status.HIRED)],
    Status.REFUSED: [("see", Status.SEEN), ("refuse", Status.REFUSED)],
    Status.WITHDRAWN: [("withdraw", Status.WITHDRAWN)],
    Status.CLOSED: [("close", Status.CLOSED)],
}
STATUSES = {  # shares of the demo applications' states (closed needs 60 days of silence)
    Status.SENT: 30,
    Status.SEEN: 18,
    Status.INTERVIEW: 12,
    Status.HIRED: 8,
    Status.REFUSED: 20,
    Status.WITHDRAWN: 6,
    Status.CLOSED: 6,
}
ANSWERS = {"interview", "hire", "refuse"}
MESSAGES = (
    "Bonjour, je suis disponible rapidement et j'habite à côté. Cordialement.",
    "Bonjour, votre offre m'intéresse : j'ai déjà travaillé dans ce métier.",
    "Bonjour, je cherche un poste près de chez moi. Je peux venir pour un entretien.",
    "",
)
PER_RESIDENTS = 5  # one application for so many demo residents
SAME_TRADE = 0.8


@dataclass
class Report:
    applications: int = 0
    statuses: dict | None = None
    skipped: bool = False


def demo_applications(account: User | None = None):
    """Applications of demo residents (and of the demo account, if given) to demo offers."""
    residents = demo_residents()
    if account is not None:
        residents = User.objects.filter(pk__in=residents.values("pk")) | User.objects.filter(
            pk=account.pk
        )
    return Application.objects.filter(resident__in=residents, offer__in=_offers())


def demo_applications_delete(account: User | None = None) -> int:
    """Delete them (before the demo residents are replaced: else they would stay, anonymous)."""
    return delete_by_subquery(demo_applications(account))


def _offers():
    return demo_offers().exclude(status=OfferStatus.DRAFT).filter(published_at__isnull=False)


def _steps(rng: random.Random, status: str, created: datetime, end: datetime):
    """(name, from, to, at) of each step after "create", at increasing times before ``end``."""
    path = PATHS[status]
    if status == Status.CLOSED:
        return [("close", Status.SENT, Status.CLOSED, created + timedelta(days=60, hours=6))]
    steps, previous, at = [], Status.SENT, created
    for name, target in path:
        at = at + (end - at) * rng.uniform(0.1, 0.5)
        steps.append((name, previous, target, at))
        previous = target
    return steps


def _status(rng: random.Random, created: datetime, now: datetime) -> str:
    status = rng.choices(list(STATUSES), weights=list(STATUSES.values()))[0]
    if status == Status.CLOSED and created > now - timedelta(days=61):
        return Status.SEEN
    return status


def _people(account: User | None) -> tuple[list[dict], list[dict]]:
    """(demo residents, the demo account's profile if any), as the fields applications copy."""
    fields = ("pk", "user_id", "commune_id", "qpv_id")
    residents = Profile.objects.filter(user__in=demo_residents()).order_by("pk")
    mine = Profile.objects.filter(user=account) if account is not None else Profile.objects.none()
    return list(residents.values(*fields)), list(mine.values(*fields))


def _plan(seed: int, count: int, now: datetime, account: User | None, employer: User | None):
    """(person, offer, status, created, steps) of each application to make."""
    rng = random.Random(seed * 7727 + 5)  # noqa: S311 (synthetic data, not security)
    fields = ("pk", "occupation_id", "published_at", "ended_at", "employer_id")
    offers = list(_offers().order_by("pk").values(*fields))
    residents, mine = _people(account)
    if not offers or not residents:
        return []
    by_trade: dict[str, list[dict]] = {}
    for offer in offers:
        by_trade.setdefault(offer["occupation_id"], []).append(offer)
    sought: dict[int, list[str]] = {}
    links = Profile.sought.through.objects.filter(profile_id__in=[p["pk"] for p in mine]) | (
        Profile.sought.through.objects.filter(profile__user__in=demo_residents())
    )
    for profile_id, fiche in links.values_list("profile_id", "appellation__occupation_id"):
        sought.setdefault(profile_id, []).append(fiche)
    # The demo employer's published offers get a few applicants each, for its inbox.
    own = _employers_of(employer)
    showcase = [o for o in offers if o["employer_id"] in own]
    pairs = [(p, None, None) for p in rng.sample(residents, min(count, len(residents)))]
    # The demo account's own applications show three different states.
    pairs += [(p, None, s) for p in mine for s in (Status.INTERVIEW, Status.SEEN, Status.REFUSED)]
    pairs += [(rng.choice(residents), offer, None) for offer in showcase for _ in range(4)]
    plans, taken = [], set()
    for person, chosen, status in pairs:
        fiches = sorted(f for f in sought.get(person["pk"], []) if f in by_trade)
        for _attempt in range(5):  # one application per person and offer
            offer = chosen
            if offer is None:
                mostly = fiches and rng.random() < SAME_TRADE
                offer = rng.choice(by_trade[rng.choice(fiches)] if mostly else offers)
            if (offer["pk"], person["user_id"]) not in taken:
                break
        else:
            continue
        taken.add((offer["pk"], person["user_id"]))
        end = min(offer["ended_at"] or now, now)
        created = offer["published_at"] + (end - offer["published_at"]) * rng.uniform(0, 0.8)
        status = status or _status(rng, created, now)
        plans.append((person, offer, status, created, _steps(rng, status, created, now)))
    return plans


def _employers_of(user: User | None) -> set[int]:
    if user is None:
        return set()
    return set(user.memberships.values_list("organisation_id", flat=True))


def demo_applications_create(
    *, seed: int = 1, count: int, account: User | None = None, employer: User | None = None
) -> Report:
    """Create about ``count`` demo applications, plus three by the demo resident ``account``
    and a few to each published demo offer of the demo ``employer`` account."""
    now = timezone.now()
    rng = random.Random(seed)  # noqa: S311 (synthetic data, not security)
    plans = _plan(seed, count, now, account, employer)
    members = dict(
        Offer.objects.filter(pk__in={p[1]["pk"] for p in plans})
        .filter(employer__memberships__isnull=False)
        .values_list("employer_id", "employer__memberships__user_id")
    )
    ids = ids_reserve(Application, len(plans))
    applications, log, views = [], [], []
    for pk, (person, offer, status, created, steps) in zip(ids, plans, strict=True):
        member = members.get(offer["employer_id"])
        answered = next((at for name, _f, _t, at in steps if name in ANSWERS), None)
        applications.append(
            Application(
                id=pk,
                offer_id=offer["pk"],
                resident_id=person["user_id"],
                message=rng.choice(MESSAGES),
                status=status,
                refusal_reason=rng.choice(RefusalReason.values) if status == Status.REFUSED else "",
                hired_start=(steps[-1][3] + timedelta(days=14)).date()
                if status == Status.HIRED
                else None,
                resident_commune_id=person["commune_id"],
                resident_in_qpv=person["qpv_id"] is not None,
                created_at=created,
                updated_at=steps[-1][3] if steps else created,
                answered_at=answered,
            )
        )
        log.append(
            ApplicationTransition(
                application_id=pk,
                name="create",
                from_status=Status.SENT,
                to_status=Status.SENT,
                by_id=person["user_id"],
                at=created,
            )
        )
        for name, source, target, at in steps:
            # The resident withdraws, the platform closes, the employer does the rest.
            by = {"withdraw": person["user_id"], "close": None}.get(name, member)
            reason = (
                RefusalReason(applications[-1].refusal_reason).label if name == "refuse" else ""
            )
            log.append(
                ApplicationTransition(
                    application_id=pk,
                    name=name,
                    from_status=source,
                    to_status=target,
                    by_id=by,
                    at=at,
                    reason=reason,
                )
            )
            if name == "see":
                views.append(
                    ProfileView(
                        profile_id=person["pk"],
                        viewer_id=member,
                        organisation_id=offer["employer_id"],
                        reason="candidature",
                        at=at,
                    )
                )
    copy_models(Application, applications, with_pk=True)
    copy_models(ApplicationTransition, log, with_pk=False)
    copy_models(ProfileView, views, with_pk=False)
    statuses: dict[str, int] = {}
    for application in applications:
        statuses[application.status] = statuses.get(application.status, 0) + 1
    return Report(applications=len(applications), statuses=statuses)


def seed_applications(
    *, seed: int = 1, residents: int, account: User | None = None, employer: User | None = None
) -> Report:
    """One demo application for about every fifth demo resident (see ``demo_applications_create``);
    nothing when some exist."""
    with transaction.atomic():
        existing = demo_applications(account)
        if existing.exists():
            return Report(applications=existing.count(), skipped=True)
        return demo_applications_create(
            seed=seed, count=residents // PER_RESIDENTS, account=account, employer=employer
        )
