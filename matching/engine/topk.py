"""Best-k lists kept up to date block after block, with ``argpartition`` (never a full sort).

A ``TopK`` holds, for ``n`` rows, the ``k`` best (score, id) seen so far. A block of scores is
first cut to its own best k per row, then merged into the rows it concerns; rows whose block
best cannot beat their current k-th are skipped. Residents' lists and offers' lists are two
``TopK``s fed by the same blocks (one by rows, one by columns), so both directions see the
same scores.
"""

from __future__ import annotations

import numpy as np

EMPTY = -np.inf


class TopK:
    """The ``k`` best (score, id) of each of ``n`` rows."""

    def __init__(self, n: int, k: int):
        self.k = k
        self.values = np.full((n, k), EMPTY, dtype=np.float32)
        self.ids = np.full((n, k), -1, dtype=np.int64)
        self.floor = np.full(n, EMPTY, dtype=np.float32)  # current k-th best of each row

    def push(self, rows, values: np.ndarray, ids: np.ndarray) -> None:
        """Merge candidate ``values``/``ids`` (m, w) into ``rows`` (a slice or m unique rows)."""
        rows, keep = self._improving(rows, values)
        if keep is not None:
            values, ids = values[keep], ids[keep]
        if len(values):
            self._merge(rows, *best_per_row(values, ids, self.k))

    def push_block(self, rows, block: np.ndarray, first_id: int) -> None:
        """Rows of ``block`` (m, w) go to ``rows``; column c of the block is id ``first_id + c``."""
        rows, keep = self._improving(rows, block)
        if keep is not None:
            block = block[keep]
        width = block.shape[1]
        if len(block) == 0:
            return
        if width > self.k:
            positions = np.argpartition(block, width - self.k, axis=1)[:, width - self.k :]
            self._merge(rows, np.take_along_axis(block, positions, axis=1), positions + first_id)
        else:
            ids = np.broadcast_to(np.arange(first_id, first_id + width), block.shape)
            self._merge(rows, block, ids)

    def _improving(self, rows, values: np.ndarray):
        """Only the rows whose best candidate beats their current k-th best need a merge."""
        better = values.max(axis=1) > self.floor[rows]
        if better.all():
            return rows, None
        if isinstance(rows, slice):
            rows = np.arange(rows.start, rows.stop)
        return rows[better], better

    def _merge(self, rows, values: np.ndarray, ids: np.ndarray) -> None:
        merged_values = np.concatenate([self.values[rows], values], axis=1)
        merged_ids = np.concatenate([self.ids[rows], ids], axis=1)
        kept_values, kept_ids = best_per_row(merged_values, merged_ids, self.k)
        self.values[rows] = kept_values
        self.ids[rows] = kept_ids
        self.floor[rows] = kept_values.min(axis=1)

    def merge(self, other: TopK) -> None:
        """Fold another ``TopK`` over the same rows into this one (e.g. another worker's)."""
        self.push(slice(0, len(self.values)), other.values, other.ids)

    def sorted(self, minimum: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
        """(ids, values), best first; entries below ``minimum`` become id -1 and NaN."""
        order = np.argsort(-self.values, axis=1, kind="stable")
        values = np.take_along_axis(self.values, order, axis=1)
        ids = np.take_along_axis(self.ids, order, axis=1)
        invalid = ~(values >= minimum)
        return np.where(invalid, -1, ids), np.where(invalid, np.nan, values).astype(np.float32)


def best_per_row(values: np.ndarray, ids: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The k best (values, ids) of each row, in no particular order."""
    width = values.shape[1]
    if width <= k:
        return values, ids
    positions = np.argpartition(values, width - k, axis=1)[:, width - k :]
    return np.take_along_axis(values, positions, axis=1), np.take_along_axis(ids, positions, axis=1)


def top_k(values: np.ndarray, k: int) -> np.ndarray:
    """Positions of the k largest of a 1-d array, best first."""
    if len(values) > k:
        positions = np.argpartition(values, len(values) - k)[len(values) - k :]
    else:
        positions = np.arange(len(values))
    return positions[np.argsort(-values[positions], kind="stable")]
