"""Numbers written the French way, and the cells of the observatory's tables."""

from __future__ import annotations

from vitrine.spreadsheet import csv_cell

HIDDEN = "moins de 10"  # what the public page shows instead of a count under 10
THIN = "\u202f"  # narrow no-break space: 12 345, 12,5 %


def number(value: float | None, decimals: int = 0) -> str:
    if value is None:
        return "—"
    text = f"{value:,.{decimals}f}".replace(",", THIN).replace(".", ",")
    return text


def share(part: float, whole: float) -> float | None:
    """``part`` as a percentage of ``whole``, one decimal; None when ``whole`` is 0."""
    return round(100 * part / whole, 1) if whole else None


def cell_text(value, kind: str) -> str:
    """How a table shows a value of a column of ``kind`` (text, int, pct, days, score)."""
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    if kind == "pct":
        return f"{number(value, 1)}{THIN}%"
    if kind in {"days", "score"}:
        return number(value, 1)
    if kind == "int":
        return number(value)
    return str(value)


def cell_csv(value, kind: str) -> str:
    """The same value in the CSV file: no thousands separator, a decimal point; a text that a
    spreadsheet would take for a formula is shown as typed (``vitrine.spreadsheet``)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return csv_cell(value)
    if kind in {"pct", "days", "score"}:
        return f"{value:.1f}"
    if kind == "int":
        return str(int(value))
    return str(value)
