"""Writes of the advisor's space: create a resident on their behalf (and invite them to take the
account over), confirm or correct their QPV and level, add a note.

Every write checks that ``by`` is an advisor of the structure and, for an existing resident,
that the structure follows them. The residents' own services do the writing on profiles and
consents, so their rules (activity, matching re-scores, consent history) hold here too.
"""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import Organisation, User
from accounts.outbox import outbox_enqueue, outbox_record, outbox_requeue, outbox_send
from advisors.models import AccountInvitation, Note
from referrals.permissions import is_member
from referrals.selectors import in_caseload
from residents import services as resident_services
from residents.models import Consent, Profile

NOTE_MAX = 5000


def _check(structure: Organisation, by: User, profile: Profile | None = None) -> None:
    if not is_member(by, structure.pk):
        raise PermissionDenied("Réservé aux conseillers de la structure.")
    if profile is not None and not in_caseload(structure=structure, profile=profile):
        raise PermissionDenied("Cette personne n'est pas suivie par votre structure.")


@transaction.atomic
def resident_create(
    *,
    structure: Organisation,
    by: User,
    first_name: str,
    last_name: str,
    email: str,
    agreed: bool,
    phone: str = "",
    commune=None,
    level: int | None = None,
    sought=(),
    matching: bool = False,
) -> Profile:
    """Create a resident's account on their behalf, followed by ``structure``.

    ``agreed`` is the advisor's word that the person agreed ("La personne est d'accord"): it is
    stored as the follow-up consent given by the advisor. ``matching`` records that they also
    want offers matched to them. The account has no password: an invitation e-mail (after the
    commit) lets the person choose one and take the account over.
    """
    _check(structure, by)
    if not agreed:
        raise ValidationError("La personne doit être d'accord pour être suivie.", code="consent")
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            "Un compte existe déjà avec cette adresse. Demandez à la personne de choisir votre "
            "structure dans « Mes accords » de son profil.",
            code="exists",
        )
    user = User.objects.create_user(
        email=email,
        password=None,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        role=User.Role.RESIDENT,
    )
    profile = Profile.objects.create(user=user)
    fields = {"phone": phone.strip(), "commune": commune, "level": level}
    fields = {name: value for name, value in fields.items() if value not in (None, "")}
    if sought:
        fields["sought"] = list(sought)
    if fields:
        resident_services.profile_update(profile=profile, by=by, **fields)
    resident_services.consent_give(
        profile=profile, kind=Consent.Kind.FOLLOWUP, structure=structure, by=by
    )
    if matching:
        resident_services.consent_give(profile=profile, kind=Consent.Kind.MATCHING, by=by)
    invitation_send(structure=structure, by=by, profile=profile)
    return profile


def invitation_send(*, structure: Organisation, by: User, profile: Profile) -> AccountInvitation:
    """E-mail the resident a link to choose their password (after the commit, via Celery).
    Only for an account nobody has logged into yet."""
    _check(structure, by, profile)
    user = profile.user
    if user.last_login is not None:
        raise ValidationError("La personne utilise déjà son compte.", code="active")
    invitation = AccountInvitation(
        key=f"invitation:{user.pk}:{timezone.now().timestamp():.6f}",
        recipient=user,
        structure=structure,
        invited_by=by,
    )
    outbox_record(model=AccountInvitation, task=_task(), rows=[invitation])
    return AccountInvitation.objects.get(key=invitation.key)


def _task():
    from advisors.tasks import send_invitation  # the tasks module imports this one

    return send_invitation


def _render(invitation: AccountInvitation) -> tuple[str, str] | None:
    user = invitation.recipient
    if user.last_login is not None:
        return None  # the person took the account over meanwhile
    link = reverse(
        "accounts:password_reset_confirm",
        args=[
            urlsafe_base64_encode(force_bytes(user.pk)),
            default_token_generator.make_token(user),
        ],
    )
    context = {
        "invitation": invitation,
        "user": user,
        "link": settings.SITE_URL.rstrip("/") + link,
        "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
    }
    subject = render_to_string("advisors/email/invitation_subject.txt", context)
    return subject, render_to_string("advisors/email/invitation.txt", context)


def invitation_deliver(*, invitation_id: int) -> str:
    """Send one invitation e-mail, once (the Celery task's body)."""
    return outbox_send(
        model=AccountInvitation,
        notification_id=invitation_id,
        render=_render,
        related=("structure", "invited_by"),
    )


def invitations_requeue(*, now=None) -> int:
    return outbox_requeue(model=AccountInvitation, task=_task(), now=now)


def invitations_enqueue(*, ids: list[int]) -> int:
    return outbox_enqueue(model=AccountInvitation, task=_task(), ids=ids)


@transaction.atomic
def profile_verify(
    *,
    structure: Organisation,
    by: User,
    profile: Profile,
    qpv_answer: str | None = None,
    qpv=None,
    level: int | None = None,
) -> Profile:
    """The advisor confirms or corrects the resident's neighbourhood and level.

    With ``qpv_answer`` (a ``Profile.QpvAnswer``; with ``qpv`` for "qpv"), the answer becomes
    the advisor's: ``qpv_asserted_by`` is the advisor and ``qpv_verified`` is set. With
    ``level``, the level is corrected. Raises ``ValidationError`` for a QPV not of the
    resident's commune.
    """
    _check(structure, by, profile)
    if qpv_answer:
        resident_services.qpv_declare(profile=profile, by=by, answer=qpv_answer, qpv=qpv)
        profile.qpv_asserted_by, profile.qpv_asserted_at = by, timezone.now()
        profile.qpv_verified = True
        profile.save(update_fields=["qpv_asserted_by", "qpv_asserted_at", "qpv_verified"])
    if level is not None and level != profile.level:
        resident_services.profile_update(profile=profile, by=by, level=level)
    return profile


def note_add(*, structure: Organisation, by: User, profile: Profile, text: str) -> Note:
    """Add a note about the resident, seen by the structure's members only."""
    _check(structure, by, profile)
    text = text.strip()
    if not text:
        raise ValidationError("La note est vide.", code="empty")
    return Note.objects.create(
        structure=structure, profile=profile, author=by, text=text[:NOTE_MAX]
    )
