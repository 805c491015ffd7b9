"""Writes on accounts and organisations."""

import logging
import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import Truncator

from accounts.models import Invitation, Mail, Membership, Organisation, User
from accounts.outbox import outbox_record
from accounts.signals import organisation_suspended
from accounts.tasks import send_mail_task

logger = logging.getLogger(__name__)
SUBJECT_LENGTH = Mail._meta.get_field("subject").max_length


def mail_after_commit(*, subject: str, body: str, recipients: list[str]) -> None:
    """Send an e-mail to each of ``recipients`` once the transaction commits (nothing if it
    rolls back), through the outbox (``accounts.outbox``).

    The request never waits for the mail server: the task retries SMTP errors with a growing
    delay. When the broker itself is down, the rows wait for the hourly sweep: the change they
    follow is saved and the e-mails are not lost.
    """
    # A subject made of what people typed (names) may be long: cut to what the outbox keeps.
    subject = Truncator(" ".join(subject.split())).chars(SUBJECT_LENGTH)
    rows = [
        Mail(key=uuid.uuid4().hex, email=email, subject=subject, body=body)
        for email in dict.fromkeys(recipients)
    ]
    outbox_record(model=Mail, task=send_mail_task, rows=rows)


def resident_signup(*, first_name: str, last_name: str, email: str, password: str) -> User:
    """Create the account of a resident looking for a job."""
    return User.objects.create_user(
        email=email,
        password=password,
        first_name=first_name,
        last_name=last_name,
        role=User.Role.RESIDENT,
    )


@transaction.atomic
def employer_signup(
    *, first_name: str, last_name: str, email: str, password: str, organisation: Organisation
) -> User:
    """Create an employer's account and its organisation, of which it becomes the admin."""
    user = User.objects.create_user(
        email=email,
        password=password,
        first_name=first_name,
        last_name=last_name,
        role=User.Role.EMPLOYER,
    )
    organisation.kind = Organisation.Kind.EMPLOYER
    organisation.contact_email = organisation.contact_email or email
    organisation.save()
    Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.ADMIN)
    return user


INVITATION_DAYS = 14


def member_invite(*, organisation: Organisation, by: User, email: str, role: str) -> Invitation:
    """Invite ``email`` into ``organisation`` (``by`` must be one of its admins) and e-mail them."""
    if not organisation.memberships.filter(user=by, role=Membership.Role.ADMIN).exists():
        raise PermissionDenied("Seuls les administrateurs de l'organisation invitent.")
    email = email.strip().lower()
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        invited_by=by,
        token=secrets.token_urlsafe(32),
    )
    context = {"invitation": invitation, "site_url": settings.SITE_URL, "days": INVITATION_DAYS}
    subject = f"{by.get_full_name()} vous invite à rejoindre {organisation.name}"
    body = render_to_string("accounts/email/invitation.txt", context)
    mail_after_commit(subject=subject, body=body, recipients=[email])
    return invitation


def invitation_valid(invitation: Invitation) -> bool:
    age = timezone.now() - invitation.created_at
    return invitation.accepted_at is None and age <= timedelta(days=INVITATION_DAYS)


@transaction.atomic
def member_role(organisation: Organisation) -> str:
    """The account role an organisation's members have: employer, or advisor for a structure."""
    if organisation.kind == Organisation.Kind.EMPLOYER:
        return User.Role.EMPLOYER
    return User.Role.ADVISOR


def role_mismatch(user: User, organisation: Organisation) -> str | None:
    """Why ``user``'s account cannot join ``organisation`` (None when it can): a resident's
    account would get an employer's or an advisor's rights it has no space to use."""
    wanted = member_role(organisation)
    if user.role == wanted:
        return None
    return (
        f"L'adresse {user.email} est celle d'un compte « {user.get_role_display()} » : elle ne "
        f"peut pas rejoindre {organisation.name}, qui attend un compte « "
        f"{User.Role(wanted).label} ». Invitez une autre adresse."
    )


def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """Make ``user`` (whose e-mail is the invited one) a member of the organisation."""
    if user.email.lower() != invitation.email.lower():
        raise PermissionDenied("Cette invitation est destinée à une autre adresse e-mail.")
    if reason := role_mismatch(user, invitation.organisation):
        raise PermissionDenied(reason)
    membership, _ = Membership.objects.get_or_create(
        user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return membership


@transaction.atomic
def invited_signup(
    *, invitation: Invitation, first_name: str, last_name: str, password: str
) -> User:
    """Create the account of an invited person, as employer or advisor, and accept."""
    user = User.objects.create_user(
        email=invitation.email,
        password=password,
        first_name=first_name,
        last_name=last_name,
        role=member_role(invitation.organisation),
    )
    invitation_accept(invitation=invitation, user=user)
    return user


@transaction.atomic
def organisation_suspend(*, organisation: Organisation, suspended: bool) -> Organisation:
    """Suspend (or reinstate) an organisation: a suspended employer's offers leave the search."""
    organisation.suspended_at = timezone.now() if suspended else None
    organisation.save(update_fields=["suspended_at"])
    organisation_suspended.send(sender=Organisation, organisation=organisation)
    return organisation
