"""Write rows of untrusted values to an .xlsx sheet (xlsxwriter) so that no text ever becomes a formula.

Strings pass through `pnet.untrusted.neutralize_formula` and are written as string cells; numbers,
booleans and dates keep their type. Receipts, templates and reports all write through here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from pnet.untrusted import neutralize_formula


def write_row(ws: Worksheet, row: int, values: Sequence[Any], fmt=None, date_fmt=None) -> None:
    """Write `values` into `row` (0-based) from column A."""
    for col, value in enumerate(values):
        if value is None or (isinstance(value, float) and math.isnan(value)):
            ws.write_blank(row, col, None, fmt)
        elif isinstance(value, bool):
            ws.write_boolean(row, col, value, fmt)
        elif isinstance(value, (int, float)):
            ws.write_number(row, col, value, fmt)
        elif isinstance(value, (date, datetime)):
            ws.write_datetime(row, col, value, date_fmt or fmt)
        else:
            ws.write_string(row, col, neutralize_formula(str(value)), fmt)


def write_sheet(
    wb: Workbook,
    name: str,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    widths: Sequence[float] = (),
) -> Worksheet:
    """A sheet with a bold frozen header row, an autofilter and the given rows; returns the sheet."""
    ws = wb.add_worksheet(name)
    bold = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    dates = wb.add_format({"num_format": "dd-mm-yyyy"})
    write_row(ws, 0, header, bold)
    ws.freeze_panes(1, 0)
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    n = 0
    for n, values in enumerate(rows, start=1):
        write_row(ws, n, values, date_fmt=dates)
    ws.autofilter(0, 0, max(n, 1), len(header) - 1)
    return ws
