"""Reads on residents' profiles and consents."""

from dataclasses import dataclass, field

from django.db.models import QuerySet

from accounts.models import Organisation, User
from referentiel import commute
from referentiel.models import Commune, OccupationSkill, Qpv
from residents.models import Consent, Profile
from residents.steps import STEPS, Step

COMMUTE_CHOICES = [20, 30, 45, 60, 90]
COMMUTE_LABELS = {20: "20 minutes", 30: "30 minutes", 45: "45 minutes", 60: "1 heure", 90: "1 h 30"}
# Some steps are visibly done from the data itself (e.g. a profile an advisor filled in).
_FILLED = {
    "commune": lambda p: p.commune_id is not None,
    "quartier": lambda p: bool(p.qpv_answer),
    "diplome": lambda p: p.level is not None,
    "mon-cv": lambda p: bool(p.cv),
}


def profile_of(user: User) -> Profile:
    """The resident's profile, created empty the first time it is needed."""
    profile, _created = Profile.objects.select_related("commune", "qpv").get_or_create(user=user)
    return profile


def step_done(profile: Profile, step: Step) -> bool:
    filled = _FILLED.get(step.slug)
    return step.slug in profile.steps_done or bool(filled and filled(profile))


def steps_state(profile: Profile) -> list[tuple[Step, bool]]:
    """Each step of the profile with whether the resident has answered it."""
    return [(step, step_done(profile, step)) for step in STEPS]


def first_step_to_do(profile: Profile) -> Step | None:
    return next((step for step, done in steps_state(profile) if not done), None)


# --- Neighbourhood ------------------------------------------------------------------------


def qpv_choices(commune: Commune | None) -> tuple[list[Qpv], list[Qpv]]:
    """(the QPV of the commune, other QPV of its département whose communes are unconfirmed).

    The second list exists because the official list leaves out the communes of a few QPV
    spanning several communes (all in the Val-de-Marne): a resident there must still find theirs.
    """
    if commune is None:
        return [], []
    own = list(commune.qpvs.order_by("name"))
    others = []
    if commune.departement_code == "94":
        known = {qpv.code for qpv in own}
        others = [
            qpv
            for qpv in Qpv.objects.filter(communes_confirmed=False, code__startswith="QN094")
            if qpv.code not in known
        ]
    return own, others


# --- Skills -----------------------------------------------------------------------------------


@dataclass
class SkillChoice:
    code: str
    label: str
    ticked: bool


@dataclass
class SkillGroup:
    job: str
    occupation: str
    skills: list[SkillChoice] = field(default_factory=list)


def skill_groups(profile: Profile) -> list[SkillGroup]:
    """The core skills of the fiches of the jobs sought, then of the past jobs, grouped by job.

    A skill is ticked when the resident has it, or when its fiche was never reviewed (a job just
    added proposes its skills) unless the resident already left it unticked under another job;
    each skill appears once, under the first job that has it.
    """
    groups: dict[str, SkillGroup] = {}
    jobs = [*profile.sought.order_by("label"), *profile.past.order_by("label")]
    for job in jobs:
        groups.setdefault(job.occupation_id, SkillGroup(job.label, job.occupation_id))
    if not groups:
        return []
    owned = set(profile.skills.values_list("pk", flat=True))
    reviewed = set(profile.skills_reviewed)
    links = (
        OccupationSkill.objects.filter(occupation_id__in=[*groups, *reviewed], core=True)
        .order_by("skill__label")
        .values_list("occupation_id", "skill_id", "skill__label")
    )
    by_occupation: dict[str, list[tuple[str, str]]] = {}
    for occupation, code, label in links:
        by_occupation.setdefault(occupation, []).append((code, label))
    # Skills the resident already saw and left unticked stay unticked under a new job.
    declined = {
        code for occupation in reviewed for code, _label in by_occupation.get(occupation, [])
    } - owned
    seen: set[str] = set()
    for occupation, group in groups.items():
        for code, label in by_occupation.get(occupation, []):
            if code in seen:
                continue
            seen.add(code)
            ticked = code in owned or (occupation not in reviewed and code not in declined)
            group.skills.append(SkillChoice(code, label, ticked))
    return [group for group in groups.values() if group.skills]


def occupations_of(profile: Profile) -> list[str]:
    """ROME codes of the jobs sought and done, without repeats."""
    codes = [
        *profile.sought.values_list("occupation_id", flat=True),
        *profile.past.values_list("occupation_id", flat=True),
    ]
    return list(dict.fromkeys(codes))


# --- Commute ----------------------------------------------------------------------------------


def commute_sentences(commune: Commune | None) -> dict[int, str]:
    """For each commute limit offered, one sentence naming territory communes within reach,
    from the stated speed model of ``referentiel.commute`` (the farthest reachable first)."""
    if commune is None:
        return {}
    others = list(
        Commune.objects.filter(in_territory=True)
        .exclude(pk=commune.pk)
        .values_list("name", "latitude", "longitude")
    )
    if not others:
        return {}
    names = [name for name, _lat, _lon in others]
    km = commute.distance_km(
        commune.latitude,
        commune.longitude,
        [lat for _n, lat, _l in others],
        [lon for _n, _l, lon in others],
    )
    minutes = [round(float(m)) for m in commute.minutes_for_km(km)]
    sentences = {}
    for limit in COMMUTE_CHOICES:
        reachable = sorted((m, name) for name, m in zip(names, minutes, strict=True) if m <= limit)
        label = COMMUTE_LABELS[limit]
        if len(reachable) == len(others):
            sentences[limit] = f"Avec {label}, vous pouvez aller dans tout le territoire."
        elif reachable:
            farthest = ", ".join(name for _m, name in reversed(reachable[-3:]))
            sentences[limit] = f"Avec {label}, vous pouvez aller jusqu'à {farthest}…"
        else:
            sentences[limit] = f"Avec {label}, vous restez près de chez vous, à {commune.name}."
    return sentences


# --- Consents ---------------------------------------------------------------------------------


def active_consents(profile: Profile) -> QuerySet[Consent]:
    return profile.consents.filter(revoked_at__isnull=True)


def has_consent(profile: Profile, kind: str, structure: Organisation | None = None) -> bool:
    """Whether the resident's consent of ``kind`` is in force; for a follow-up, with
    ``structure`` (or with any structure when it is None)."""
    consents = active_consents(profile).filter(kind=kind)
    if structure is not None:
        consents = consents.filter(structure=structure)
    return consents.exists()


def consent_history(profile: Profile) -> QuerySet[Consent]:
    """Every consent given and revoked, the latest first."""
    return profile.consents.select_related("structure", "given_by").order_by("-given_at", "-pk")


def consents_state(profile: Profile) -> dict:
    """``{"matching": bool, "visibility": bool, "followup": [structure ids]}``."""
    active = list(active_consents(profile).values_list("kind", "structure_id"))
    kinds = {kind for kind, _structure in active}
    return {
        "matching": Consent.Kind.MATCHING in kinds,
        "visibility": Consent.Kind.VISIBILITY in kinds,
        "followup": sorted(s for kind, s in active if kind == Consent.Kind.FOLLOWUP),
    }


def followup_structures() -> QuerySet[Organisation]:
    """Advisory structures a resident may ask to be followed by: validated, not suspended."""
    return Organisation.objects.filter(
        kind=Organisation.Kind.STRUCTURE, validated_at__isnull=False, suspended_at__isnull=True
    ).order_by("name")


# --- Who opened the profile -------------------------------------------------------------------

# Why a page of another floor opened the profile (``ProfileView.reason``), told to the resident.
VIEW_REASONS = {
    "candidature": "Vous avez postulé à une de ses offres.",
    "orientation": "Un conseiller vous a proposé pour une de ses offres.",
}


@dataclass
class ViewEntry:
    organisation: str
    role: str
    at: object  # datetime
    reason: str


def _role_of(organisation: Organisation | None) -> str:
    if organisation is None:
        return ""
    return organisation.get_structure_kind_display() or organisation.get_kind_display()


def profile_views_log(profile: Profile | None) -> list[ViewEntry]:
    """Who opened the resident's profile, the latest first: the organisation, its kind, when
    and why. Never the name of the person who looked (that is someone else's data)."""
    if profile is None or profile.pk is None:
        return []
    views = profile.views.select_related("organisation").order_by("-at", "-pk")
    return [
        ViewEntry(
            organisation=view.organisation.name if view.organisation else "Organisation supprimée",
            role=_role_of(view.organisation),
            at=view.at,
            reason=VIEW_REASONS.get(view.reason, view.reason),
        )
        for view in views
    ]
