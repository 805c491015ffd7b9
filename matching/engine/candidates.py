"""Candidate generation: which (resident, offer) pairs are worth scoring at all.

A pair is a candidate when the offer's fiche is related to a fiche the resident seeks
(proximity level > 0). Nothing is enumerated pair by pair: the graph gives a small
(n_occ x n_occ) table of proximity levels; a resident's reach is the row-wise maximum of that
table over the fiches they seek; offers are kept sorted by fiche (then commune), so the offers of
fiche ``j`` are one slice, ``order[ptr[j]:ptr[j + 1]]`` (an inverted list); and the residents
reaching fiche ``j`` are found through the inverted list fiche -> residents seeking it.
Commune reachability (the commute hard rule) is checked per resident against the communes of a
block, before any pair of the block is scored.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from . import weights as W
from .inputs import OccupationGraph, Offers, Residents


def proximity_levels(graph: OccupationGraph) -> np.ndarray:
    """Levels [s, j] for a resident seeking fiche ``s`` and an offer in fiche ``j``.

    Shape (n_occ + 1, n_occ), uint8; the extra last row (all 0) pads residents' lists of
    sought fiches. Best level wins: same fiche > same parent > mobility link > same domain.
    """
    n = graph.n_occ
    levels = np.zeros((n + 1, n), dtype=np.uint8)
    body = levels[:n]
    body[graph.domain[:, None] == graph.domain[None, :]] = W.SAME_DOMAIN
    mobility = graph.mobility.tocoo()
    links = body[mobility.row, mobility.col]
    body[mobility.row, mobility.col] = np.maximum(links, W.MOBILITY)
    body[graph.parent[:, None] == graph.parent[None, :]] = W.SAME_PARENT
    np.fill_diagonal(body, W.SAME_FICHE)
    return levels


def sought_table(sought: sp.csr_matrix) -> np.ndarray:
    """(n, width) fiches sought by each resident, padded with the sentinel ``n_occ``."""
    n, n_occ = sought.shape
    counts = np.diff(sought.indptr)
    width = max(int(counts.max(initial=0)), 1)
    table = np.full((n, width), n_occ, dtype=np.int32)
    rank = np.arange(sought.nnz) - np.repeat(sought.indptr[:-1], counts)
    table[np.repeat(np.arange(n), counts), rank] = sought.indices
    return table


def reach(levels: np.ndarray, table: np.ndarray) -> np.ndarray:
    """(len(table), n_occ) best proximity level of each resident to each fiche."""
    out = levels[table[:, 0]].copy()
    for column in range(1, table.shape[1]):
        np.maximum(out, levels[table[:, column]], out=out)
    return out


def eligible_residents(residents: Residents) -> np.ndarray:
    """Positions of residents who may be matched: consented and seek at least one fiche."""
    seeks = np.diff(residents.sought.indptr) > 0
    return np.flatnonzero(residents.consent & seeks)


def residents_order(residents: Residents, graph: OccupationGraph, rows: np.ndarray) -> np.ndarray:
    """``rows`` sorted by domain, fiche and commune of their first sought fiche.

    Residents who seek related fiches then sit in the same chunks, so a chunk reaches few
    fiches, and the residents reaching a fiche often form a contiguous run.
    """
    table = sought_table(residents.sought[rows])
    first = table[:, 0]
    domain = graph.domain[np.minimum(first, graph.n_occ - 1)]
    return rows[np.lexsort((residents.commune[rows], first, domain))]


class OfferIndex:
    """Published offers (optionally among ``positions``) sorted by fiche then commune.

    ``order[c]`` is the offer position of column ``c``; the columns of fiche ``j`` are
    ``ptr[j]:ptr[j + 1]``; ``column_of[offer]`` is -1 for offers that are not matched.
    """

    def __init__(self, offers: Offers, n_occ: int, positions=None):
        eligible = np.flatnonzero(offers.published)
        if positions is not None:
            eligible = np.intersect1d(eligible, np.asarray(positions, dtype=np.int64))
        keys = (offers.commune[eligible], offers.occupation[eligible])
        self.order = eligible[np.lexsort(keys)].astype(np.int64)
        counts = np.bincount(offers.occupation[self.order], minlength=n_occ)
        self.ptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        self.occupations = np.flatnonzero(counts)
        self.column_of = np.full(len(offers), -1, dtype=np.int64)
        self.column_of[self.order] = np.arange(len(self.order))

    def __len__(self) -> int:
        return len(self.order)

    def columns(self, occupations: np.ndarray) -> np.ndarray:
        """Columns of every offer in the given fiches (concatenated slices)."""
        return concat_slices(self.ptr, occupations)


class ResidentIndex:
    """Fiche -> eligible residents seeking it (an inverted list), for one-offer re-scores."""

    def __init__(self, residents: Residents, rows: np.ndarray, n_occ: int):
        mask = np.zeros(len(residents), dtype=bool)
        mask[rows] = True
        by_fiche = residents.sought.tocsc()
        fiche = np.repeat(np.arange(n_occ), np.diff(by_fiche.indptr))
        keep = mask[by_fiche.indices]
        counts = np.bincount(fiche[keep], minlength=n_occ)
        self.ptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        self.rows = by_fiche.indices[keep].astype(np.int64)

    def seeking(self, fiches: np.ndarray) -> np.ndarray:
        """Sorted unique residents seeking any of ``fiches``."""
        return np.unique(self.rows[concat_slices(self.ptr, fiches)])


def concat_slices(ptr: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Positions ``ptr[k]:ptr[k + 1]`` for every key, concatenated (CSR rows, no Python loop)."""
    keys = np.asarray(keys, dtype=np.int64)
    starts, stops = ptr[keys], ptr[keys + 1]
    counts = stops - starts
    ends = np.cumsum(counts)
    offsets = np.repeat(starts - (ends - counts), counts)
    return np.arange(int(ends[-1]) if len(ends) else 0, dtype=np.int64) + offsets
