"""Every number that shapes a match, in one place.

A score is a sum of points, 0–100: each named component gives a *fit* in [0, 1], multiplied by
its weight in points. The weights below sum to 100. When no text vectors are given, the text
weight is shared out among the other components in proportion (``active_weights``), so a score
still spans 0–100.

Hard rules (tier 1) are not weights: a pair that breaks one is not a match, whatever its score.
Inside the engine a broken rule adds ``EXCLUDED`` points, so that one matrix product both scores
and filters a block of pairs (a valid score is >= 0, an excluded one is < 0).

Change a number here and only here; the tests pin the behaviour, not the figures.
"""

from __future__ import annotations

import numpy as np

# --- Components and their weights (points out of 100) ------------------------------------------

COMPONENTS = ("occupation", "skills", "qualification", "commute", "preferences", "text")
WEIGHTS = {
    "occupation": 30.0,  # how close the offer's ROME fiche is to one the resident seeks
    "skills": 30.0,  # share of the offer's skills the resident has, core skills weigh more
    "qualification": 15.0,  # one-sided: under-qualified costs much, over-qualified a little
    "commute": 12.0,  # estimated minutes against the resident's own limit
    "preferences": 8.0,  # contract type, hours, start date (a third each)
    "text": 5.0,  # free-text similarity, a small tie-breaker
}


def active_weights(has_text: bool) -> dict[str, float]:
    """Weights in points for this run: without text vectors the text weight is shared out.

    Each weight is a multiple of ``GRID`` and they sum to exactly 100 (the remainder of the
    rounding goes to the largest), so a pair that fits perfectly scores exactly its weight.
    """
    total = sum(WEIGHTS.values())
    rest = total - (0.0 if has_text else WEIGHTS["text"])
    out = {
        name: (
            0.0
            if name == "text" and not has_text
            else float(np.floor(value * 100.0 / rest / GRID) * GRID)
        )
        for name, value in WEIGHTS.items()
    }
    largest = max(out, key=out.get)
    out[largest] += 100.0 - sum(out.values())
    return out


# --- Occupation proximity ----------------------------------------------------------------------
# Levels between the fiche a resident seeks and the fiche of an offer, best first. Level 0 is a
# hard rule: an offer in an unrelated occupation is never proposed.

SAME_FICHE, SAME_PARENT, MOBILITY, SAME_DOMAIN, UNRELATED = 4, 3, 2, 1, 0
PROXIMITY_FIT = {SAME_FICHE: 1.0, SAME_PARENT: 0.8, MOBILITY: 0.6, SAME_DOMAIN: 0.4, UNRELATED: 0.0}

# --- Skills --------------------------------------------------------------------------------------
# Coverage = sum of the weights of the offer's skills the resident has / sum of all its weights.
# An offer that lists no skill at all asks nothing the resident lacks: coverage 1.

SKILL_WEIGHT_CORE = 2.0  # "Principale" skill of the occupation (coeur de métier), required
SKILL_WEIGHT_REQUIRED = 1.0  # other required skill
SKILL_WEIGHT_NICE = 0.5  # nice to have: counts a little, never reported as missing
# Codes of ``Offers.required`` data: which kind of required skill an entry is.
REQUIRED_OTHER, REQUIRED_CORE = 1, 2

# --- Qualification (levels of the French national framework, 1–8; 0 = no diploma) --------------
# Levels 0, 1 and 2 carry no diploma: both sides are compared from level 2 up, and an offer
# asking for level 2 or less asks for no diploma.

NO_DIPLOMA_RANK = 2
UNDER_COST_PER_LEVEL = 0.4  # one level short: fit 0.6; two: 0.2; three or more: 0
OVER_COST_PER_LEVEL = 0.05  # each level above: -0.05 ...
OVER_FLOOR = 0.8  # ... down to 0.8 at most
STRICT_MAX_LEVELS_BELOW = 1  # hard rule: a strict level, and the resident is 2+ levels below it

# --- Commute -------------------------------------------------------------------------------------
# t = estimated minutes / the resident's limit. t <= COMFORT_SHARE: fit 1; then linear down to
# FIT_AT_LIMIT at t = 1; t > 1 is a hard rule.

COMFORT_SHARE = 0.5
FIT_AT_LIMIT = 0.25
DEFAULT_MAX_MINUTES = 45.0  # used when a resident stated no limit (0 or less, or NaN)

# --- Preferences ---------------------------------------------------------------------------------

FULL_TIME_HOURS = 35.0  # an offer of this many hours a week or more is full time
START_GRACE_WEEKS = 8  # available k weeks after the start date: start fit 1 - k / 8
HOURS_ANY, HOURS_FULL, HOURS_PART = 0, 1, 2  # what a resident wants

# --- Thresholds ----------------------------------------------------------------------------------

GOOD_MATCH = 60.0  # a score worth showing first; fairness counts residents with one such match
TOP_K = 20  # length of each list, both ways; exposure counts offers in residents' top 20
NEAR_MISS_MAX_MISSING = 3


def near_miss(score, skills_fit, n_missing, skills_weight: float | None = None) -> np.ndarray:
    """Pairs that would be a good match if the resident learnt the skills they miss.

    A *near miss* passes every hard rule, scores below ``GOOD_MATCH``, lacks between 1 and
    ``NEAR_MISS_MAX_MISSING`` required skills, and would reach ``GOOD_MATCH`` with full skills
    coverage. These are the pairs a training could unlock ("cette formation débloque 14 offres").
    Works elementwise on arrays (or scalars); ``skills_fit`` is the skills component in [0, 1],
    ``skills_weight`` the run's skills weight (default ``WEIGHTS["skills"]``; see
    ``active_weights``).
    """
    score = np.asarray(score, dtype=np.float64)
    n_missing = np.asarray(n_missing)
    weight = WEIGHTS["skills"] if skills_weight is None else skills_weight
    gain = weight * (1.0 - np.asarray(skills_fit, dtype=np.float64))
    return (
        (score >= 0)
        & (score < GOOD_MATCH)
        & (n_missing >= 1)
        & (n_missing <= NEAR_MISS_MAX_MISSING)
        & (score + gain >= GOOD_MATCH)
    )


# --- Arithmetic of the engine (not a policy choice) ----------------------------------------------
# Every contribution is rounded down to a multiple of GRID points; with every term on that grid and
# every partial sum below 2**24 * GRID in magnitude, float32 sums are exact whatever the order,
# so a pair scores the same in a block product, in a one-row re-score and from either side.

GRID = 2.0**-12
EXCLUDED = -128.0  # points added per broken hard rule; a valid score is always >= 0
MAX_PERMIT_BITS = 24  # permits are a bitmask of at most this many kinds (keeps sums exact)
