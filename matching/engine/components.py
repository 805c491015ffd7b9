"""The formula of each score component, elementwise on numpy arrays.

Each ``*_points`` function returns float32 points on the ``weights.GRID`` (fit x weight, rounded),
and ``weights.EXCLUDED`` where the pair breaks a hard rule. The same function computes a table for
a whole block and the value of single pairs, so both give bit-identical numbers.
"""

from __future__ import annotations

import numpy as np

from . import weights as W

F32 = np.float32


def on_grid(points) -> np.ndarray:
    """Round points down to the engine's grid: exact float32 sums afterwards, and no term ever
    above its exact value, so a score never exceeds 100 nor a fit 1."""
    points = np.asarray(points, dtype=F32)
    return (np.floor(points * F32(1.0 / W.GRID)) * F32(W.GRID)).astype(F32)


def proximity_table(weight: float) -> np.ndarray:
    """Points by proximity level (index 0–4)."""
    fits = [W.PROXIMITY_FIT[level] for level in range(5)]
    return on_grid(np.asarray(fits, dtype=F32) * F32(weight))


def qualification_fit(resident_level, required_level) -> np.ndarray:
    """One-sided fit in [0, 1] between a resident's level and the level an offer asks."""
    have = np.maximum(np.asarray(resident_level, dtype=np.int16), W.NO_DIPLOMA_RANK)
    want = np.asarray(required_level, dtype=np.int16)
    asks = want > W.NO_DIPLOMA_RANK
    under = np.where(asks, np.maximum(want - have, 0), 0).astype(F32)
    over = np.where(asks, np.maximum(have - want, 0), 0).astype(F32)
    under_fit = np.maximum(F32(1.0) - F32(W.UNDER_COST_PER_LEVEL) * under, F32(0.0))
    over_fit = np.maximum(F32(1.0) - F32(W.OVER_COST_PER_LEVEL) * over, F32(W.OVER_FLOOR))
    return np.where(under > 0, under_fit, over_fit).astype(F32)


def qualification_points(resident_level, required_level, strict, weight: float) -> np.ndarray:
    """Points for qualification; ``EXCLUDED`` when a strict level is too far above theirs."""
    have = np.maximum(np.asarray(resident_level, dtype=np.int16), W.NO_DIPLOMA_RANK)
    want = np.asarray(required_level, dtype=np.int16)
    too_far = np.asarray(strict, dtype=bool) & (want - have > W.STRICT_MAX_LEVELS_BELOW)
    points = on_grid(qualification_fit(resident_level, required_level) * F32(weight))
    return np.where(too_far, F32(W.EXCLUDED), points).astype(F32)


def commute_fit(minutes, limit) -> np.ndarray:
    """Fit in [FIT_AT_LIMIT, 1] for a commute within the limit (meaningless beyond it)."""
    share = np.asarray(minutes, dtype=F32) / np.asarray(limit, dtype=F32)
    slope = F32((1.0 - W.FIT_AT_LIMIT) / (1.0 - W.COMFORT_SHARE))
    return np.minimum(F32(1.0), F32(1.0) - slope * (share - F32(W.COMFORT_SHARE))).astype(F32)


def commute_points(minutes, limit, weight: float) -> np.ndarray:
    """Points for the commute; ``EXCLUDED`` beyond the resident's limit."""
    minutes = np.asarray(minutes, dtype=F32)
    limit = np.asarray(limit, dtype=F32)
    points = on_grid(commute_fit(minutes, limit) * F32(weight))
    return np.where(minutes > limit, F32(W.EXCLUDED), points).astype(F32)


def contract_ok(wanted_contracts, contract) -> np.ndarray:
    """The offer's contract type is among those wanted (a wanted mask of 0 means any)."""
    wanted = np.asarray(wanted_contracts, dtype=np.int64)
    bit = np.left_shift(np.int64(1), np.asarray(contract, dtype=np.int64))
    return (wanted == 0) | ((wanted & bit) != 0)


def hours_ok(wanted_hours, full_time) -> np.ndarray:
    """The offer's hours suit the resident (any, full time or part time wanted)."""
    wanted = np.asarray(wanted_hours, dtype=np.int8)
    full = np.asarray(full_time, dtype=bool)
    return (
        (wanted == W.HOURS_ANY)
        | ((wanted == W.HOURS_FULL) & full)
        | ((wanted == W.HOURS_PART) & ~full)
    )


def contract_hours_points(wanted_contracts, wanted_hours, contract, full_time, weight: float):
    """Two thirds of the preferences: contract type and hours."""
    hits = contract_ok(wanted_contracts, contract).astype(F32) + hours_ok(
        wanted_hours, full_time
    ).astype(F32)
    return on_grid(hits * F32(weight / 3.0))


def start_fit(available_week, start_week) -> np.ndarray:
    """1 when the resident is available by the start week, then -1/8 per week late."""
    late = np.maximum(np.asarray(available_week, np.int32) - np.asarray(start_week, np.int32), 0)
    return np.maximum(F32(1.0) - late.astype(F32) * F32(1.0 / W.START_GRACE_WEEKS), F32(0.0))


def start_points(available_week, start_week, weight: float) -> np.ndarray:
    """The last third of the preferences: start date (what the other two thirds leave of the
    weight, so that all three at best give exactly the weight)."""
    third = F32(weight) - on_grid(F32(2.0) * F32(weight / 3.0))
    return on_grid(start_fit(available_week, start_week) * third)


def week(day) -> np.ndarray:
    """Week number of a day number (weeks are what start dates are compared in)."""
    return np.floor_divide(np.asarray(day, dtype=np.int32), 7)


def text_quantisation() -> tuple[float, float, int]:
    """(midpoint points c, integer scale s, exponent e) of the text component.

    Text vectors become integer vectors of length <= s (int8); an offer's is used times 2**-e.
    With s**2 * 2**-e <= c, the text points c + a.b * 2**-e lie in [0, 2c] (the text weight),
    about c * (1 + cosine), and every product and sum of the block product is exact.
    """
    constant = float(on_grid(W.WEIGHTS["text"] / 2.0))
    if constant <= 0:
        return 0.0, 0.0, 0
    exponent = min(12, int(np.floor(np.log2(127.0**2 / constant))))
    return constant, float(np.floor(np.sqrt(constant * 2.0**exponent))), exponent


def quantise_text(vectors, batch: int = 4096) -> np.ndarray:
    """Unit-normalise and round text vectors to int8, never longer than the scale.

    Row by row in float64 (in batches, to bound memory), so a row gets the same integers
    whatever batch it comes in.
    """
    _, scale, _ = text_quantisation()
    vectors = np.asarray(vectors)
    out = np.empty(vectors.shape, dtype=np.int8)
    for start in range(0, len(vectors), batch):
        out[start : start + batch] = _quantise_rows(vectors[start : start + batch], scale)
    return out


def _quantise_rows(vectors, scale: float) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float64)
    norms = np.sqrt(np.sum(vectors * vectors, axis=1, keepdims=True))
    unit = vectors / np.where(norms > 0, norms, 1.0)
    factor = np.full((len(vectors), 1), scale)
    out = np.round(unit * factor)
    for attempt in range(12):  # rounding can lengthen a vector a little: shrink those rows
        length = np.sqrt(np.sum(out * out, axis=1, keepdims=True))
        over = length > scale
        if not over.any():
            break
        factor = np.where(over, factor * scale / length * (1 - 1e-3 * (attempt + 1)), factor)
        out = np.where(over, np.round(unit * factor), out)
    return out
