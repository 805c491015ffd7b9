"""Reads on reference data."""

import re

from django.db.models import QuerySet

from referentiel.models import Appellation, Occupation, OccupationSkill

ROME_CODE = re.compile(r"^[A-N]\d{4}$")


def occupations() -> QuerySet[Occupation]:
    return Occupation.objects.select_related("domain__grand_domain")


def occupation_code(value: str) -> str | None:
    """The ROME code for a ROME code or an appellation code (code OGR); None if unknown."""
    value = (value or "").strip().upper()
    if ROME_CODE.match(value):
        return value if Occupation.objects.filter(code=value).exists() else None
    if value.isdigit():
        return Appellation.objects.filter(pk=value).values_list("occupation_id", flat=True).first()
    return None


def appellations_of(*, occupation: Occupation) -> QuerySet[Appellation]:
    return occupation.appellations.filter(rare=False).order_by("-main", "label")


def skills_of(*, occupation: Occupation) -> QuerySet[OccupationSkill]:
    """The occupation's skills, core ones first."""
    return (
        occupation.skill_links.select_related("skill")
        .filter(skill__kind__in=["savoir-faire", "savoir"])
        .order_by("-core", "skill__kind", "skill__label")
    )


def mobilities_of(*, occupation: Occupation) -> QuerySet[Occupation]:
    return Occupation.objects.filter(mobility_sources=occupation).order_by("title")


def core_skills_of(*, occupation_code: str) -> list[tuple[str, str]]:
    """(code, label) of the core skills of a fiche: what an offer asks by default."""
    return list(
        OccupationSkill.objects.filter(occupation_id=occupation_code, core=True)
        .order_by("skill__label")
        .values_list("skill_id", "skill__label")
    )


def core_skill_codes(*, occupation_code: str) -> list[str]:
    return [code for code, _label in core_skills_of(occupation_code=occupation_code)]
