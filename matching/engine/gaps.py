"""The skill gap of a pair: the offer's required skills the resident does not have, core first.

Computed only for the pairs that are shown (the top-k lists), in batches, with no loop over
pairs: every (pair, listed skill) is laid out flat, looked up in the residents' packed skill bits,
and the missing required ones are kept in the offer's order (core skills first).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import weights as W
from .score import skill_entries
from .tables import Context

BATCH = 1 << 18


@dataclass(frozen=True, eq=False)
class Gaps:
    """Missing skills of n pairs as a ragged array: pair p lacks ``skills[ptr[p]:ptr[p + 1]]``.

    ``skills`` are positions in the skill vocabulary; ``core`` says which are core skills.
    """

    ptr: np.ndarray
    skills: np.ndarray
    core: np.ndarray

    def of(self, pair: int) -> tuple[np.ndarray, np.ndarray]:
        """(skills, core flags) missing for one pair."""
        lo, hi = self.ptr[pair], self.ptr[pair + 1]
        return self.skills[lo:hi], self.core[lo:hi]

    def counts(self) -> np.ndarray:
        return np.diff(self.ptr)


def missing_skills(ctx: Context, rows: np.ndarray, cols: np.ndarray) -> Gaps:
    """Missing required skills of pairs (resident ``rows[p]``, offer column ``cols[p]``).

    Pairs with a negative row or column (an empty slot of a top-k list) have no gap.
    """
    rows = np.asarray(rows, dtype=np.int64).ravel()
    cols = np.asarray(cols, dtype=np.int64).ravel()
    counts = np.zeros(len(rows), dtype=np.int64)
    parts = []
    for start in range(0, len(rows), BATCH):
        part = slice(start, start + BATCH)
        real = start + np.flatnonzero((rows[part] >= 0) & (cols[part] >= 0))
        entries = skill_entries(ctx, rows[real], cols[real])
        part_counts, skills, core = from_entries(ctx, len(real), entries)
        counts[real] = part_counts
        parts.append((skills, core))
    return assemble(counts, parts)


def from_entries(ctx: Context, n_pairs: int, entries) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(missing count per pair, missing skills, core flags) from ``score.skill_entries``."""
    pair, entry, held = entries
    kind = ctx.offers.skill_kind[entry]
    missing = (kind > 0) & ~held
    skills = ctx.offers.skill[entry[missing]].astype(np.int32)
    core = kind[missing] == W.REQUIRED_CORE
    return np.bincount(pair[missing], minlength=n_pairs), skills, core


def assemble(counts: np.ndarray, parts: list[tuple[np.ndarray, np.ndarray]]) -> Gaps:
    """``Gaps`` from per-pair counts and the (skills, core) parts in pair order."""
    return Gaps(
        ptr=np.concatenate([[0], np.cumsum(counts)]).astype(np.int64),
        skills=np.concatenate([p[0] for p in parts]) if parts else np.zeros(0, np.int32),
        core=np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, bool),
    )
