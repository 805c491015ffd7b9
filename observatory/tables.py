"""The tables behind the charts, and their CSV files: the same rows and columns.

The CSV files are made for a spreadsheet in French (Excel first): UTF-8 with a byte order mark
(added by the view), ``;`` between cells, and decimal numbers with a comma ("9,2"), without
thousands separator nor unit (``formats.cell_csv``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from observatory.formats import cell_csv, cell_text


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = "int"  # text, int, pct (0–100), days, score

    @property
    def numeric(self) -> bool:
        return self.kind != "text"


@dataclass
class Table:
    name: str  # the ``table`` parameter of the CSV link
    caption: str
    columns: list[Column]
    rows: list[dict]

    @property
    def cells(self) -> list[list[tuple[str, bool]]]:
        """(text, numeric) for each cell of each row, as the page shows them."""
        return [
            [(cell_text(row.get(c.key), c.kind), c.numeric) for c in self.columns]
            for row in self.rows
        ]

    def csv(self) -> str:
        """The table for a spreadsheet in French: ``;`` between cells, a decimal comma."""
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow([c.label for c in self.columns])
        for row in self.rows:
            writer.writerow([cell_csv(row.get(c.key), c.kind) for c in self.columns])
        return out.getvalue()


@dataclass
class Figure:
    key: str
    title: str
    chart: SafeString | str
    tables: list[Table]
    lead: str = ""
    numbers: list[tuple[str, str]] = field(default_factory=list)  # headline (label, value)
    empty: str = ""  # shown instead of the chart when there is nothing to draw


def find_table(figures: list[Figure], name: str) -> Table | None:
    return next((t for f in figures for t in f.tables if t.name == name), None)
