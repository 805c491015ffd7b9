"""The tile map of the territory's communes: no polygons are shipped, so each commune is a
labelled tile placed on a grid as close as can be to its real latitude and longitude, shaded by
class of value, its value written inside."""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
from django.utils.safestring import mark_safe
from scipy.optimize import linear_sum_assignment

from observatory.charts import (
    HIDDEN,
    INK,
    MUTED,
    PAPER,
    Tile,
    esc,
    legend_rows,
    patterns,
    short,
    svg_open,
)
from vitrine.french import number

MAP_COLOURS = ["#eef6f1", "#c4e2d1", "#86c2a0", "#3d9468", "#0b5d3b"]
TILE_W, TILE_H, GAP = 108, 62, 4
SLACK = 1.5  # cells per commune: room for the grid to follow the real places


@lru_cache(maxsize=8)
def layout(places: tuple[tuple[str, float, float], ...]) -> dict[str, tuple[int, int]]:
    """A grid cell (column, row) for each (code, lat, lon): the assignment of communes to
    cells that keeps them closest to their real relative positions (Hungarian algorithm)."""
    lat = np.array([p[1] for p in places])
    lon = np.array([p[2] for p in places]) * math.cos(math.radians(float(lat.mean())))
    if len(places) == 1:
        return {places[0][0]: (0, 0)}
    # A square-ish grid with room to spare; each axis is stretched to fill it, which keeps
    # every commune's neighbours (north, south, east, west) where they are.
    cells_wanted = math.ceil(SLACK * len(places))
    cols = math.ceil(math.sqrt(cells_wanted))
    rows = math.ceil(cells_wanted / cols)
    x = (lon - lon.min()) / (np.ptp(lon) or 1) * (cols - 1)
    y = (lat.max() - lat) / (np.ptp(lat) or 1) * (rows - 1)
    cells = [(c, r) for r in range(rows) for c in range(cols)]
    grid = np.array(cells, dtype=float)
    cost = (x[:, None] - grid[None, :, 0]) ** 2 + (y[:, None] - grid[None, :, 1]) ** 2
    chosen_rows, chosen_cells = linear_sum_assignment(cost)
    return {places[i][0]: cells[k] for i, k in zip(chosen_rows, chosen_cells, strict=True)}


def classes(values: list[float], count: int = 4) -> list[float]:
    """Upper bounds of up to ``count`` classes of the positive values (quantiles)."""
    positive = sorted(v for v in values if v and v > 0)
    if not positive:
        return []
    picks = {
        positive[max(0, math.ceil(len(positive) * k / count) - 1)] for k in range(1, count + 1)
    }
    return sorted(picks)


def _name_lines(name: str) -> list[str]:
    if len(name) <= 14 or "-" not in name:
        return [short(name, 16)]
    cut = min((i for i, c in enumerate(name) if c == "-"), key=lambda i: abs(i - len(name) / 2))
    return [name[: cut + 1], short(name[cut + 1 :], 15)]


def tile_map(
    uid: str, title: str, desc: str, tiles: list[Tile], *, unit: str, floor: int = 0
) -> str:
    """The communes as tiles placed like on a map, shaded by class of value (4 classes and
    zero), each with its name and value written; hidden values hatched; communes left out by
    a filter blank, with a dash. ``floor``: the smallest value that can be shown (the legend
    starts there)."""
    places = tuple(sorted((t.code, round(t.lat, 4), round(t.lon, 4)) for t in tiles))
    cells = layout(places) if tiles else {}
    cols = max((c for c, _r in cells.values()), default=0) + 1
    rows = max((r for _c, r in cells.values()), default=0) + 1
    width = max(cols * (TILE_W + GAP), 420)
    bounds = classes([t.value for t in tiles if t.value is not None])
    hidden = any(t.text and t.value is None for t in tiles)
    left_out = any(not t.text and t.value is None for t in tiles)
    legend, legend_h = _map_legend(
        uid, bounds, unit, width, hidden=hidden, left_out=left_out, floor=floor
    )
    height = legend_h + rows * (TILE_H + GAP)
    out = [svg_open(uid, width, height, title, desc).replace(
        'class="chart"', f'class="chart chart-map" style="max-width:{width * 1.2:.0f}px"'
    ), patterns(uid), legend]  # fmt: skip
    for tile in tiles:
        col, row = cells[tile.code]
        x, y = col * (TILE_W + GAP), legend_h + row * (TILE_H + GAP)
        rank = next((k for k, b in enumerate(bounds) if (tile.value or 0) <= b), len(bounds) - 1)
        if tile.value is None:
            fill = f"url(#{uid}-{HIDDEN})" if tile.text else "#f3f4f7"
        else:
            fill = MAP_COLOURS[0] if not tile.value else MAP_COLOURS[rank + 1]
        ink = PAPER if tile.value and rank + 1 >= 3 else INK
        shown = tile.text or "—"
        out.append(f"<g><title>{esc(tile.name)} : {esc(shown)} {esc(unit)}</title>")
        out.append(f'<rect x="{x}" y="{y}" width="{TILE_W}" height="{TILE_H}" rx="4" '
                   f'fill="{fill}" stroke="{MUTED}"/>')  # fmt: skip
        if tile.value is None and tile.text:  # hidden: white labels over the hatching
            out.append(f'<rect x="{x + 3}" y="{y + 3}" width="{TILE_W - 6}" height="{TILE_H - 6}"'
                       f' fill="{PAPER}" opacity="0.85"/>')  # fmt: skip
        for k, part in enumerate(_name_lines(tile.name)):
            out.append(f'<text x="{x + 6}" y="{y + 15 + 13 * k}" font-size="11.5" '
                       f'fill="{ink}">{esc(part)}</text>')  # fmt: skip
        out.append(f'<text x="{x + 6}" y="{y + 54}" font-weight="700" fill="{ink}">'
                   f"{esc(shown)}</text></g>")  # fmt: skip
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 (every text above is escaped)


def _map_legend(uid, bounds, unit: str, width: float, *, hidden, left_out, floor):
    steps, low = ([] if floor else [("0", MAP_COLOURS[0])]), max(floor, 1)
    for k, bound in enumerate(bounds):
        label = number(bound) if low >= bound else f"{number(low)} à {number(bound)}"
        steps.append((label, MAP_COLOURS[k + 1]))
        low = int(bound) + 1
    swatch = '<rect x="0" y="-13" width="18" height="18" fill="{}" stroke="' + MUTED + '"/>'
    entries = [(swatch.format(colour), label) for label, colour in steps]
    if hidden:
        entries.append((swatch.format(f"url(#{uid}-{HIDDEN})"), "moins de 10"))
    if left_out:
        entries.append((swatch.format("#f3f4f7"), "hors du filtre"))
    markup, y = legend_rows(entries, width, 40)
    head = f'<text x="0" y="16" font-weight="600">{esc(unit[:1].upper() + unit[1:])}</text>'
    return head + markup, y + 6
