"""Writes on applications: apply, move through the workflow (one or many), close the stale ones,
and tell residents when an offer they applied to is filled."""

import contextlib
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import get_valid_filename

from accounts.models import Membership, User
from applications import notifications, workflow
from applications.models import Application, ApplicationTransition, RefusalReason, Status
from applications.workflow import Actor, TransitionError
from offers.models import Offer
from offers.models import Status as OfferStatus
from residents.cv import cv_kind
from residents.models import Profile, ProfileView

STALE_AFTER = timedelta(days=60)
VIEW_REASON = "candidature"


class ApplicationError(Exception):
    """An application that cannot be created; the message says why, in French."""


def _already_applied(application: Application) -> ApplicationError:
    day = timezone.localdate(application.created_at).strftime("%d/%m/%Y")
    return ApplicationError(
        f"Vous avez déjà postulé à cette offre le {day} : suivez-la dans « Mes candidatures »."
    )


def _attach_cv(application: Application, *, profile: Profile, use_profile_cv: bool, cv) -> None:
    """Copy the chosen CV into the application: it must not change if the profile's does."""
    if cv is not None:
        try:
            kind = cv_kind(cv).extension
        except ValidationError as error:
            raise ApplicationError(error.messages[0]) from error
        stem = get_valid_filename(PurePath(cv.name or "cv").stem)[:150] or "cv"
        application.cv_name = f"{stem}.{kind}"
        application.cv.save(f"{uuid.uuid4().hex}.{kind}", cv, save=False)
    elif use_profile_cv and profile.cv:
        try:
            with profile.cv.open("rb") as source:
                content = source.read()
        except OSError as error:
            raise ApplicationError(
                "Le CV de votre profil est introuvable : envoyez-le de nouveau avec la candidature."
            ) from error
        suffix = PurePath(profile.cv.name).suffix.lower() or ".pdf"
        application.cv_name = profile.cv_name or f"cv{suffix}"
        application.cv.save(f"{uuid.uuid4().hex}{suffix}", ContentFile(content), save=False)


@transaction.atomic
def application_create(
    *, offer: Offer, resident: User, message: str, use_profile_cv: bool = True, cv=None
) -> Application:
    """``resident`` applies to ``offer`` with ``message`` and a CV.

    The CV is ``cv`` (an upload, checked by content) when given, else a copy of the profile's
    CV when ``use_profile_cv``, else none. Only a resident may apply, only to a published offer,
    and only once: anything else raises ``ApplicationError`` and creates nothing. The resident's
    commune and QPV status are copied for the observatory's statistics only.
    """
    if resident.role != User.Role.RESIDENT or not resident.is_active:
        raise ApplicationError("Seules les personnes en recherche d'emploi peuvent postuler.")
    offer = Offer.objects.select_related("employer").get(pk=offer.pk)
    if not offer.is_public:
        raise ApplicationError("Cette offre n'est plus ouverte aux candidatures.")
    existing = Application.objects.filter(offer=offer, resident=resident).first()
    if existing is not None:
        raise _already_applied(existing)
    profile, _ = Profile.objects.get_or_create(user=resident)
    application = Application(
        offer=offer,
        resident=resident,
        message=message.strip(),
        resident_commune_id=profile.commune_id,
        resident_in_qpv=profile.in_qpv,
    )
    _attach_cv(application, profile=profile, use_profile_cv=use_profile_cv, cv=cv)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as error:  # the same resident, twice at once
        if application.cv:
            application.cv.delete(save=False)
        existing = Application.objects.filter(offer=offer, resident=resident).first()
        raise _already_applied(existing or application) from error
    ApplicationTransition.objects.create(
        application=application,
        name="create",
        from_status=Status.SENT,
        to_status=Status.SENT,
        by=resident,
    )
    notifications.notify_received(application=application)
    return application


def _actor(application: Application, by: User | None) -> Actor:
    if by is None:
        return Actor.SYSTEM
    if by.pk == application.resident_id:
        return Actor.RESIDENT
    if Membership.objects.filter(user=by, organisation_id=application.offer.employer_id).exists():
        return Actor.EMPLOYER
    raise TransitionError("Cette candidature ne vous concerne pas.")


@transaction.atomic
def application_transition(
    *,
    application: Application,
    name: str,
    by: User | None,
    reason: str = "",
    hired_start: date | None = None,
) -> Application:
    """Apply the transition ``name`` to ``application`` on behalf of ``by`` (None: the system).

    ``reason`` is a ``RefusalReason`` value when refusing, free text otherwise; ``hired_start``
    is required to hire. The row is locked while it moves, the step is logged, and the resident
    is told by e-mail (after the commit, if they want it). Raises ``workflow.TransitionError``
    with a French message when the state, the person or the data do not allow it.
    """
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("offer")
        .get(pk=application.pk)
    )
    transition = workflow.check(application.status, name, _actor(application, by))
    fields = ["status", "updated_at"]
    log_reason = reason.strip()
    if transition.needs_reason:
        if reason not in RefusalReason.values:
            raise TransitionError("Choisissez la raison du refus : la personne la verra.")
        application.refusal_reason = reason
        log_reason = RefusalReason(reason).label
        fields.append("refusal_reason")
    if transition.needs_start:
        if hired_start is None:
            raise TransitionError("Indiquez la date de début du contrat.")
        application.hired_start = hired_start
        fields.append("hired_start")
    if transition.answers and application.answered_at is None:
        application.answered_at = timezone.now()
        fields.append("answered_at")
    previous = application.status
    application.status = transition.target
    application.save(update_fields=fields)
    step = ApplicationTransition.objects.create(
        application=application,
        name=name,
        from_status=previous,
        to_status=application.status,
        by=by,
        reason=log_reason[:200],
    )
    if transition.actor != Actor.RESIDENT:
        notifications.notify_changed(application=application, transition=step)
    return application


@transaction.atomic
def application_open(*, application: Application, by: User) -> Application:
    """An employer member opens ``application``: the resident's profile view is logged (the
    resident sees who looked; once a day per viewer is enough), and an application still
    "sent" becomes "seen"."""
    if application.resident_id is not None:
        profile, _ = Profile.objects.get_or_create(user_id=application.resident_id)
        today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
        view = {"profile": profile, "viewer": by, "reason": VIEW_REASON}
        if not ProfileView.objects.filter(**view, at__gte=today).exists():
            ProfileView.objects.create(**view, organisation_id=application.offer.employer_id)
    if application.status == Status.SENT:
        # Moved by someone else at the same moment: nothing to do.
        with contextlib.suppress(TransitionError):
            application = application_transition(application=application, name="see", by=by)
    return application


@dataclass
class MoveReport:
    moved: list[Application] = field(default_factory=list)
    failed: list[tuple[Application, str]] = field(default_factory=list)


def applications_move(
    *,
    applications,
    name: str,
    by: User | None,
    reason: str = "",
    hired_start: date | None = None,
) -> MoveReport:
    """Apply ``name`` to each application, each in its own transaction: one refusal does not
    undo the others. The report lists the moved ones and, for the others, why."""
    report = MoveReport()
    for application in applications:
        try:
            moved = application_transition(
                application=application, name=name, by=by, reason=reason, hired_start=hired_start
            )
        except TransitionError as error:
            report.failed.append((application, str(error)))
        else:
            report.moved.append(moved)
    return report


def applications_close_stale(*, now=None) -> int:
    """Close the applications left without an answer (sent or seen) for 60 days; each resident
    gets a notice. Returns how many were closed."""
    now = now or timezone.now()
    stale = Application.objects.filter(
        status__in=[Status.SENT, Status.SEEN],
        answered_at__isnull=True,
        created_at__lte=now - STALE_AFTER,
    )
    closed = 0
    for application in stale.only("pk").iterator():
        try:
            application_transition(
                application=application,
                name="close",
                by=None,
                reason="Sans réponse de l'employeur depuis 60 jours",
            )
        except TransitionError:  # answered or withdrawn in the meantime
            continue
        closed += 1
    return closed


@transaction.atomic
def applications_notify_filled(*, offer_ids: list[int]) -> int:
    """Tell the residents whose applications are still open that the offer is now filled.

    Called whenever offers change; offers not filled are ignored, and a resident is told once.
    """
    filled = Offer.objects.filter(pk__in=offer_ids, status=OfferStatus.FILLED).values("pk")
    pending = list(
        Application.objects.filter(offer__in=filled, status__in=workflow.OPEN).select_related(
            "offer"
        )
    )
    notifications.notify_filled(applications=pending)
    return len(pending)
