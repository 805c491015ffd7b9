"""Numbers written the French way, and the cells of the observatory's tables."""

from __future__ import annotations

from decimal import Decimal

from vitrine.spreadsheet import csv_cell

HIDDEN = "moins de 10"  # what the public page shows instead of a count under 10
THIN = "\u202f"  # narrow no-break space: 12 345, 12,5 %
VOWELS = tuple("aeiouyàâäéèêëîïôöùûüAEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜ")


def number(value: float | None, decimals: int = 0) -> str:
    if value is None:
        return "—"
    text = f"{value:,.{decimals}f}".replace(",", THIN).replace(".", ",")
    return text


def plural(count: float | None, singular: str, plural_form: str = "") -> str:
    """``singular`` for a count under 2 (0 and 1 are singular in French, and so is 1,5),
    ``plural_form`` (by default ``singular`` + "s") from 2: "1 offre", "2 offres"."""
    if count is not None and abs(count) >= 2:
        return plural_form or singular + "s"
    return singular


def counted(count: float | None, singular: str, plural_form: str = "", decimals: int = 0) -> str:
    """The count written the French way, then the word that agrees with it: "1 offre"."""
    return f"{number(count, decimals)} {plural(count, singular, plural_form)}"


def of(text: str) -> str:
    """The word "de" before ``text``, elided before a vowel: "de mars 2025", "d'août 2025"."""
    return f"d'{text}" if text.startswith(VOWELS) else f"de {text}"


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
    A text that a spreadsheet would take for a formula is shown as typed
    (``vitrine.spreadsheet.csv_cell``)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return csv_cell(value)
    if kind in {"pct", "days", "score"}:
        return f"{value:.1f}".replace(".", ",")
    if kind == "int":
        return str(int(value))
    if isinstance(value, float | Decimal):
        return str(value).replace(".", ",")
    return str(value)
