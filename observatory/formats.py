"""The observatory's own ways of writing: "d'août", what a table cell and a CSV cell show.
Numbers and plurals are written by ``vitrine.french``."""

from __future__ import annotations

from decimal import Decimal

from vitrine.french import THIN, number
from vitrine.spreadsheet import csv_cell

HIDDEN = "moins de 10"  # what the public page shows instead of a count under 10


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
    """The same value in the CSV file, which is made for a French spreadsheet (Excel in French
    opens a file with a byte order mark and ``;`` between cells, see ``tables.Table.csv``): no
    thousands separator, no unit, and a decimal *comma* ("9,2", "100,0"), so that the cell is
    read as a number; with a decimal point Excel in French takes "9.2" for a date or a text.
    A decimal number is written with all its digits, never as "1e-05". A text that a
    spreadsheet would take for a formula is shown as typed (``vitrine.spreadsheet.csv_cell``)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return csv_cell(value)
    if kind in {"pct", "days", "score"}:
        return number(value, 1, grouped=False)
    if kind == "int":
        return str(int(value))
    if isinstance(value, float | Decimal):
        return number(value, None, grouped=False)
    return str(value)
