"""Crowding and fairness: how offers are exposed, how two groups of residents fare, re-ranking.

*Exposure* of an offer = how many residents have it in their top ``k`` (20). Ranking everyone by
the same score piles residents onto a few offers; the Gini coefficient of exposure and the share of
offers never shown say how much. For two groups of residents (a boolean mask, e.g. QPV or not —
used here for REPORTING ONLY, never for scoring) the report gives the mean best score and the
share of residents with at least one match >= ``weights.GOOD_MATCH``.

``rerank`` spreads exposure in proportion to positions to fill: each offer gets a price (points
taken off its pairs) that rises while it is shown more than its share of positions, so residents'
lists swap an over-exposed offer for a nearly-as-good one. ``rerank_effect`` reports both figures
before and after.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import weights as W
from .topk import best_per_row


@dataclass(frozen=True)
class GroupFigures:
    """One group of residents: mean best score (0 without a match), share with a good match."""

    residents: int
    mean_best_score: float
    share_good_match: float


@dataclass(frozen=True, eq=False)
class Fairness:
    """Exposure of offers and the figures of both groups of residents."""

    exposure: np.ndarray  # per offer position
    gini: float  # of exposure, over the offers that could be shown
    gini_per_position: float  # of exposure per position to fill
    never_shown: float  # share of those offers in nobody's list
    group: GroupFigures  # residents where the mask is True
    others: GroupFigures

    def summary(self) -> dict[str, float]:
        return {
            "gini": self.gini,
            "gini_per_position": self.gini_per_position,
            "never_shown": self.never_shown,
            "group_mean_best": self.group.mean_best_score,
            "group_good_match": self.group.share_good_match,
            "others_mean_best": self.others.mean_best_score,
            "others_good_match": self.others.share_good_match,
        }


def exposure(index: np.ndarray, n_offers: int, k: int = W.TOP_K) -> np.ndarray:
    """How many residents have each offer in the first ``k`` slots of ``index`` (-1 = empty)."""
    shown = index[:, :k].ravel()
    return np.bincount(shown[shown >= 0], minlength=n_offers)


def gini(values) -> float:
    """Gini coefficient of non-negative values: 0 = all equal, towards 1 = all on one."""
    values = np.sort(np.asarray(values, dtype=np.float64))
    total = values.sum()
    if len(values) == 0 or total <= 0:
        return 0.0
    rank = np.arange(1, len(values) + 1)
    n = len(values)
    return float(2.0 * np.sum(rank * values) / (n * total) - (n + 1) / n)


def group_figures(score: np.ndarray, members: np.ndarray) -> GroupFigures:
    """Figures for the residents ``members`` (bool mask) given their shown scores (n, k; NaN)."""
    best = np.nan_to_num(
        np.nanmax(np.where(np.isnan(score), -np.inf, score), axis=1, initial=-np.inf), neginf=0.0
    )[members]
    if len(best) == 0:
        return GroupFigures(0, 0.0, 0.0)
    return GroupFigures(
        residents=len(best),
        mean_best_score=float(best.mean()),
        share_good_match=float(np.mean(best >= W.GOOD_MATCH)),
    )


def report(
    index: np.ndarray,
    score: np.ndarray,
    group: np.ndarray,
    positions: np.ndarray,
    *,
    offers: np.ndarray | None = None,
    residents: np.ndarray | None = None,
    k: int = W.TOP_K,
) -> Fairness:
    """Fairness figures of residents' lists ``index``/``score`` (n_residents, >= k).

    ``group``: bool mask of residents (reporting only); ``positions``: positions to fill per
    offer; ``offers``: mask of offers that could be shown (default all); ``residents``: mask of
    residents counted in the group figures (default all, e.g. pass those who consented).
    """
    n_offers = len(positions)
    offers = np.ones(n_offers, bool) if offers is None else np.asarray(offers, bool)
    residents = np.ones(len(index), bool) if residents is None else np.asarray(residents, bool)
    group = np.asarray(group, dtype=bool)
    counts = exposure(index, n_offers, k)
    shown = counts[offers]
    per_position = shown / np.maximum(np.asarray(positions)[offers], 1)
    return Fairness(
        exposure=counts,
        gini=gini(shown),
        gini_per_position=gini(per_position),
        never_shown=float(np.mean(shown == 0)) if len(shown) else 0.0,
        group=group_figures(score[:, :k], group & residents),
        others=group_figures(score[:, :k], ~group & residents),
    )


def rerank(
    pool_index: np.ndarray,
    pool_score: np.ndarray,
    positions: np.ndarray,
    *,
    k: int = W.TOP_K,
    step: float = 2.0,
    max_penalty: float = 15.0,
    rounds: int = 16,
) -> tuple[np.ndarray, np.ndarray]:
    """Residents' top-``k`` chosen from their longer pools so that exposure follows positions.

    Each offer's target exposure is its share of positions (among offers present in some pool)
    times the slots shown. Each round, lists are chosen on score minus price, then every
    offer's price moves by ``step`` points per doubling of exposure over target (the step
    shrinks round after round), kept within [0, ``max_penalty``]. The rounds' lists with the
    most even exposure per position are returned (never less even than the plain lists),
    holding the residents' real scores, best first.
    """
    n_offers = len(positions)
    valid = pool_index >= 0
    safe = np.where(valid, pool_index, 0)
    score = np.where(valid, pool_score, -np.inf).astype(np.float64)
    present = np.zeros(n_offers, bool)
    present[pool_index[valid]] = True
    weight = np.where(present, np.maximum(positions, 1), 0).astype(np.float64)
    slots = np.minimum(valid.sum(axis=1), k).sum()
    target = weight / max(weight.sum(), 1.0) * slots
    price = np.zeros(n_offers)
    best, best_spread = None, np.inf
    for round_ in range(rounds + 1):
        chosen = _best_columns(score - price[safe], k)
        picked = np.take_along_axis(safe, chosen, axis=1)
        counts = np.bincount(picked[np.take_along_axis(valid, chosen, axis=1)], minlength=n_offers)
        spread = gini(counts[present] / weight[present]) if present.any() else 0.0
        if spread < best_spread - 1e-12:
            best, best_spread = chosen, spread
        ratio = np.log2((counts + 1.0) / (target + 1.0))
        price = np.clip(price + step / np.sqrt(round_ + 1) * ratio, 0.0, max_penalty)
    index = np.take_along_axis(np.where(valid, pool_index, -1), best, axis=1)
    values = np.take_along_axis(np.where(valid, pool_score, np.nan), best, axis=1)
    order = np.argsort(-np.nan_to_num(values, nan=-np.inf), axis=1, kind="stable")
    return np.take_along_axis(index, order, axis=1), np.take_along_axis(values, order, axis=1)


def _best_columns(values: np.ndarray, k: int) -> np.ndarray:
    columns = np.broadcast_to(np.arange(values.shape[1]), values.shape)
    _, best = best_per_row(values, columns, k)
    return np.asarray(best)


@dataclass(frozen=True, eq=False)
class RerankEffect:
    before: Fairness
    after: Fairness

    def summary(self) -> dict[str, float]:
        """Every figure before and after, e.g. ``gini_before``, ``group_good_match_after``."""
        out = {}
        for name, value in self.before.summary().items():
            out[f"{name}_before"] = value
            out[f"{name}_after"] = self.after.summary()[name]
        return out


def rerank_effect(
    before_index, before_score, after_index, after_score, group, positions, **options
) -> RerankEffect:
    """Fairness figures of the plain and the re-ranked lists (same options as ``report``)."""
    return RerankEffect(
        before=report(before_index, before_score, group, positions, **options),
        after=report(after_index, after_score, group, positions, **options),
    )
