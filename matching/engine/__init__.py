"""The matcher's numeric core: arrays in, arrays out, nothing of Django (numpy and scipy only).

Inputs (``inputs.py``; every index is a position, not a database id)
    ``OccupationGraph``  ROME fiches: parent label, professional-domain label, sparse mobility
                         links (s -> j).
    ``Residents``        sought fiches (sparse, 1–3 a row), skills (sparse 0/1), qualification
                         level 0–8, commune, max commute minutes, permits bitmask, wanted contract
                         types bitmask (0 = any), wanted hours, available-from day, consent,
                         optional text vectors.
    ``Offers``           fiche, required skills (sparse; value 2 = core, 1 = other), nice-to-have
                         skills, level asked + strict flag, commune, permits bitmask, contract
                         type, hours a week, start day, positions to fill, published, optional
                         text vectors.
    ``Geography``        commute minutes commune x commune (``referentiel.commute.matrix``).

Two tiers
    1. Hard rules remove a pair: offer not published; resident did not consent; occupation
       proximity 0 (unrelated fiche); a required permit missing; a *strict* level more than
       ``STRICT_MAX_LEVELS_BELOW`` above the resident's; commute beyond the resident's limit.
    2. The score, 0–100, is a weighted sum of components in [0, 1]: occupation proximity (same
       fiche > same parent code > mobility link > same domain), skills coverage (core skills
       weigh more), one-sided qualification fit, commute against the resident's limit,
       preferences (contract, hours, start date) and a small text similarity.
    Every weight, level, threshold, and the *near miss* notion live in ``weights.py``, and only
    there. QPV status, gender, age and nationality are not inputs.

How it scales (``candidates.py``, ``score.py``, ``topk.py``)
    Only candidate pairs are scored: residents reach fiches through the graph (inverted lists
    fiche -> offers, fiche -> residents); a resident who can reach none of a fiche's offer
    communes in time is dropped for that fiche; a block of residents x offers of one fiche is
    scored as one float32 matrix product in which a broken hard rule (including the exact
    per-pair commute limit) adds negative points. Residents go chunk by chunk (``chunk``), on
    ``workers`` threads; best-k lists are kept with ``argpartition`` both ways. Block products
    are small: give each worker one BLAS thread (``OPENBLAS_NUM_THREADS=1`` or threadpoolctl).
    Every term is a multiple of ``weights.GRID``, so sums are exact and a pair scores the same
    in a block, in a one-row re-score, and from either side.

Outputs (``matcher.py``)
    ``match(residents, offers, graph, geography, *, k=20, chunk=8192, pool=None, workers=1)``
    -> ``MatchResult``: ``by_resident`` (one row per resident position) and ``by_offer`` (one
    row per offer position), each a ``Side`` with ``index`` (n, k; -1 = empty), ``score``
    (0–100, NaN = empty), ``components`` (n, k, 6 fits in [0, 1], order
    ``weights.COMPONENTS``), ``gaps`` (missing required skills per pair, core first) and
    ``required`` (skills the offer requires); ``candidate_pairs``, ``valid_pairs``,
    ``seconds``; ``pool_index``/``pool_score`` when ``pool`` is given; ``context`` (reusable).
    ``rescore_offer(residents, offers, graph, geography, offer, *, k=None, ctx=None)`` and
    ``rescore_resident(..., resident, ...)`` -> ``Rescored`` (index, score, components, gaps,
    required, candidates): one row against everything, the same scores as a full run.
    ``reasons(pair_facts(ctx, resident, offer))`` -> short plain-French reasons.
    ``fairness.report`` (exposure, Gini, offers never shown, two groups' mean best score and
    share with a match >= 60), ``fairness.rerank`` and ``fairness.rerank_effect``.
"""

from .fairness import Fairness, RerankEffect, report, rerank, rerank_effect
from .gaps import Gaps, missing_skills
from .inputs import CONTRACT_TYPES, Geography, OccupationGraph, Offers, Residents
from .matcher import MatchResult, Rescored, Side, match, rescore_offer, rescore_resident
from .reasons import PairFacts, pair_facts, reasons
from .tables import Context, context
from .weights import COMPONENTS, GOOD_MATCH, TOP_K, WEIGHTS, near_miss

__all__ = [
    "COMPONENTS",
    "CONTRACT_TYPES",
    "GOOD_MATCH",
    "TOP_K",
    "WEIGHTS",
    "Context",
    "Fairness",
    "Gaps",
    "Geography",
    "MatchResult",
    "OccupationGraph",
    "Offers",
    "PairFacts",
    "RerankEffect",
    "Rescored",
    "Residents",
    "Side",
    "context",
    "match",
    "missing_skills",
    "near_miss",
    "pair_facts",
    "reasons",
    "report",
    "rerank",
    "rerank_effect",
    "rescore_offer",
    "rescore_resident",
]
