"""Scoring: hard rules and weighted components, for blocks of pairs and for single pairs.

How a block is scored. Every component is a lookup or a dot product, so the scores of a block of
residents x offers of one fiche are ONE float32 matrix product ``F @ G``:

- a resident's row of ``F`` holds their points for each offer commune (commute), each kind of
  qualification asked, each (contract, hours) kind, each start week, a 0/1 per permit they lack,
  their quantised text vector and a 1; then, per fiche, their 0/1 skills among the skills the
  fiche's offers list, and their proximity points to the fiche;
- an offer's column of ``G`` holds the matching one-hot indicators, ``EXCLUDED`` per required
  permit, its quantised text vector, a constant, its points per listed skill, and a 1.

A broken hard rule adds ``EXCLUDED`` points, so the valid pairs are exactly those scoring >= 0.
Every term is on ``weights.GRID`` and every sum is exact, which is why a pair gets the same score
in a block, in ``pair_points`` (one row re-scored against everything), and from either side.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import components as C
from . import weights as W
from .candidates import concat_slices
from .tables import Context, SkillBits

F32 = np.float32


@dataclass(eq=False)
class Layout:
    """Classes of offer attributes (the columns of ``F``) and the per-fiche matrices ``G``."""

    communes: np.ndarray  # distinct offer communes
    col_commune: np.ndarray  # class of each column
    qual_classes: np.ndarray  # (n, 2): level asked, strict
    col_qual: np.ndarray
    pref_classes: np.ndarray  # (n, 2): contract, full time
    col_pref: np.ndarray
    start_weeks: np.ndarray  # distinct start weeks, clipped to the residents' availability
    col_start: np.ndarray
    permit_bits: np.ndarray  # permit kinds some offer requires
    bits: SkillBits
    static_width: int = 0
    blocks: dict[int, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    block_communes: dict[int, np.ndarray] = field(default_factory=dict)


def layout(ctx: Context) -> Layout:
    """Classes, residents' skill bits and the matrix ``G`` of every fiche that has offers."""
    ot, rt = ctx.offers, ctx.residents
    communes, col_commune = np.unique(ot.commune, return_inverse=True)
    qual_classes, col_qual = _classes(np.stack([ot.level, ot.strict], axis=1))
    pref_classes, col_pref = _classes(np.stack([ot.contract, ot.full_time], axis=1))
    available = C.week(rt.residents.available_from[rt.rows])
    low = int(available.min(initial=0)) - W.START_GRACE_WEEKS
    high = int(available.max(initial=0))
    start_weeks, col_start = np.unique(np.clip(ot.start_week, low, high), return_inverse=True)
    asked = int(np.bitwise_or.reduce(ot.permits)) if len(ot) else 0
    bits = SkillBits(rt.residents.skills, np.unique(ot.skill))
    lay = Layout(
        communes=communes,
        col_commune=col_commune.ravel(),
        qual_classes=qual_classes,
        col_qual=col_qual,
        pref_classes=pref_classes,
        col_pref=col_pref,
        start_weeks=start_weeks,
        col_start=col_start.ravel(),
        permit_bits=np.array([b for b in range(W.MAX_PERMIT_BITS) if (asked >> b) & 1], np.int64),
        bits=bits,
    )
    for j in ot.index.occupations:
        _build_block(ctx, lay, int(j))
    return lay


def _classes(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    keys = keys.astype(np.int64)
    if len(keys) == 0:
        return np.zeros((0, keys.shape[1]), np.int64), np.zeros(0, np.int64)
    classes, inverse = np.unique(keys, axis=0, return_inverse=True)
    return classes, inverse.ravel()


def _one_hot(classes: np.ndarray, n: int) -> np.ndarray:
    out = np.zeros((n, len(classes)), F32)
    out[classes, np.arange(len(classes))] = 1
    return out


def _build_block(ctx: Context, lay: Layout, j: int) -> None:
    ot = ctx.offers
    cols = np.arange(ot.index.ptr[j], ot.index.ptr[j + 1])
    parts = [
        _one_hot(lay.col_commune[cols], len(lay.communes)),
        _one_hot(lay.col_qual[cols], len(lay.qual_classes)),
        _one_hot(lay.col_pref[cols], len(lay.pref_classes)),
        _one_hot(lay.col_start[cols], len(lay.start_weeks)),
        ((ot.permits[cols][None, :] >> lay.permit_bits[:, None]) & 1).astype(F32) * F32(W.EXCLUDED),
    ]
    if ctx.has_text:
        parts.append(ctx.offer_text(cols).T)
    parts.append(column_constant(ctx, cols)[None, :])
    static = np.vstack(parts)
    lo, hi = ot.skill_ptr[cols[0]], ot.skill_ptr[cols[-1] + 1]
    local_col = np.repeat(np.arange(len(cols)), np.diff(ot.skill_ptr[cols[0] : cols[-1] + 2]))
    skills, row = np.unique(lay.bits.compact[ot.skill[lo:hi]], return_inverse=True)
    points = np.zeros((len(skills), len(cols)), F32)
    points[row.ravel(), local_col] = ot.skill_points[lo:hi]
    block = np.vstack([static, points, np.ones((1, len(cols)), F32)]).astype(F32)
    lay.blocks[j] = (skills.astype(np.int64), np.ascontiguousarray(block))
    lay.block_communes[j] = np.unique(lay.col_commune[cols])
    lay.static_width = static.shape[0]


def column_constant(ctx: Context, cols: np.ndarray) -> np.ndarray:
    """Points every resident gets from an offer: the text midpoint, full skills if none listed."""
    empty = np.where(ctx.offers.no_skills[cols], F32(ctx.weights["skills"]), F32(0))
    return (F32(ctx.text_constant) + empty).astype(F32)


def row_features(ctx: Context, lay: Layout, rows: np.ndarray) -> np.ndarray:
    """(len(rows), static_width) resident features, matching the static rows of ``G``."""
    res, weights = ctx.residents.residents, ctx.weights
    minutes = ctx.minutes[res.commune[rows]][:, lay.communes]
    qual_table = C.qualification_points(
        np.arange(9)[:, None],
        lay.qual_classes[:, 0][None, :],
        lay.qual_classes[:, 1][None, :],
        weights["qualification"],
    )
    parts = [
        C.commute_points(minutes, res.max_minutes[rows][:, None], weights["commute"]),
        qual_table[res.level[rows]],
        C.contract_hours_points(
            res.contracts[rows][:, None],
            res.hours[rows][:, None],
            lay.pref_classes[:, 0][None, :],
            lay.pref_classes[:, 1][None, :],
            weights["preferences"],
        ),
        C.start_points(
            C.week(res.available_from[rows])[:, None],
            lay.start_weeks[None, :],
            weights["preferences"],
        ),
        ((~res.permits[rows][:, None] >> lay.permit_bits[None, :]) & 1).astype(F32),
    ]
    if ctx.has_text:
        parts.append(ctx.resident_text(rows))
    parts.append(np.ones((len(rows), 1), F32))
    return np.ascontiguousarray(np.hstack(parts), dtype=F32)


def commune_reach(lay: Layout, features: np.ndarray) -> np.ndarray:
    """(n, n_offer_communes) bool: the offer communes each resident can reach in time."""
    return features[:, : len(lay.communes)] >= 0


def block_scores(lay: Layout, j: int, features, skills, prox_points, local) -> np.ndarray:
    """Scores (len(local), n_offers_j) of chunk rows ``local`` x the offers of fiche ``j``.

    ``features`` and ``skills`` are the chunk's ``row_features`` and dense skills; ``local`` is
    a slice or an index array into them; ``prox_points`` their proximity points to ``j``.
    """
    block_skills, block = lay.blocks[j]
    width = lay.static_width
    packed = np.empty((len(prox_points), block.shape[0]), F32)
    if isinstance(local, slice):
        packed[:, :width] = features[local]
        packed[:, width:-1] = skills[local][:, block_skills]
    else:
        packed[:, :width] = features[local]
        packed[:, width:-1] = skills[np.ix_(local, block_skills)]
    packed[:, -1] = prox_points
    return packed @ block


def pair_points(ctx: Context, rows, cols, totals=None, skills=None):
    """(points (n, 6) by component, totals (n,)) of pairs (resident ``rows``, column ``cols``).

    The same rules and arithmetic as ``block_scores`` (plus proximity 0 as a hard rule), so the
    totals are bit-identical. With ``totals`` known from a block, the text points are what is
    left of the total once the other terms are taken away (exact), and no text is read.
    ``skills``: the pairs' listed-skill points when already computed (``skill_points``).
    """
    res, ot, weights = ctx.residents.residents, ctx.offers, ctx.weights
    rows = np.asarray(rows, dtype=np.int64)
    cols = np.asarray(cols, dtype=np.int64)
    points = np.zeros((len(rows), len(W.COMPONENTS)), F32)
    level = ctx.levels[ctx.residents.sought[rows], ot.occupation[cols][:, None]].max(axis=1)
    points[:, 0] = C.proximity_table(weights["occupation"])[level]
    empty = np.where(ot.no_skills[cols], F32(weights["skills"]), F32(0))
    held = skill_points(ctx, rows, cols) if skills is None else skills
    points[:, 1] = held + empty
    points[:, 2] = C.qualification_points(
        res.level[rows], ot.level[cols], ot.strict[cols], weights["qualification"]
    )
    minutes = ctx.minutes[res.commune[rows], ot.commune[cols]]
    points[:, 3] = C.commute_points(minutes, res.max_minutes[rows], weights["commute"])
    points[:, 4] = C.contract_hours_points(
        res.contracts[rows],
        res.hours[rows],
        ot.contract[cols],
        ot.full_time[cols],
        weights["preferences"],
    ) + C.start_points(
        C.week(res.available_from[rows]), ot.start_week[cols], weights["preferences"]
    )
    lacking = np.bitwise_count(ot.permits[cols] & ~res.permits[rows]).astype(F32)
    excluded = lacking * F32(W.EXCLUDED) + np.where(level == 0, F32(W.EXCLUDED), F32(0))
    known = points[:, 0] + points[:, 1] + points[:, 2] + points[:, 3] + points[:, 4]
    if totals is None:
        text = np.full(len(rows), F32(ctx.text_constant))
        if ctx.has_text:
            vectors = ctx.resident_text(rows)
            text = text + np.einsum("ij,ij->i", vectors, ctx.offer_text(cols))
        totals = known + excluded + text
    totals = np.asarray(totals, dtype=F32)
    points[:, 5] = totals - known - excluded
    return points, totals


def skill_entries(ctx: Context, rows: np.ndarray, cols: np.ndarray):
    """Every skill listed by the offer of each pair: (pair number, entry, held by the resident).

    ``entry`` indexes the offer table's ``skill``/``skill_kind``/``skill_points``; the entries of
    a pair follow the offer's order: core skills, other required ones, nice-to-have ones.
    """
    ot = ctx.offers
    entry = concat_slices(ot.skill_ptr, cols)
    pair = np.repeat(np.arange(len(cols)), ot.skill_ptr[cols + 1] - ot.skill_ptr[cols])
    held = ctx.lookup.has_skills(rows[pair], ot.skill[entry])
    return pair, entry, held


def skill_points(ctx: Context, rows: np.ndarray, cols: np.ndarray, entries=None) -> np.ndarray:
    """Points for the listed skills each resident has (sum of grid values, exact)."""
    pair, entry, held = skill_entries(ctx, rows, cols) if entries is None else entries
    points = ctx.offers.skill_points[entry[held]]
    return np.bincount(pair[held], weights=points, minlength=len(rows)).astype(F32)
