"""Cells of the files people open in a spreadsheet (CSV, XLSX): what they typed, shown as typed.

- A text a spreadsheet would take for the start of a formula ("=HYPERLINK(…)", "+33…", "-") gets a
  leading apostrophe in CSV files, so it is shown and never run.
- Control characters (a pasted "\\x01") have no place in an XLSX cell and make openpyxl refuse the
  whole file: they are dropped.
"""

import re

# What Excel, LibreOffice or Google Sheets may read as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The characters XML 1.0 (hence XLSX) cannot hold: C0 controls but tab, newline and return.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def csv_cell(value):
    """``value`` unchanged, except a text a spreadsheet would take for a formula: it gets a leading
    apostrophe. Only texts: numbers are never touched."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def xlsx_cell(value):
    """``value`` unchanged, except a text loses the control characters XLSX cannot hold."""
    if isinstance(value, str):
        return CONTROL_CHARACTERS.sub("", value)
    return value
