"""The one rule for untrusted text written to spreadsheets: it never becomes a formula.

Text from the internet or from submitted spreadsheets is stored as given. Everything the project
writes to .xlsx or .csv passes through `neutralize_formula`, which prefixes a value that a
spreadsheet would read as a formula or command (=, +, -, @, tab, carriage return) with a single
quote (the OWASP advice for CSV injection), so the cell shows the text and never computes it.
Writers must store the result as a string cell (openpyxl would otherwise turn '=...' into a formula).
"""

from __future__ import annotations

from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralize_formula(value: Any) -> Any:
    """Return `value` made safe for a spreadsheet cell; non-strings are returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


_MARKDOWN_SPECIAL = str.maketrans({ch: "\\" + ch for ch in "\\`*_{}[]<>()#+-.!|~"})


def markdown_cell(value: Any, width: int = 60) -> str:
    """Untrusted text as one inert Markdown table cell: one line, at most `width` characters, markup escaped."""
    text = " ".join(str("" if value is None else value).split())
    if len(text) > width:
        text = text[: width - 1] + "…"
    return text.translate(_MARKDOWN_SPECIAL)
