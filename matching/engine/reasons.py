"""Plain-French reasons for a match, shown next to its score.

``reasons(facts)`` is a pure function: it turns the facts of one pair (proximity level, skills
held out of those required, estimated minutes, levels, preferences) into a few short sentences,
most important first. ``pair_facts`` reads those facts from the engine's arrays.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import components as C
from . import weights as W
from .tables import Context

LEVEL_NAMES = {
    0: "sans diplôme",
    1: "savoirs de base",
    2: "savoirs de base",
    3: "CAP/BEP",
    4: "Bac",
    5: "Bac+2",
    6: "Bac+3/4",
    7: "Bac+5",
    8: "Bac+8",
}

PROXIMITY_REASONS = {
    W.SAME_FICHE: "Même métier que celui que vous cherchez",
    W.SAME_PARENT: "Métier proche de celui que vous cherchez",
    W.MOBILITY: "Métier proche de celui que vous cherchez",
    W.SAME_DOMAIN: "Métier du même domaine que celui que vous cherchez",
}


@dataclass(frozen=True)
class PairFacts:
    """What a person needs to know about one (resident, offer) pair."""

    proximity: int  # weights.SAME_FICHE ... weights.SAME_DOMAIN
    required: int  # skills the offer requires
    missing: int  # of which the resident lacks
    minutes: float | None = None  # estimated commute
    resident_level: int | None = None
    offer_level: int | None = None
    contract_ok: bool = True
    hours_ok: bool = True
    weeks_late: int = 0  # weeks between the start date and the resident's availability


def level_name(level: int | None) -> str:
    """Name of a qualification level (None or 0: "sans diplôme")."""
    return LEVEL_NAMES.get(int(level or 0), "sans diplôme")


def _plural(n: int, word: str) -> str:
    return word if n <= 1 else word + "s"


def reasons(facts: PairFacts) -> list[str]:
    """Short reasons, most important first, e.g. ["Même métier que celui que vous cherchez",
    "Vous avez 4 compétences sur 6 demandées", "Environ 25 min de trajet"]."""
    out = []
    if facts.proximity in PROXIMITY_REASONS:
        out.append(PROXIMITY_REASONS[facts.proximity])
    if facts.required > 0:
        held = facts.required - facts.missing
        out.append(
            f"Vous avez {held} {_plural(held, 'compétence')} sur {facts.required} "
            f"{_plural(facts.required, 'demandée')}"
        )
    else:
        out.append("Aucune compétence particulière demandée")
    if facts.minutes is not None and np.isfinite(facts.minutes):
        rounded = max(5, int(5 * round(float(facts.minutes) / 5)))
        out.append(f"Environ {rounded} min de trajet")
    if facts.offer_level is not None and facts.offer_level > W.NO_DIPLOMA_RANK:
        out.append(
            f"Niveau demandé : {level_name(facts.offer_level)}, "
            f"le vôtre : {level_name(facts.resident_level)}"
        )
    if not facts.contract_ok:
        out.append("Type de contrat différent de celui que vous souhaitez")
    if not facts.hours_ok:
        out.append("Temps de travail différent de celui que vous souhaitez")
    if facts.weeks_late > 0:
        out.append(
            f"Vous êtes disponible {facts.weeks_late} {_plural(facts.weeks_late, 'semaine')} "
            "après le début du poste"
        )
    return out


def pair_facts(ctx: Context, resident: int, offer: int) -> PairFacts:
    """Facts of one pair (positions in the residents and offers given to the engine).

    The offer must be one of the context's columns (published); the skill counts come from
    the same lookups as the skill gaps.
    """
    from .gaps import missing_skills

    res, ot = ctx.residents.residents, ctx.offers
    col = ot.column(offer)
    if col < 0:
        raise ValueError(f"offer {offer} is not among the matched offers")
    level = int(ctx.levels[ctx.residents.sought[resident], ot.occupation[col]].max())
    gaps = missing_skills(ctx, np.array([resident]), np.array([col]))
    contract = C.contract_ok(res.contracts[resident], ot.contract[col])
    hours = C.hours_ok(res.hours[resident], ot.full_time[col])
    late = int(max(0, C.week(res.available_from[resident]) - ot.start_week[col]))
    return PairFacts(
        proximity=level,
        required=int(ot.required[col]),
        missing=int(gaps.counts()[0]),
        minutes=float(ctx.minutes[res.commune[resident], ot.commune[col]]),
        resident_level=int(res.level[resident]),
        offer_level=int(ot.level[col]),
        contract_ok=bool(contract),
        hours_ok=bool(hours),
        weeks_late=late,
    )
