"""Writes on insertion clauses: a facilitator creates an operation, attaches offers to it,
records the hours worked by people hired on them; an advisor records which eligible publics a
resident they follow belongs to."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from accounts.models import Organisation, User
from applications.models import Application
from applications.models import Status as ApplicationStatus
from clauses.models import ClauseHours, ClauseOperation, Eligibility, Public, validate_hours
from clauses.selectors import is_facilitator
from offers.models import Offer
from referrals.models import Referral
from referrals.models import Status as ReferralStatus
from referrals.permissions import is_member
from referrals.selectors import in_caseload
from residents.models import Profile


def _facilitator(structure: Organisation, by: User) -> None:
    if not is_member(by, structure.pk) or not is_facilitator(structure):
        raise PermissionDenied("Réservé aux facilitateurs des clauses sociales.")


def _runs(operation: ClauseOperation, structure: Organisation, by: User) -> None:
    _facilitator(structure, by)
    if operation.facilitator_id != structure.pk:
        raise PermissionDenied("Cette opération est suivie par un autre facilitateur.")


@transaction.atomic
def operation_create(
    *,
    structure: Organisation,
    by: User,
    name: str,
    contracting_authority: str,
    hours_target: int,
    starts_on: date,
    ends_on: date,
    lot: str = "",
) -> ClauseOperation:
    """A facilitator creates an operation it will follow (its hours target and period)."""
    _facilitator(structure, by)
    if ends_on < starts_on:
        raise ValidationError("La fin doit venir après le début.", code="period")
    if hours_target < 1:
        raise ValidationError(
            "Indiquez au moins 1 heure : les heures que le marché réserve à l'insertion.",
            code="min_value",
        )
    return ClauseOperation.objects.create(
        name=name.strip(),
        contracting_authority=contracting_authority.strip(),
        lot=lot.strip(),
        facilitator=structure,
        hours_target=hours_target,
        starts_on=starts_on,
        ends_on=ends_on,
    )


@transaction.atomic
def operation_offers(
    *, operation: ClauseOperation, structure: Organisation, by: User, offer: Offer, attach: bool
) -> None:
    """Attach an offer its employer flagged "insertion clause" to the operation, or detach it."""
    _runs(operation, structure, by)
    if attach:
        if not offer.insertion_clause:
            raise ValidationError(
                "L'employeur n'a pas indiqué que cette offre relève d'une clause d'insertion.",
                code="not_clause",
            )
        operation.offers.add(offer)
    else:
        operation.offers.remove(offer)


@transaction.atomic
def hours_record(
    *,
    operation: ClauseOperation,
    structure: Organisation,
    by: User,
    hours: Decimal,
    referral: Referral | None = None,
    application: Application | None = None,
) -> ClauseHours:
    """Record (or correct) the hours worked by a person hired, through ``referral`` or
    ``application``, on an offer of the operation."""
    _runs(operation, structure, by)
    if (referral is None) == (application is None):
        raise ValueError("One hire: a referral or an application.")
    validate_hours(hours)  # more than 0, at most 2,000, hundredths
    hire = referral or application
    hired = ReferralStatus.HIRED if referral else ApplicationStatus.HIRED
    attached = operation.offers.filter(pk=hire.offer_id).exists()
    if hire.status != hired or not attached:
        raise ValidationError(
            "Seules les embauches sur les offres de l'opération comptent.", code="not_hired"
        )
    row, _ = ClauseHours.objects.update_or_create(
        operation=operation,
        referral=referral,
        application=application,
        defaults={"hours": hours, "recorded_by": by},
    )
    return row


@transaction.atomic
def eligibility_set(
    *, structure: Organisation, by: User, profile: Profile, publics: list[str]
) -> list[Eligibility]:
    """Record the eligible publics the resident belongs to (the complete list: those left out
    are removed), as an advisor of a structure that follows them."""
    if not is_member(by, structure.pk):
        raise PermissionDenied("Réservé aux conseillers de la structure.")
    if not in_caseload(structure=structure, profile=profile):
        raise PermissionDenied("Cette personne n'est pas suivie par votre structure.")
    wanted = set(publics)
    if wanted - set(Public.values):
        raise ValidationError("Choisissez dans la liste.", code="invalid")
    Eligibility.objects.filter(profile=profile).exclude(public__in=wanted).delete()
    have = set(Eligibility.objects.filter(profile=profile).values_list("public", flat=True))
    Eligibility.objects.bulk_create(
        [
            Eligibility(profile=profile, public=public, structure=structure, recorded_by=by)
            for public in sorted(wanted - have)
        ]
    )
    return list(Eligibility.objects.filter(profile=profile))
