"""Server-side SVG charts: horizontal bars, columns (stacked), lines, a funnel, progress against
a target (the tile map of the communes is in ``charts_map``).

Every chart is an ``<svg role="img">`` named by its ``<title>`` and described by its ``<desc>``
(a sentence with the main figures); each value is written as text next to its mark, and series
differ by pattern, dash and marker shape as well as by colour, so colour never carries meaning
alone. The table behind each chart is rendered by the page. Texts are escaped here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe

from vitrine.french import number

WIDTH = 720
INK, MUTED, GRID, PAPER = "#1b1b1f", "#4a4a55", "#c9ccd6", "#ffffff"
# (colour, light background of its pattern, pattern, dash, marker)
STYLES = [
    ("#0b5d3b", "#0b5d3b", "solid", "", "circle"),
    ("#a33b00", "#fbe3d6", "hatch", "7 4", "square"),
    ("#1f5fa8", "#dde9f7", "dots", "2 3", "triangle"),
    ("#4a4a55", "#e6e6ea", "cross", "10 3 2 3", "diamond"),
]
HIDDEN = "hidden"  # the pattern of values hidden because too small


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # None: hidden (too small to publish)
    text: str


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float]


@dataclass(frozen=True)
class Tile:
    code: str
    name: str
    lat: float
    lon: float
    value: float | None  # None: hidden or not selected
    text: str


def esc(text) -> str:
    return str(escape(str(text)))


def svg_open(uid: str, width: float, height: float, title: str, desc: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{uid}" role="img" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
        f'aria-labelledby="{uid}-title {uid}-desc" font-size="13" fill="{INK}">'
        f'<title id="{uid}-title">{esc(title)}</title><desc id="{uid}-desc">{esc(desc)}</desc>'
    )


def patterns(uid: str) -> str:
    out = ["<defs>"]
    for i, (colour, light, kind, _dash, _marker) in enumerate(STYLES):
        out.append(_pattern(f"{uid}-p{i}", colour, light, kind))
    out.append(_pattern(f"{uid}-{HIDDEN}", MUTED, PAPER, "hatch"))
    out.append("</defs>")
    return "".join(out)


def _pattern(pid: str, colour: str, light: str, kind: str) -> str:
    head = f'<pattern id="{pid}" patternUnits="userSpaceOnUse" width="8" height="8"'
    if kind == "solid":
        return f'{head}><rect width="8" height="8" fill="{colour}"/></pattern>'
    if kind == "dots":
        return (
            f'{head}><rect width="8" height="8" fill="{light}"/>'
            f'<circle cx="4" cy="4" r="2" fill="{colour}"/></pattern>'
        )
    lines = f'<line x1="0" y1="0" x2="0" y2="8" stroke="{colour}" stroke-width="3"/>'
    if kind == "cross":
        lines += f'<line x1="0" y1="4" x2="8" y2="4" stroke="{colour}" stroke-width="2"/>'
    return (
        f'{head} patternTransform="rotate(45)"><rect width="8" height="8" fill="{light}"/>'
        f"{lines}</pattern>"
    )


def _fill(uid: str, index: int) -> str:
    return f'fill="url(#{uid}-p{index % len(STYLES)})" stroke="{STYLES[index % len(STYLES)][0]}"'


def short(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def nice_max(value: float) -> float:
    """The smallest 1, 2, 2.5 or 5 × 10^k at least ``value`` (an axis' top)."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= value)


def legend_rows(entries: list[tuple[str, str]], width: float, y: float) -> tuple[str, float]:
    """Legend entries (swatch at x=0, label), wrapped over lines; (markup, next free y)."""
    out, x = [], 8.0
    for swatch, label in entries:
        size = 36 + 7.8 * len(label)
        if x > 8 and x + size > width:
            x, y = 8.0, y + 22
        out.append(f'<g transform="translate({x:.0f} {y:.0f})">{swatch}'
                   f'<text x="28" y="0">{esc(label)}</text></g>')  # fmt: skip
        x += size + 12
    return "".join(out), y + 14


def _legend(uid: str, names: list[str], y: float, *, lines: bool = False) -> tuple[str, float]:
    entries = [
        (_line_sample(i, 0, 0) if lines
         else f'<rect x="0" y="-11" width="22" height="14" {_fill(uid, i)}/>', name)
        for i, name in enumerate(names)
    ]  # fmt: skip
    return legend_rows(entries, WIDTH, y)


def _marker(index: int, x: float, y: float) -> str:
    colour, _light, _kind, _dash, shape = STYLES[index % len(STYLES)]
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>'
    if shape == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    if shape == "triangle":
        points = f"{x:.1f},{y - 5:.1f} {x + 5:.1f},{y + 4:.1f} {x - 5:.1f},{y + 4:.1f}"
    else:
        points = f"{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} {x - 5:.1f},{y:.1f}"
    return f'<polygon points="{points}" fill="{colour}"/>'


def _line_sample(index: int, x: float, y: float) -> str:
    colour, _light, _kind, dash, _shape = STYLES[index % len(STYLES)]
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<line x1="{x}" y1="{y - 4}" x2="{x + 22}" y2="{y - 4}" stroke="{colour}" '
        f'stroke-width="2.5"{dashed}/>{_marker(index, x + 11, y - 4)}'
    )


def hbars(uid: str, title: str, desc: str, bars: list[Bar], *, label_width: int = 250) -> str:
    """One horizontal bar per item, its value written at its end; hidden values are a hatched
    stub labelled with their text ("moins de 10")."""
    row, top = 28, 6
    height = top + row * max(len(bars), 1) + 6
    top_value = nice_max(max((b.value or 0 for b in bars), default=0))
    span = WIDTH - label_width - 100
    out = [svg_open(uid, WIDTH, height, title, desc), patterns(uid)]
    for i, bar in enumerate(bars):
        y = top + i * row
        out.append(f"<g><title>{esc(bar.label)} : {esc(bar.text)}</title>")
        out.append(
            f'<text x="{label_width - 8}" y="{y + 17}" text-anchor="end">'
            f"{esc(short(bar.label, label_width // 7))}</text>"
        )
        if bar.value is None:
            out.append(
                f'<rect x="{label_width}" y="{y + 5}" width="24" height="16" '
                f'fill="url(#{uid}-{HIDDEN})" stroke="{MUTED}"/>'
            )
            end = label_width + 24
        else:
            length = span * bar.value / top_value
            out.append(
                f'<rect x="{label_width}" y="{y + 5}" width="{length:.1f}" height="16" '
                f"{_fill(uid, 0)}/>"
            )
            end = label_width + length
        out.append(f'<text x="{end + 6:.1f}" y="{y + 18}" font-weight="600">{esc(bar.text)}</text>')
        out.append("</g>")
    out.append(f'<line x1="{label_width}" y1="{top}" x2="{label_width}" y2="{height - 6}" '
               f'stroke="{MUTED}"/></svg>')  # fmt: skip
    return mark_safe("".join(out))  # noqa: S308 (every text above is escaped)


def scale(value: float) -> tuple[float, float]:
    """(top, step) of a count axis: at most 5 steps of 1, 2 or 5 × 10^k, whole numbers."""
    if value <= 0:
        return 4, 1
    raw = value / 4
    power = 10 ** math.floor(math.log10(raw))
    step = max(1, next(m * power for m in (1, 2, 5, 10) if m * power >= raw))
    return math.ceil(value / step) * step, step


def _axes(top_value: float, step: float, left: int, top: int, plot_w: float, plot_h: float):
    out, value = [], 0.0
    while value <= top_value + 1e-9:
        y = top + plot_h - plot_h * value / top_value
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w:.1f}" y2="{y:.1f}" '
                   f'stroke="{GRID}"/>')  # fmt: skip
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
                   f'fill="{MUTED}">{esc(number(value))}</text>')  # fmt: skip
        value += step
    return "".join(out)


def _categories(categories: list[str], left: int, step: float, y: float) -> str:
    every = max(1, math.ceil(len(categories) / 14))  # no more than 14 labels side by side
    return "".join(
        f'<text x="{left + step * (i + 0.5):.1f}" y="{y}" text-anchor="middle" '
        f'font-size="11">{esc(name)}</text>'
        for i, name in enumerate(categories)
        if i % every == 0
    )


def columns(uid: str, title: str, desc: str, categories: list[str], series: list[Series]) -> str:
    """Stacked columns, one per category (a month), each series with its own pattern; the
    column's total is written above it."""
    legend, top = _legend(uid, [s.name for s in series], 18)
    left, plot_h = 52, 220
    top += 12
    plot_w = WIDTH - left - 12
    height = top + plot_h + 30
    totals = [sum(s.values[i] for s in series) for i in range(len(categories))]
    top_value, tick = scale(max(totals, default=0))
    step = plot_w / max(len(categories), 1)
    out = [svg_open(uid, WIDTH, height, title, desc), patterns(uid), legend]
    out.append(_axes(top_value, tick, left, top, plot_w, plot_h))
    for i, total in enumerate(totals):
        x, base = left + step * i + step * 0.15, top + plot_h
        out.append(f"<g><title>{esc(categories[i])} : {esc(number(total))}</title>")
        for j, item in enumerate(series):
            h = plot_h * item.values[i] / top_value
            if h > 0:
                base -= h
                out.append(f'<rect x="{x:.1f}" y="{base:.1f}" width="{step * 0.7:.1f}" '
                           f'height="{h:.1f}" {_fill(uid, j)}/>')  # fmt: skip
        if len(categories) <= 18:
            out.append(f'<text x="{x + step * 0.35:.1f}" y="{base - 4:.1f}" text-anchor="middle" '
                       f'font-size="11" font-weight="600">{esc(number(total))}</text>')  # fmt: skip
        out.append("</g>")
    out.append(_categories(categories, left, step, top + plot_h + 18))
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 (every text above is escaped)


def lines(uid: str, title: str, desc: str, categories: list[str], series: list[Series]) -> str:
    """One line per series over the categories, each with its own dash and marker shape."""
    legend, top = _legend(uid, [s.name for s in series], 18, lines=True)
    left, plot_h = 52, 220
    top += 12
    plot_w = WIDTH - left - 12
    height = top + plot_h + 30
    top_value, tick = scale(max((v for s in series for v in s.values), default=0))
    step = plot_w / max(len(categories), 1)
    out = [svg_open(uid, WIDTH, height, title, desc), legend]
    out.append(_axes(top_value, tick, left, top, plot_w, plot_h))
    for j, item in enumerate(series):
        colour, _light, _kind, dash, _shape = STYLES[j % len(STYLES)]
        points = [
            (left + step * (i + 0.5), top + plot_h - plot_h * v / top_value)
            for i, v in enumerate(item.values)
        ]
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"'
                   f"{dashed}/>")  # fmt: skip
        for i, (x, y) in enumerate(points):
            out.append(f"<g><title>{esc(item.name)}, {esc(categories[i])} : "
                       f"{esc(number(item.values[i]))}</title>{_marker(j, x, y)}</g>")  # fmt: skip
    out.append(_categories(categories, left, step, top + plot_h + 18))
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 (every text above is escaped)


def funnel(uid: str, title: str, desc: str, stages: list[Bar]) -> str:
    """Centred bars narrowing stage by stage; each with its label, count and share."""
    row, top = 62, 4
    height = top + row * len(stages)
    first = max((s.value or 0 for s in stages[:1]), default=0) or 1
    out = [svg_open(uid, WIDTH, height, title, desc), patterns(uid)]
    for i, stage in enumerate(stages):
        y = top + i * row
        width = max(4.0, (WIDTH - 40) * (stage.value or 0) / first)
        out.append(f"<g><title>{esc(stage.label)} : {esc(stage.text)}</title>")
        out.append(f'<text x="{WIDTH / 2}" y="{y + 16}" text-anchor="middle" font-weight="600">'
                   f"{esc(stage.label)} : {esc(stage.text)}</text>")  # fmt: skip
        out.append(f'<rect x="{(WIDTH - width) / 2:.1f}" y="{y + 24}" width="{width:.1f}" '
                   f'height="28" {_fill(uid, i)}/></g>')  # fmt: skip
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 (every text above is escaped)


def progress(uid: str, title: str, desc: str, bars: list[Bar], targets: list[float]) -> str:
    """Achievement against a target, one row per item: the target as an outlined bar, the
    achieved part filled inside it, and the figures written ("1 200 h sur 5 000 h, 24 %")."""
    label_width, row, top = 250, 34, 6
    height = top + row * max(len(bars), 1) + 6
    top_value = nice_max(max([*targets, *(b.value or 0 for b in bars)], default=0))
    span = WIDTH - label_width - 190
    out = [svg_open(uid, WIDTH, height, title, desc), patterns(uid)]
    for i, (bar, target) in enumerate(zip(bars, targets, strict=True)):
        y = top + i * row
        whole = span * target / top_value
        done = span * (bar.value or 0) / top_value
        out.append(f"<g><title>{esc(bar.label)} : {esc(bar.text)}</title>")
        out.append(f'<text x="{label_width - 8}" y="{y + 19}" text-anchor="end">'
                   f"{esc(short(bar.label, label_width // 7))}</text>")  # fmt: skip
        out.append(f'<rect x="{label_width}" y="{y + 5}" width="{whole:.1f}" height="20" '
                   f'fill="url(#{uid}-p1)" stroke="{STYLES[1][0]}"/>')  # fmt: skip
        out.append(f'<rect x="{label_width}" y="{y + 9}" width="{done:.1f}" height="12" '
                   f'{_fill(uid, 0)}/>')  # fmt: skip
        out.append(f'<text x="{label_width + max(whole, done) + 6:.1f}" y="{y + 20}" '
                   f'font-weight="600">{esc(bar.text)}</text></g>')  # fmt: skip
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 (every text above is escaped)
