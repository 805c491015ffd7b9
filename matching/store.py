"""Writing matches to PostgreSQL with COPY, the lines built with numpy (no loop over rows).

Every row is laid out in one uint8 matrix: ASCII digits from integer arithmetic and lookup
tables, padding as 0 bytes that one boolean mask drops at the end. This module knows nothing of
Django: it takes arrays and a DB-API cursor with ``copy_expert`` (psycopg2).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np

COLUMNS = (
    "run_id",
    "profile_id",
    "offer_id",
    "score",
    "components",
    "required",
    "missing",
    "missing_core",
    "minutes",
    "for_resident",
    "for_offer",
)
BATCH = 200_000


def _digits(values, width: int) -> np.ndarray:
    """(n, width) ASCII digits of non-negative integers; leading zeros become 0 bytes."""
    values = np.asarray(values, dtype=np.int64)
    powers = 10 ** np.arange(width - 1, -1, -1, dtype=np.int64)
    digits = (values[..., None] // powers) % 10
    significant = np.maximum.accumulate(digits > 0, axis=-1)
    significant[..., -1] = True
    return np.where(significant, digits + 48, 0).astype(np.uint8)


def _text(text: str, n: int) -> np.ndarray:
    return np.broadcast_to(np.frombuffer(text.encode(), dtype=np.uint8), (n, len(text)))


def _flag(values) -> np.ndarray:
    return np.where(values, ord("t"), ord("f")).astype(np.uint8)[:, None]


def ranks(counts: np.ndarray) -> np.ndarray:
    """0, 1, ... within each of the consecutive groups of sizes ``counts``."""
    counts = np.asarray(counts, dtype=np.int64)
    return np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)


@dataclass
class Rows:
    """Matches as flat arrays; ``skills`` holds ``counts[i]`` vocabulary positions per row."""

    profile: np.ndarray
    offer: np.ndarray
    score: np.ndarray
    components: np.ndarray  # (n, 6) fits in [0, 1]
    required: np.ndarray
    counts: np.ndarray
    skills: np.ndarray
    core: np.ndarray  # core skills among the missing ones, per row
    minutes: np.ndarray
    for_resident: np.ndarray
    for_offer: np.ndarray

    def __len__(self) -> int:
        return len(self.profile)

    def slice(self, lo: int, hi: int) -> Rows:
        ends = np.cumsum(self.counts)
        s_lo, s_hi = (int(ends[lo - 1]) if lo else 0), (int(ends[hi - 1]) if hi else 0)
        return Rows(
            self.profile[lo:hi],
            self.offer[lo:hi],
            self.score[lo:hi],
            self.components[lo:hi],
            self.required[lo:hi],
            self.counts[lo:hi],
            self.skills[s_lo:s_hi],
            self.core[lo:hi],
            self.minutes[lo:hi],
            self.for_resident[lo:hi],
            self.for_offer[lo:hi],
        )


class CopyText:
    """Lines of ``COPY matching_match (COLUMNS) FROM STDIN`` (text format) for a run."""

    def __init__(self, run_id: int, skill_codes: np.ndarray):
        self.run = f"{int(run_id)}\t"
        fractions = [f"{i / 10000:.4f}" for i in range(10001)]
        self.fractions = np.frombuffer("".join(fractions).encode(), np.uint8).reshape(10001, 6)
        codes = [str(code) for code in skill_codes]
        width = max((len(code) for code in codes), default=1)
        table = np.zeros((len(codes) + 1, width + 1), np.uint8)  # the last row: no skill
        for i, code in enumerate(codes):
            table[i, 0] = ord(",")
            table[i, 1 : 1 + len(code)] = np.frombuffer(code.encode(), np.uint8)
        self.codes = table

    def __call__(self, rows: Rows) -> bytes:
        n = len(rows)
        if n == 0:
            return b""
        fits = np.clip(np.rint(np.nan_to_num(rows.components) * 10000), 0, 10000).astype(np.int64)
        comma = np.full((n, fits.shape[1], 1), ord(","), dtype=np.uint8)
        comma[:, 0] = 0
        components = np.concatenate([comma, self.fractions[fits]], axis=2).reshape(n, -1)
        slots = np.full((n, max(int(rows.counts.max(initial=0)), 1)), -1, dtype=np.int64)
        slots[np.repeat(np.arange(n), rows.counts), ranks(rows.counts)] = rows.skills
        missing = self.codes[slots]
        missing[:, 0, 0] = 0  # no comma before the first skill
        hundredths = np.rint(np.clip(rows.score, 0, 100) * 100).astype(np.int64)
        cents = np.stack([hundredths % 100 // 10, hundredths % 10], axis=1).astype(np.uint8) + 48
        minutes = np.where(rows.minutes >= 0, rows.minutes, 0).astype(np.int64)
        null_minutes = rows.minutes < 0
        minute_text = np.where(null_minutes[:, None], 0, _digits(minutes, 4))
        minute_text[null_minutes, :2] = np.frombuffer(b"\\N", np.uint8)
        line = np.concatenate(
            [
                _text(self.run, n),
                _digits(rows.profile, 10),
                _text("\t", n),
                _digits(rows.offer, 10),
                _text("\t", n),
                _digits(hundredths // 100, 3),
                _text(".", n),
                cents,
                _text("\t{", n),
                components,
                _text("}\t", n),
                _digits(rows.required, 3),
                _text("\t{", n),
                missing.reshape(n, -1),
                _text("}\t", n),
                _digits(rows.core, 3),
                _text("\t", n),
                minute_text,
                _text("\t", n),
                _flag(rows.for_resident),
                _text("\t", n),
                _flag(rows.for_offer),
                _text("\n", n),
            ],
            axis=1,
        )
        return line[line != 0].tobytes()


def write(cursor, run_id: int, skill_codes: np.ndarray, rows: Rows, table="matching_match") -> int:
    """COPY ``rows`` into ``table`` for ``run_id``; return the number of rows written."""
    text = CopyText(run_id, skill_codes)
    columns = ", ".join(COLUMNS)
    for lo in range(0, len(rows), BATCH):
        part = rows.slice(lo, min(lo + BATCH, len(rows)))
        cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN", io.BytesIO(text(part)))
    return len(rows)
