"""Plain-French reasons for stored matches, for the resident and for the employer.

A ``Match`` row keeps the score, its components and the skill gap. The facts a person reads (how
close the trade is, skills held out of those asked, minutes, levels, preferences) are rebuilt
from the row, its offer and its profile, then worded by ``matching.engine.reasons`` (resident)
or ``employer_reasons`` (employer). The labels of the missing skills of a whole page come from
one query, whatever the number of matches.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from django.utils import timezone

from matching.engine import COMPONENTS, GOOD_MATCH, PairFacts, reasons
from matching.engine import weights as W
from matching.engine.reasons import level_name
from matching.models import Match
from offers.models import Contract
from referentiel.models import Skill
from residents.models import Hours
from vitrine.french import plural

VERY_CLOSE = 80.0  # from this score a match is "Très proche"; from GOOD_MATCH "Proche"
OCCUPATION = COMPONENTS.index("occupation")

EMPLOYER_PROXIMITY = {
    W.SAME_FICHE: "Cherche ce métier",
    W.SAME_PARENT: "Cherche un métier proche",
    W.MOBILITY: "Cherche un métier proche",
    W.SAME_DOMAIN: "Cherche un métier du même domaine",
}


def score_label(score: float) -> str:
    """The score in words, shown next to the number (never a colour alone)."""
    if score >= VERY_CLOSE:
        return "Très proche"
    if score >= GOOD_MATCH:
        return "Proche"
    return "Possible"


def score_kind(score: float) -> str:
    """A CSS modifier for the score badge: ``high``, ``good`` or ``low``."""
    if score >= VERY_CLOSE:
        return "high"
    return "good" if score >= GOOD_MATCH else "low"


def proximity_level(fit: float) -> int:
    """The proximity level of a stored occupation fit: the inverse of ``PROXIMITY_FIT``.

    Stored fits are rounded (grid, then four decimals), so the nearest level is taken.
    """
    return min(W.PROXIMITY_FIT, key=lambda level: abs(W.PROXIMITY_FIT[level] - float(fit)))


def _week(day: datetime.date | None) -> int:
    # As the engine does: no date means today, and dates are compared in weeks.
    return (day or timezone.localdate()).toordinal() // 7


def _hours_ok(wanted: str, full_time: bool) -> bool:
    if wanted == Hours.FULL:
        return full_time
    if wanted == Hours.PART:
        return not full_time
    return True


def facts_of(match: Match) -> PairFacts:
    """The facts of a stored match, from the row and its offer and profile (no query when they
    are loaded with it)."""
    offer, profile = match.offer, match.profile
    wanted = [code for code in profile.contracts or () if code in Contract.values]
    components = match.components or []
    return PairFacts(
        proximity=(proximity_level(components[OCCUPATION]) if len(components) > OCCUPATION else 0),
        required=int(match.required),
        missing=len(match.missing),
        minutes=None if match.minutes is None else float(match.minutes),
        resident_level=profile.level,
        offer_level=offer.level_id,
        contract_ok=not wanted or offer.contract in wanted,
        hours_ok=_hours_ok(profile.hours, offer.full_time),
        weeks_late=max(0, _week(profile.available_from) - _week(offer.start_date)),
    )


def _minutes(minutes: float | None) -> int | None:
    if minutes is None or not np.isfinite(minutes):
        return None
    return max(5, int(5 * round(float(minutes) / 5)))


def employer_reasons(facts: PairFacts, *, worked: bool = False) -> list[str]:
    """Reasons written for the employer, e.g. ["A exercé ce métier", "6 compétences sur 6",
    "25 min de trajet"]. ``worked``: the resident has done the offer's trade before."""
    out = []
    if worked:
        out.append("A exercé ce métier")
    if facts.proximity in EMPLOYER_PROXIMITY:
        out.append(EMPLOYER_PROXIMITY[facts.proximity])
    if facts.required > 0:
        held = facts.required - facts.missing
        out.append(f"{held} {plural(held, 'compétence')} sur {facts.required}")
    else:
        out.append("Aucune compétence particulière demandée")
    minutes = _minutes(facts.minutes)
    if minutes is not None:
        out.append(f"{minutes} min de trajet")
    if facts.offer_level is not None and facts.offer_level > W.NO_DIPLOMA_RANK:
        out.append(
            f"Niveau : {level_name(facts.resident_level)} "
            f"(demandé : {level_name(facts.offer_level)})"
        )
    if not facts.contract_ok:
        out.append("Souhaite un autre type de contrat")
    if not facts.hours_ok:
        out.append("Souhaite un autre temps de travail")
    if facts.weeks_late > 0:
        out.append(
            f"Disponible {facts.weeks_late} {plural(facts.weeks_late, 'semaine')} "
            "après le début du poste"
        )
    return out


@dataclass(frozen=True)
class MissingSkill:
    code: str
    label: str
    core: bool


@dataclass
class Explained:
    """A match as a page shows it: the score in words, the reasons, the skill gap."""

    match: Match
    label: str
    kind: str
    reasons: list[str]
    missing: list[MissingSkill] = field(default_factory=list)

    @property
    def score(self) -> int:
        return round(self.match.score)

    @property
    def missing_core(self) -> list[MissingSkill]:
        return [skill for skill in self.missing if skill.core]

    @property
    def missing_other(self) -> list[MissingSkill]:
        return [skill for skill in self.missing if not skill.core]


def skill_labels(codes: Iterable[str]) -> dict[str, str]:
    """Labels of skill codes, in one query."""
    return dict(Skill.objects.filter(code__in=set(codes)).values_list("code", "label"))


def explain(matches: Iterable[Match], *, for_employer: bool = False) -> list[Explained]:
    """Reasons and skill gaps of matches loaded with their offer and profile (and, for the
    employer, the profile's past jobs prefetched): one query for the labels of every gap."""
    matches = list(matches)
    if not matches:
        return []
    labels = skill_labels(code for match in matches for code in match.missing)
    out = []
    for match in matches:
        facts = facts_of(match)
        if for_employer:
            done = {job.occupation_id for job in match.profile.past.all()}
            said = employer_reasons(facts, worked=match.offer.occupation_id in done)
        else:
            said = reasons(facts)
        missing = [
            MissingSkill(code, labels.get(code, code), rank < match.missing_core)
            for rank, code in enumerate(match.missing)
        ]
        out.append(
            Explained(match, score_label(match.score), score_kind(match.score), said, missing)
        )
    return out
