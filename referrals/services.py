"""Writes on referrals: propose (one resident or many), move through the workflow, open as an
employer, delegate, and cancel the proposals of offers that closed."""

from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Membership, Organisation, User
from applications.models import Application, RefusalReason
from offers.models import Offer
from referrals import notifications, selectors, workflow
from referrals.models import Delegation, Referral, ReferralTransition, Status
from referrals.permissions import is_member
from referrals.workflow import Actor, TransitionError
from residents.models import Profile, ProfileView

VIEW_REASON = "orientation"


class ReferralError(Exception):
    """A referral that cannot be made; the message says why, in French."""


def _name(profile: Profile) -> str:
    return profile.user.get_full_name() or profile.user.email


def _check_proposal(*, structure: Organisation, by: User, profile: Profile, offer: Offer) -> None:
    if not is_member(by, structure.pk):
        raise ReferralError("Seuls les conseillers de la structure peuvent orienter.")
    if not selectors.in_caseload(structure=structure, profile=profile):
        raise ReferralError(f"{_name(profile)} n'est pas suivi·e par votre structure.")
    if not profile.user.is_active:
        raise ReferralError(f"Le compte de {_name(profile)} est désactivé.")
    if not offer.is_public:
        raise ReferralError(f"L'offre « {offer.title} » n'est plus ouverte.")
    if Application.objects.filter(offer=offer, resident_id=profile.user_id).exists():
        raise ReferralError(f"{_name(profile)} a déjà postulé à l'offre « {offer.title} ».")
    if Referral.objects.filter(
        offer=offer, resident_id=profile.user_id, status__in=[s.value for s in workflow.OPEN]
    ).exists():
        raise ReferralError(f"{_name(profile)} est déjà orienté·e vers « {offer.title} ».")


@transaction.atomic
def referral_propose(
    *,
    structure: Organisation,
    by: User,
    profile: Profile,
    offer: Offer,
    message: str = "",
    direct: bool = False,
) -> Referral:
    """The advisor ``by`` of ``structure`` proposes the resident of ``profile`` for ``offer``.

    The resident must be followed by the structure, the offer open, and the pair free of an
    application or of another referral under way; else ``ReferralError``. The resident is
    asked (e-mail after the commit); with ``direct`` and a delegation in force, the referral
    goes to the employer at once.
    """
    profile = Profile.objects.select_related("user").get(pk=profile.pk)
    offer = Offer.objects.select_related("employer").get(pk=offer.pk)
    _check_proposal(structure=structure, by=by, profile=profile, offer=offer)
    delegated = direct and selectors.delegation_of(structure=structure, profile=profile)
    if direct and not delegated:
        raise ReferralError(
            f"{_name(profile)} n'a pas délégué l'envoi à votre structure : "
            "la proposition doit lui être faite d'abord."
        )
    referral = Referral(
        structure=structure,
        advisor=by,
        resident=profile.user,
        offer=offer,
        message=message.strip(),
        resident_commune_id=profile.commune_id,
        resident_in_qpv=profile.in_qpv,
    )
    try:
        with transaction.atomic():
            referral.save()
    except IntegrityError as error:  # the same pair, twice at once
        raise ReferralError(
            f"{_name(profile)} est déjà orienté·e vers « {offer.title} »."
        ) from error
    ReferralTransition.objects.create(
        referral=referral,
        name="create",
        from_status=Status.PROPOSED,
        to_status=Status.PROPOSED,
        by=by,
    )
    if delegated:
        return referral_transition(referral=referral, name="send_direct", by=by)
    notifications.notify_proposed(referral=referral)
    return referral


@dataclass
class ProposeReport:
    made: list[Referral] = field(default_factory=list)
    failed: list[tuple[Profile, str]] = field(default_factory=list)


def referrals_propose(
    *, structure: Organisation, by: User, profiles, offer: Offer, message: str = ""
) -> ProposeReport:
    """Propose ``offer`` to several residents, each in its own transaction: one refusal does not
    undo the others. Residents who delegated it are sent at once."""
    report = ProposeReport()
    for profile in profiles:
        direct = selectors.delegation_of(structure=structure, profile=profile) is not None
        try:
            made = referral_propose(
                structure=structure,
                by=by,
                profile=profile,
                offer=offer,
                message=message,
                direct=direct,
            )
        except ReferralError as error:
            report.failed.append((profile, str(error)))
        else:
            report.made.append(made)
    return report


def _actor(referral: Referral, by: User | None) -> Actor:
    if by is None:
        return Actor.SYSTEM
    if by.pk == referral.resident_id:
        return Actor.RESIDENT
    if is_member(by, referral.structure_id):
        return Actor.ADVISOR
    if Membership.objects.filter(user=by, organisation_id=referral.offer.employer_id).exists():
        return Actor.EMPLOYER
    raise TransitionError("Cette orientation ne vous concerne pas.")


def _notify(referral: Referral, step: ReferralTransition, actor: Actor) -> None:
    name = step.name
    if name in {"accept", "decline"}:
        notifications.notify_answered(referral=referral, step=step)
    if name in {"send", "send_direct"}:
        notifications.notify_sent(referral=referral, step=step)
    if name == "send_direct" or name in workflow.EMPLOYER_MOVES:
        notifications.notify_changed(
            referral=referral, step=step, advisor=name in workflow.EMPLOYER_MOVES
        )
    if name == "cancel":
        notifications.notify_changed(referral=referral, step=step, advisor=actor == Actor.SYSTEM)
        if step.from_status in {Status.SENT, Status.INTERVIEW}:  # the employer had it
            notifications.notify_withdrawn(referral=referral, step=step)


@transaction.atomic
def referral_transition(
    *,
    referral: Referral,
    name: str,
    by: User | None,
    reason: str = "",
    hired_start: date | None = None,
) -> Referral:
    """Apply the transition ``name`` to ``referral`` on behalf of ``by`` (None: the platform).

    ``reason`` is a ``RefusalReason`` value when refusing, free text otherwise; ``hired_start``
    is required to hire. The row is locked while it moves, the step is logged, and the people
    concerned are told by e-mail after the commit. Raises ``workflow.TransitionError`` with a
    French message when the state, the person or the data do not allow it.
    """
    referral = (
        Referral.objects.select_for_update(of=("self",))
        .select_related("offer", "offer__employer")
        .get(pk=referral.pk)
    )
    actor = _actor(referral, by)
    transition = workflow.check(referral.status, name, actor)
    fields = ["status", "updated_at"]
    log_reason = reason.strip()
    now = timezone.now()
    if transition.needs_delegation and not _delegated(referral):
        raise TransitionError("La personne n'a pas délégué l'envoi : elle doit d'abord accepter.")
    if transition.target == Status.SENT:
        if not referral.offer.is_public:
            raise TransitionError(f"L'offre « {referral.offer.title} » n'est plus ouverte.")
        referral.sent_at, referral.delegated = now, name == "send_direct"
        fields += ["sent_at", "delegated"]
    if transition.needs_reason:
        if reason not in RefusalReason.values:
            raise TransitionError("Choisissez la raison du refus : la personne la verra.")
        referral.refusal_reason = reason
        log_reason = RefusalReason(reason).label
        fields.append("refusal_reason")
    if transition.needs_start:
        if hired_start is None:
            raise TransitionError("Indiquez la date de début du contrat.")
        referral.hired_start = hired_start
        fields.append("hired_start")
    if actor == Actor.RESIDENT:
        referral.answered_at = now
        fields.append("answered_at")
    previous = referral.status
    referral.status = transition.target
    referral.save(update_fields=fields)
    step = ReferralTransition.objects.create(
        referral=referral,
        name=name,
        from_status=previous,
        to_status=referral.status,
        by=by,
        reason=log_reason[:200],
    )
    _notify(referral, step, actor)
    return referral


def _delegated(referral: Referral) -> bool:
    return Delegation.objects.filter(
        structure_id=referral.structure_id,
        profile__user_id=referral.resident_id,
        revoked_at__isnull=True,
    ).exists()


@transaction.atomic
def referral_accept(*, referral: Referral, by: User) -> Referral:
    """The resident accepts the proposal: it is accepted, then sent to the employer at once
    (both steps logged). Refused, and nothing changes, when the offer has closed meanwhile."""
    offer = Offer.objects.select_related("employer").get(pk=referral.offer_id)
    if not offer.is_public:
        raise TransitionError(
            f"L'offre « {offer.title} » n'est plus ouverte : votre conseiller vous proposera "
            "d'autres offres."
        )
    referral = referral_transition(referral=referral, name="accept", by=by)
    return referral_transition(referral=referral, name="send", by=None)


@transaction.atomic
def referral_open(*, referral: Referral, by: User) -> None:
    """An employer member opens a referral: the resident's profile view is logged (the
    resident sees who looked; once a day per viewer is enough)."""
    profile = Profile.objects.filter(user_id=referral.resident_id).first()
    if profile is None:
        return
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    view = {"profile": profile, "viewer": by, "reason": VIEW_REASON}
    if not ProfileView.objects.filter(**view, at__gte=today).exists():
        ProfileView.objects.create(**view, organisation_id=referral.offer.employer_id)


@transaction.atomic
def delegation_set(
    *, structure: Organisation, profile: Profile, by: User, active: bool
) -> Delegation | None:
    """Record that the resident asked the structure to send referrals without asking them each
    time (``active``), or that they took it back; who and when are kept."""
    if not is_member(by, structure.pk):
        raise ReferralError("Seuls les conseillers de la structure peuvent le noter.")
    current = selectors.delegation_of(structure=structure, profile=profile)
    if active:
        return current or Delegation.objects.create(
            structure=structure, profile=profile, granted_by=by
        )
    if current is not None:
        current.revoked_at, current.revoked_by = timezone.now(), by
        current.save(update_fields=["revoked_at", "revoked_by"])
    return None


def referrals_cancel_closed(*, offer_ids: list[int]) -> int:
    """Cancel the referrals not yet sent of offers that are no longer open (the resident can no
    longer accept them). Those already with the employer stay for the employer to answer."""
    pending = Referral.objects.filter(
        offer_id__in=offer_ids, status__in=[Status.PROPOSED, Status.ACCEPTED]
    ).select_related("offer", "offer__employer")
    cancelled = 0
    for referral in pending:
        if referral.offer.is_public:
            continue
        try:
            referral_transition(
                referral=referral, name="cancel", by=None, reason="L'offre n'est plus ouverte"
            )
        except TransitionError:  # answered meanwhile
            continue
        cancelled += 1
    return cancelled
