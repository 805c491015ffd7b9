"""Per-side derived arrays: what scoring reads about residents and about offers.

``OfferTable`` turns the published offers (all of them, or a few for a re-score) into *columns*
sorted by fiche, with their skill lists in points; ``ResidentTable`` holds the eligible residents
in chunking order, their sought fiches and an exact skill lookup. ``Context`` adds the graph's
proximity levels, the commute matrix and the weights of this run.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from . import components as C
from . import weights as W
from .candidates import (
    OfferIndex,
    ResidentIndex,
    eligible_residents,
    proximity_levels,
    residents_order,
    sought_table,
)
from .inputs import Geography, OccupationGraph, Offers, Residents

F32 = np.float32


class OfferTable:
    """Published offers (optionally only ``positions``) as columns sorted by fiche then commune."""

    def __init__(self, offers: Offers, n_occ: int, skills_weight: float, positions=None):
        self.offers = offers
        self.index = OfferIndex(offers, n_occ, positions)
        cols = self.order = self.index.order
        self.occupation = offers.occupation[cols]
        self.commune = offers.commune[cols]
        self.level = offers.level[cols]
        self.strict = offers.strict[cols]
        self.contract = offers.contract[cols]
        self.full_time = offers.hours[cols] >= W.FULL_TIME_HOURS
        self.start_week = C.week(offers.start[cols])
        self.permits = offers.permits[cols]
        if (self.permits >> W.MAX_PERMIT_BITS).any():
            raise ValueError(f"permits: at most {W.MAX_PERMIT_BITS} kinds")
        self._skills(skills_weight)

    def __len__(self) -> int:
        return len(self.order)

    def _skills(self, weight: float) -> None:
        """Per column, the skills listed (core, other required, nice), with their points."""
        required = self.offers.required[self.order].tocoo()
        nice = self.offers.nice[self.order].tocoo()
        col = np.concatenate([required.row, nice.row]).astype(np.int64)
        skill = np.concatenate([required.col, nice.col]).astype(np.int64)
        kind = np.concatenate([required.data, np.zeros(nice.nnz)]).astype(np.int8)
        order = np.lexsort((skill, -kind, col))
        col, kind = col[order], kind[order]
        by_kind = np.array([W.SKILL_WEIGHT_NICE, W.SKILL_WEIGHT_REQUIRED, W.SKILL_WEIGHT_CORE])
        raw = by_kind[kind]
        total = np.bincount(col, weights=raw, minlength=len(self))
        self.skill = skill[order]
        self.skill_kind = kind
        self.skill_points = C.on_grid(weight * raw / total[col]) if len(col) else np.zeros(0, F32)
        self.skill_ptr = np.concatenate([[0], np.cumsum(np.bincount(col, minlength=len(self)))])
        self.required = np.bincount(col[kind > 0], minlength=len(self)).astype(np.int32)
        self.no_skills = total == 0

    def column(self, offer: int) -> int:
        """Column of an offer position, -1 when it is not matched (unpublished)."""
        return int(self.index.column_of[offer])


class ResidentTable:
    """Eligible residents (consented, seeking a fiche), optionally among ``positions`` only."""

    def __init__(self, residents: Residents, graph: OccupationGraph, positions=None):
        self.residents = residents
        candidates = eligible_residents(residents)
        if positions is not None:
            candidates = np.intersect1d(candidates, np.asarray(positions, dtype=np.int64))
        self.rows = residents_order(residents, graph, candidates)
        self.eligible = np.zeros(len(residents), dtype=bool)
        self.eligible[self.rows] = True
        self.sought = sought_table(residents.sought)
        self._index = None
        self._keys = None

    @property
    def index(self) -> ResidentIndex:
        """Fiche -> eligible residents seeking it (built on first use)."""
        if self._index is None:
            self._index = ResidentIndex(self.residents, self.rows, self.residents.sought.shape[1])
        return self._index

    def has_skills(self, rows: np.ndarray, skills: np.ndarray) -> np.ndarray:
        """Whether resident ``rows[i]`` (eligible) has skill ``skills[i]`` (binary search)."""
        matrix = self.residents.skills
        if self._keys is None:
            own = np.sort(self.rows)
            sub = matrix[own]
            self._keys = np.repeat(own, np.diff(sub.indptr)) * matrix.shape[1] + sub.indices
        if len(self._keys) == 0:
            return np.zeros(len(rows), dtype=bool)
        query = np.asarray(rows, np.int64) * matrix.shape[1] + np.asarray(skills, np.int64)
        found = np.minimum(np.searchsorted(self._keys, query), len(self._keys) - 1)
        return self._keys[found] == query


class SkillBits:
    """Residents' skills as packed bits over a compact vocabulary (the skills offers list).

    Faster than ``ResidentTable.has_skills`` for millions of lookups; gives the same answers for
    every skill of the vocabulary.
    """

    def __init__(self, skills: sp.csr_matrix, vocabulary: np.ndarray):
        self.ids = np.asarray(vocabulary, dtype=np.int64)
        self.compact = np.full(skills.shape[1], -1, dtype=np.int64)
        self.compact[self.ids] = np.arange(len(self.ids))
        width = max((len(self.ids) + 7) // 8, 1)
        self.bits = np.zeros((skills.shape[0], width), dtype=np.uint8)
        position = self.compact[skills.indices]
        keep = position >= 0
        row = np.repeat(np.arange(skills.shape[0]), np.diff(skills.indptr))[keep]
        position = position[keep]
        flat = self.bits.reshape(-1)
        bit = (1 << (position & 7)).astype(np.uint8)
        np.bitwise_or.at(flat, row * width + (position >> 3), bit)

    def has_skills(self, rows: np.ndarray, skills: np.ndarray) -> np.ndarray:
        position = self.compact[skills]
        byte = self.bits[rows, np.maximum(position, 0) >> 3]
        return (position >= 0) & (((byte >> (position & 7)) & 1) == 1)

    def dense(self, rows) -> np.ndarray:
        """(len(rows), len(vocabulary)) uint8 0/1 skills of ``rows``."""
        return np.unpackbits(self.bits[rows], axis=1, count=len(self.ids), bitorder="little")


@dataclass(eq=False)
class Context:
    """Both tables, the proximity levels, the commute matrix and this run's weights."""

    residents: ResidentTable
    offers: OfferTable
    levels: np.ndarray
    minutes: np.ndarray
    weights: dict[str, float]
    has_text: bool
    text_constant: float
    text_exponent: int
    lookup: ResidentTable | SkillBits

    def resident_text(self, rows) -> np.ndarray:
        """Quantised text vectors of residents ``rows`` (integers, as float32)."""
        return self.residents.residents.text[rows].astype(F32)

    def offer_text(self, cols) -> np.ndarray:
        """Quantised text vectors of offer columns ``cols`` (integers times 2**-exponent)."""
        vectors = self.offers.offers.text[self.offers.order[cols]]
        return vectors.astype(F32) * F32(2.0**-self.text_exponent)


def context(
    residents: Residents,
    offers: Offers,
    graph: OccupationGraph,
    geography: Geography,
    resident_positions=None,
    offer_positions=None,
    levels: np.ndarray | None = None,
) -> Context:
    """Build the tables (optionally for a few residents or offers only) and the context."""
    if residents.sought.shape[1] != graph.n_occ or offers.occupation.max(initial=0) >= graph.n_occ:
        raise ValueError("residents' and offers' fiches must be rows of the graph")
    if residents.skills.shape[1] != offers.required.shape[1]:
        raise ValueError("residents and offers must share one skill vocabulary")
    has_text = residents.text is not None and offers.text is not None
    if has_text and residents.text.shape[1] != offers.text.shape[1]:
        raise ValueError("residents' and offers' text vectors must have the same dimension")
    constant, _, exponent = C.text_quantisation()
    has_text = has_text and constant > 0
    weights = W.active_weights(has_text)
    constant = constant if has_text else 0.0
    resident_table = ResidentTable(residents, graph, resident_positions)
    return Context(
        residents=resident_table,
        offers=OfferTable(offers, graph.n_occ, weights["skills"], offer_positions),
        levels=proximity_levels(graph) if levels is None else levels,
        minutes=geography.minutes,
        weights=weights,
        has_text=has_text,
        text_constant=constant,
        text_exponent=exponent,
        lookup=resident_table,
    )
