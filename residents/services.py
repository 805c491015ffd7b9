"""Writes on residents' profiles and consents.

Every save counts as activity (``last_activity_at``: inactive profiles are warned, then
anonymised). A change the matcher cares about is announced with ``profile_changed`` once the
transaction commits; the QPV is not one of them, since it never enters a score.
"""

import os
import uuid

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.models import Organisation, User
from residents import selectors
from residents.cv import CvKind
from residents.models import Consent, Profile
from residents.signals import profile_changed
from residents.steps import FIELD_STEPS

SCALAR_FIELDS = {
    "commune",
    "level",
    "permits",
    "languages",
    "max_commute",
    "contracts",
    "hours",
    "available_from",
    "phone",
    "notify_applications",
    "notify_referrals",
    "notify_offers",
}
MANY_FIELDS = ("sought", "past", "skills")
QPV_FIELDS = {"qpv_answer", "qpv", "qpv_asserted_by", "qpv_asserted_at", "qpv_verified"}
CV_FIELDS = ["cv", "cv_name", "cv_uploaded_at"]
ALWAYS_SAVED = ["steps_done", "last_activity_at", "inactivity_warned_at", "updated_at"]
MATCHING_FIELDS = {
    "commune",
    "level",
    "sought",
    "past",
    "skills",
    "permits",
    "languages",
    "max_commute",
    "contracts",
    "hours",
    "available_from",
}


def _announce(profile_ids: list[int]) -> None:
    transaction.on_commit(lambda: profile_changed.send(sender=Profile, profile_ids=profile_ids))


def _touched() -> dict:
    """A save is activity: it also cancels a pending inactivity warning (residents.privacy)."""
    return {"last_activity_at": timezone.now(), "inactivity_warned_at": None}


def _touch(profile: Profile) -> None:
    for name, value in _touched().items():
        setattr(profile, name, value)


def _mark_done(profile: Profile, slugs) -> list[str]:
    done = list(profile.steps_done)
    done += [slug for slug in dict.fromkeys(slugs) if slug not in done]
    return done


def _pks(values) -> set:
    return {getattr(value, "pk", value) for value in values}


@transaction.atomic
def profile_update(*, profile: Profile, by: User | None, **fields) -> Profile:
    """Save the given fields of a profile (``sought``, ``past``, ``skills`` take appellations or
    skills, or their codes) and mark their steps as done.

    Saving skills marks the fiches of the current jobs as reviewed: their core skills are no
    longer pre-ticked. A new commune whose QPV list does not hold the declared one clears the
    QPV answer, which the resident gives again.
    """
    unknown = set(fields) - SCALAR_FIELDS - set(MANY_FIELDS)
    if unknown:
        raise TypeError(f"Unknown profile fields: {sorted(unknown)}")
    changed = set()
    for name in SCALAR_FIELDS & set(fields):
        if getattr(profile, name) != fields[name]:
            setattr(profile, name, fields[name])
            changed.add(name)
    saved = set(changed)
    if "commune" in changed and profile.qpv_answer:
        own, others = selectors.qpv_choices(profile.commune)
        if profile.qpv_id is None or profile.qpv_id not in {q.code for q in own + others}:
            _qpv_clear(profile)
            saved |= QPV_FIELDS
    for name in MANY_FIELDS:
        if name in fields:
            manager = getattr(profile, name)
            new = _pks(fields[name])
            if set(manager.values_list("pk", flat=True)) != new:
                manager.set(list(new))
                changed.add(name)
    if "skills" in fields:
        profile.skills_reviewed = sorted(
            set(profile.skills_reviewed) | set(selectors.occupations_of(profile))
        )
    profile.steps_done = _mark_done(profile, (FIELD_STEPS[n] for n in fields if n in FIELD_STEPS))
    _touch(profile)
    profile.save(update_fields=[*saved, *ALWAYS_SAVED, "skills_reviewed"])
    if changed & MATCHING_FIELDS:
        _announce([profile.pk])
    return profile


def _qpv_clear(profile: Profile) -> None:
    profile.qpv_answer, profile.qpv = "", None
    profile.qpv_asserted_by, profile.qpv_asserted_at, profile.qpv_verified = None, None, False
    profile.steps_done = [slug for slug in profile.steps_done if slug != "quartier"]


@transaction.atomic
def qpv_declare(*, profile: Profile, by: User, answer: str, qpv=None) -> Profile:
    """Record the resident's answer about their neighbourhood, who gave it and when.

    ``answer`` is one of ``Profile.QpvAnswer``; with ``qpv``, it must be one of the QPV offered
    for the resident's commune. A new answer is not verified until an advisor confirms it; the
    same answer given again changes nothing.
    """
    if answer not in Profile.QpvAnswer.values:
        raise ValidationError("Choisissez une réponse dans la liste.", code="invalid")
    if answer == Profile.QpvAnswer.QPV:
        own, others = selectors.qpv_choices(profile.commune)
        if qpv is None or getattr(qpv, "pk", qpv) not in {q.code for q in own + others}:
            raise ValidationError(
                "Choisissez un quartier de votre commune dans la liste.", code="invalid_qpv"
            )
        qpv_id = getattr(qpv, "pk", qpv)
    else:
        qpv_id = None
    if (profile.qpv_answer, profile.qpv_id) != (answer, qpv_id):
        profile.qpv_answer, profile.qpv_id = answer, qpv_id
        profile.qpv_asserted_by, profile.qpv_asserted_at = by, timezone.now()
        profile.qpv_verified = False
    profile.steps_done = _mark_done(profile, ["quartier"])
    _touch(profile)
    profile.save(update_fields=[*QPV_FIELDS, *ALWAYS_SAVED])
    return profile


def _cv_name(original: str, kind: CvKind) -> str:
    base = os.path.basename(original or "").strip() or "cv"
    stem = base.rsplit(".", 1)[0][:150] or "cv"
    return f"{stem}.{kind.extension}"


@transaction.atomic
def cv_replace(*, profile: Profile, by: User | None, upload: UploadedFile, kind: CvKind) -> Profile:
    """Store a CV already checked by ``residents.cv.cv_kind`` under a random name; the previous
    file is deleted once the new one is saved for good."""
    previous = profile.cv.name if profile.cv else ""
    profile.cv.save(f"{uuid.uuid4().hex}.{kind.extension}", upload, save=False)
    profile.cv_name = _cv_name(upload.name, kind)
    profile.cv_uploaded_at = timezone.now()
    _touch(profile)
    profile.steps_done = _mark_done(profile, ["mon-cv"])
    profile.save(update_fields=[*CV_FIELDS, *ALWAYS_SAVED])
    if previous:
        storage = profile.cv.storage
        transaction.on_commit(lambda: storage.delete(previous))
    return profile


@transaction.atomic
def cv_remove(*, profile: Profile, by: User | None) -> Profile:
    """Delete the resident's CV (the file goes once the change is committed)."""
    if not profile.cv:
        return profile
    previous, storage = profile.cv.name, profile.cv.storage
    profile.cv, profile.cv_name, profile.cv_uploaded_at = "", "", None
    profile.steps_done = [slug for slug in profile.steps_done if slug != "mon-cv"]
    _touch(profile)
    profile.save(update_fields=[*CV_FIELDS, *ALWAYS_SAVED])
    transaction.on_commit(lambda: storage.delete(previous))
    return profile


def _structure_check(kind: str, structure: Organisation | None) -> None:
    if kind not in Consent.Kind.values:
        raise ValidationError("Ce choix n'existe pas.", code="invalid_kind")
    if kind == Consent.Kind.FOLLOWUP:
        valid = selectors.followup_structures()
        if structure is None or not valid.filter(pk=structure.pk).exists():
            raise ValidationError(
                "Choisissez une structure d'accompagnement dans la liste.", code="invalid_structure"
            )
    elif structure is not None:
        raise ValidationError("Seul le suivi se donne à une structure.", code="invalid_structure")


@transaction.atomic
def consent_give(
    *, profile: Profile, kind: str, structure: Organisation | None = None, by: User | None
) -> Consent:
    """Give a consent, dated; a consent already in force is kept as it is. A follow-up names
    a validated, active advisory structure."""
    _structure_check(kind, structure)
    Profile.objects.select_for_update().filter(pk=profile.pk).first()
    current = selectors.active_consents(profile).filter(kind=kind, structure=structure).first()
    if current:
        return current
    consent = Consent.objects.create(profile=profile, kind=kind, structure=structure, given_by=by)
    Profile.objects.filter(pk=profile.pk).update(**_touched())
    _announce([profile.pk])
    return consent


@transaction.atomic
def consent_revoke(
    *, profile: Profile, kind: str, structure: Organisation | None = None, by: User | None
) -> Consent | None:
    """Revoke the consent in force (dated); giving it again later creates a new one. None when
    there was nothing to revoke."""
    if kind not in Consent.Kind.values:
        raise ValidationError("Ce choix n'existe pas.", code="invalid_kind")
    current = (
        selectors.active_consents(profile)
        .select_for_update()
        .filter(kind=kind, structure=structure)
        .first()
    )
    if current is None:
        return None
    current.revoked_at = timezone.now()
    current.save(update_fields=["revoked_at"])
    Profile.objects.filter(pk=profile.pk).update(**_touched())
    _announce([profile.pk])
    return current


@transaction.atomic
def consents_set(
    *, profile: Profile, by: User | None, matching=None, visibility=None, followup=None
):
    """Bring the consents in force to the given state (None leaves one as it is); ``followup``
    is the complete list of structures the resident is followed by."""
    wanted = {Consent.Kind.MATCHING: matching, Consent.Kind.VISIBILITY: visibility}
    for kind, value in wanted.items():
        if value is True:
            consent_give(profile=profile, kind=kind, by=by)
        elif value is False:
            consent_revoke(profile=profile, kind=kind, by=by)
    if followup is not None:
        current = set(selectors.consents_state(profile)["followup"])
        wanted_ids = {structure.pk for structure in followup}
        for structure in followup:
            if structure.pk not in current:
                consent_give(
                    profile=profile, kind=Consent.Kind.FOLLOWUP, structure=structure, by=by
                )
        for structure in Organisation.objects.filter(pk__in=current - wanted_ids):
            consent_revoke(profile=profile, kind=Consent.Kind.FOLLOWUP, structure=structure, by=by)


@transaction.atomic
def profile_apply(
    *, profile: Profile, by: User | None, qpv_answer=None, qpv=None, consents=None, **fields
) -> Profile:
    """A partial change from the API, all or nothing: the fields, then the QPV answer (a QPV
    code alone means "I live there"), then the consents (see ``consents_set``)."""
    if fields:
        profile_update(profile=profile, by=by, **fields)
    if qpv_answer is not None or qpv is not None:
        answer = qpv_answer or Profile.QpvAnswer.QPV
        qpv_declare(profile=profile, by=by, answer=answer, qpv=qpv)
    if consents:
        consents_set(profile=profile, by=by, **consents)
    return profile
