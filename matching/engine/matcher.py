"""Entry points: the full two-way match, and one offer or one resident re-scored.

``match`` scores, chunk of residents by chunk, only the candidate pairs: for each fiche that
has offers, the residents of the chunk who reach it (proximity > 0) and can reach at least one of
its offers' communes in time, against its offers, as one matrix product per block. The residents'
lists of a chunk are final when the chunk ends; the offers' lists are merged across chunks (and
across workers: ``TopK.merge``). Components and skill gaps are then computed for the shown pairs
only.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np

from . import weights as W
from .candidates import reach
from .components import proximity_table
from .gaps import Gaps, assemble, from_entries, missing_skills
from .inputs import Geography, OccupationGraph, Offers, Residents
from .score import (
    block_scores,
    commune_reach,
    layout,
    pair_points,
    row_features,
    skill_entries,
    skill_points,
)
from .tables import Context, context
from .topk import TopK, top_k

PAIR_BATCH = 1 << 17
TILE_PAIRS = 1 << 19  # pairs per block product (2 MiB of float32 scores)


@dataclass(frozen=True, eq=False)
class Side:
    """Top-k lists of one side; slot ``s`` of row ``i`` is pair ``i * k + s`` of ``gaps``.

    - ``index``: (n, k) positions on the other side, best first, -1 for an empty slot;
    - ``score``: (n, k) float32 scores 0–100, NaN for an empty slot;
    - ``components``: (n, k, 6) fits in [0, 1] in the order of ``weights.COMPONENTS``;
    - ``gaps``: missing required skills of each pair, core first;
    - ``required``: (n, k) number of skills the offer requires (for "4 compétences sur 6").
    """

    index: np.ndarray
    score: np.ndarray
    components: np.ndarray
    gaps: Gaps
    required: np.ndarray


@dataclass(frozen=True, eq=False)
class MatchResult:
    """Both directions of a full run, plus what it took.

    ``by_resident`` has one row per resident position, ``by_offer`` one per offer position
    (rows of unmatched residents and offers are empty). ``pool_index``/``pool_score`` are the
    residents' longer lists (``pool`` wide) when asked for, for ``fairness.rerank``.
    """

    by_resident: Side
    by_offer: Side
    pool_index: np.ndarray | None
    pool_score: np.ndarray | None
    candidate_pairs: int
    valid_pairs: int
    seconds: dict[str, float]
    context: Context = field(repr=False)


@dataclass(frozen=True, eq=False)
class Rescored:
    """One row against everything: the valid pairs, best first (``k`` of them when asked)."""

    index: np.ndarray
    score: np.ndarray
    components: np.ndarray
    gaps: Gaps
    required: np.ndarray
    candidates: int


def match(
    residents: Residents,
    offers: Offers,
    graph: OccupationGraph,
    geography: Geography,
    *,
    k: int = W.TOP_K,
    chunk: int = 8192,
    pool: int | None = None,
    workers: int = 1,
) -> MatchResult:
    """Top-``k`` offers of every resident and top-``k`` residents of every offer.

    Residents are processed ``chunk`` at a time (memory stays bounded whatever their number),
    by ``workers`` threads (numpy releases the GIL in its heavy loops; give each worker one BLAS
    thread, e.g. ``OPENBLAS_NUM_THREADS=1`` or threadpoolctl, as block products are small).
    ``pool`` (>= k) keeps longer resident lists for re-ranking.
    """
    clock = {"start": time.perf_counter()}
    ctx = context(residents, offers, graph, geography)
    lay = layout(ctx)
    ctx.lookup = lay.bits
    clock["prepare"] = time.perf_counter()
    width = max(k, pool or k)
    n_res, ot = len(residents), ctx.offers
    res_ids = np.full((n_res, width), -1, dtype=np.int64)
    res_values = np.full((n_res, width), np.nan, dtype=np.float32)
    rows_all = ctx.residents.rows
    chunks = [rows_all[start : start + chunk] for start in range(0, len(rows_all), chunk)]

    def work(mine: list[np.ndarray]) -> tuple[TopK, dict]:
        by_column, stats = TopK(len(ot), k), {"candidates": 0, "valid": 0}
        for rows in mine:
            by_row = TopK(len(rows), width)
            score_chunk(ctx, lay, rows, by_row, by_column, stats)
            res_ids[rows], res_values[rows] = by_row.sorted()
        return by_column, stats

    shares = [chunks[i::workers] for i in range(max(workers, 1))]
    if len(shares) == 1:
        outcomes = [work(shares[0])]
    else:
        with ThreadPoolExecutor(len(shares)) as executor:
            outcomes = list(executor.map(work, shares))
    by_column = outcomes[0][0]
    for other, _ in outcomes[1:]:
        by_column.merge(other)
    stats = {key: sum(o[1][key] for o in outcomes) for key in ("candidates", "valid")}
    clock["score"] = time.perf_counter()

    col_ids, col_values = by_column.sorted()
    by_resident = _side(
        ctx,
        np.repeat(np.arange(n_res), k).reshape(n_res, k),
        res_ids[:, :k],
        res_values[:, :k],
        offer_side=False,
        workers=workers,
    )
    offer_rows = np.full((len(offers), k), -1, dtype=np.int64)
    offer_rows[ot.order] = col_ids
    offer_values = np.full((len(offers), k), np.nan, dtype=np.float32)
    offer_values[ot.order] = col_values
    columns = np.full((len(offers), k), -1, dtype=np.int64)
    columns[ot.order] = np.arange(len(ot))[:, None]
    by_offer = _side(ctx, offer_rows, columns, offer_values, offer_side=True, workers=workers)
    clock["explain"] = time.perf_counter()
    pool_ids = pool_values = None
    if pool:
        pool_ids = _take(ot.order, res_ids, -1)
        pool_values = res_values
    stages = ["start", "prepare", "score", "explain"]
    seconds = {b: clock[b] - clock[a] for a, b in pairwise(stages)}
    return MatchResult(
        by_resident=by_resident,
        by_offer=by_offer,
        pool_index=pool_ids,
        pool_score=pool_values,
        candidate_pairs=stats["candidates"],
        valid_pairs=stats["valid"],
        seconds=seconds,
        context=ctx,
    )


def score_chunk(ctx: Context, lay, rows: np.ndarray, by_row: TopK, by_column: TopK, stats: dict):
    """Score residents ``rows`` against their candidate offers; feed both lists.

    ``by_row`` has one row per element of ``rows`` (ids: offer columns); ``by_column`` one row per
    offer column (ids: resident positions). Safe to run for disjoint chunks on several workers,
    each with its own ``by_column``, merged afterwards.
    """
    ot = ctx.offers
    features = row_features(ctx, lay, rows)
    skills = lay.bits.dense(rows)
    reach_t = np.ascontiguousarray(reach(ctx.levels, ctx.residents.sought[rows]).T)
    in_time = commune_reach(lay, features)
    prox_table = proximity_table(ctx.weights["occupation"])
    fiches = ot.index.occupations
    fiches = fiches[reach_t[fiches].any(axis=1)]
    for j in fiches:
        first, stop = int(ot.index.ptr[j]), int(ot.index.ptr[j + 1])
        local = np.flatnonzero(reach_t[j])
        local = local[in_time[local][:, lay.block_communes[j]].any(axis=1)]
        if len(local) == 0:
            continue
        prox = prox_table[reach_t[j, local]]
        step = max(1, TILE_PAIRS // (stop - first))
        for t in range(0, len(local), step):
            part = local[t : t + step]
            where = _as_slice(part)
            scores = block_scores(lay, int(j), features, skills, prox[t : t + step], where)
            stats["candidates"] += scores.size
            stats["valid"] += int(np.count_nonzero(scores >= 0))
            by_row.push_block(where, scores, first)
            _push_columns(by_column, first, stop, scores, rows[part])


def _as_slice(part: np.ndarray):
    if len(part) and part[-1] - part[0] + 1 == len(part):
        return slice(int(part[0]), int(part[-1]) + 1)
    return part


def _push_columns(by_column: TopK, first: int, stop: int, scores: np.ndarray, residents):
    """Offer side of a block: each column's best residents, merged into the offers' lists."""
    better = scores.max(axis=0) > by_column.floor[first:stop]
    if not better.any():
        return
    columns = np.flatnonzero(better)
    transposed = np.ascontiguousarray(scores[:, columns].T)
    m, k = transposed.shape[1], by_column.k
    if m > k:
        positions = np.argpartition(transposed, m - k, axis=1)[:, m - k :]
        values = np.take_along_axis(transposed, positions, axis=1)
        ids = residents[positions]
    else:
        values, ids = transposed, np.broadcast_to(residents, transposed.shape)
    by_column.push(columns + first, values, ids)


def _side(ctx: Context, rows, cols, scores, *, offer_side: bool, workers: int = 1) -> Side:
    """Components, gaps and required counts of the shown pairs (resident rows x offer columns)."""
    shape = rows.shape
    rows, cols, scores = rows.ravel(), cols.ravel(), scores.ravel()
    real = np.flatnonzero((rows >= 0) & (cols >= 0) & ~np.isnan(scores))
    components = np.full((len(rows), len(W.COMPONENTS)), np.nan, dtype=np.float32)
    counts = np.zeros(len(rows), dtype=np.int64)

    def explain(part: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        entries = skill_entries(ctx, rows[part], cols[part])  # shared by points and gaps
        skills = skill_points(ctx, rows[part], cols[part], entries)
        points, _ = pair_points(ctx, rows[part], cols[part], totals=scores[part], skills=skills)
        components[part] = _fits(ctx, points)
        counts[part], missing, core = from_entries(ctx, len(part), entries)
        return missing, core

    batches = [real[start : start + PAIR_BATCH] for start in range(0, len(real), PAIR_BATCH)]
    if workers > 1 and len(batches) > 1:
        with ThreadPoolExecutor(workers) as executor:
            parts = list(executor.map(explain, batches))
    else:
        parts = [explain(batch) for batch in batches]
    required = _take(ctx.offers.required, cols, 0)
    other = rows if offer_side else _take(ctx.offers.order, cols, -1)
    other = np.where(np.isnan(scores), -1, other)
    return Side(
        index=other.reshape(shape),
        score=scores.reshape(shape),
        components=components.reshape(*shape, len(W.COMPONENTS)),
        gaps=assemble(counts, parts),
        required=required.reshape(shape).astype(np.int32),
    )


def _take(values: np.ndarray, index: np.ndarray, fill) -> np.ndarray:
    """``values[index]``, ``fill`` where the index is negative (an empty slot)."""
    out = np.full(index.shape, fill, dtype=values.dtype)
    out[index >= 0] = values[index[index >= 0]]
    return out


def _fits(ctx: Context, points: np.ndarray) -> np.ndarray:
    weights = np.array([ctx.weights[name] for name in W.COMPONENTS], dtype=np.float32)
    return np.where(weights > 0, points / np.where(weights > 0, weights, 1), 0).astype(np.float32)


def rescore_offer(residents, offers, graph, geography, offer: int, *, k=None, ctx=None):
    """One offer (a position in ``offers``) against every resident: its valid pairs, best first.

    Without ``ctx`` only this offer's table is built (what a "publish" event needs); pass the
    ``Context`` of a previous run (``MatchResult.context``) to reuse it.
    """
    ctx = ctx or context(residents, offers, graph, geography, offer_positions=[offer])
    column = ctx.offers.column(offer)
    if column < 0:
        return _rescored(ctx, np.zeros(0, np.int64), np.zeros(0, np.int64), 0, k, offer_side=True)
    fiche = ctx.offers.occupation[column]
    near = np.flatnonzero(ctx.levels[:-1, fiche] > 0)
    rows = ctx.residents.index.seeking(near)
    res = ctx.residents.residents
    rows = rows[ctx.minutes[res.commune[rows], ctx.offers.commune[column]] <= res.max_minutes[rows]]
    return _rescored(ctx, rows, np.full(len(rows), column), len(rows), k, offer_side=True)


def rescore_resident(residents, offers, graph, geography, resident: int, *, k=None, ctx=None):
    """One resident (a position in ``residents``) against every offer: valid pairs, best first."""
    ctx = ctx or context(residents, offers, graph, geography, resident_positions=[resident])
    if not ctx.residents.eligible[resident]:
        return _rescored(ctx, np.zeros(0, np.int64), np.zeros(0, np.int64), 0, k, offer_side=False)
    levels = reach(ctx.levels, ctx.residents.sought[[resident]])[0]
    fiches = ctx.offers.index.occupations
    cols = ctx.offers.index.columns(fiches[levels[fiches] > 0])
    res = ctx.residents.residents
    minutes = ctx.minutes[res.commune[resident], ctx.offers.commune[cols]]
    cols = cols[minutes <= res.max_minutes[resident]]
    rows = np.full(len(cols), resident, dtype=np.int64)
    return _rescored(ctx, rows, cols, len(cols), k, offer_side=False)


def _rescored(ctx: Context, rows, cols, candidates: int, k, *, offer_side: bool) -> Rescored:
    points, totals = pair_points(ctx, rows, cols)
    valid = np.flatnonzero(totals >= 0)
    best = valid[top_k(totals[valid], k if k is not None else len(valid))]
    rows, cols, totals, points = rows[best], cols[best], totals[best], points[best]
    other = rows if offer_side else ctx.offers.order[cols]
    return Rescored(
        index=other,
        score=totals,
        components=_fits(ctx, points),
        gaps=missing_skills(ctx, rows, cols),
        required=ctx.offers.required[cols],
        candidates=candidates,
    )
