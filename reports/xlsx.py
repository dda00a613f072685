"""Write report tables to .xlsx with xlsxwriter: filters, frozen header, widths, drop-downs, links.

Every text cell passes through `pnet.untrusted.neutralize_formula` and is written with
`write_string`, so no text from the internet or a spreadsheet can become a formula.
"""

from __future__ import annotations

import io
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from pnet.untrusted import neutralize_formula
from reports.present import is_web_link
from reports.tables import Column, Link, Table

MAX_CELL = 32_000  # Excel holds at most 32,767 characters per cell
_NUMBER_FORMATS = {
    "int": "#,##0",
    "hours": "#,##0.0",
    "decimal": "#,##0.00",
    "euro": "€ #,##0.00",
    "euro4": "€ #,##0.0000",
    "date": "dd-mm-yyyy",
}


class _Formats:
    def __init__(self, wb: Workbook):
        self.header = wb.add_format({"bold": True, "bg_color": "#1f6f8b", "font_color": "#ffffff", "text_wrap": True, "valign": "top", "border": 1})
        self.text = wb.add_format({"valign": "top"})
        self.wrap = wb.add_format({"valign": "top", "text_wrap": True})
        self.link = wb.add_format({"valign": "top", "font_color": "#0b5cad", "underline": 1})
        self.choice = wb.add_format({"valign": "top", "bg_color": "#fff4cc", "border": 1})
        self.note = wb.add_format({"italic": True, "font_color": "#555555"})
        self.title = wb.add_format({"bold": True, "font_size": 14})
        self.numbers = {k: wb.add_format({"num_format": f, "valign": "top"}) for k, f in _NUMBER_FORMATS.items()}


def new_workbook(path: Path) -> tuple[Workbook, _Formats]:
    # No automatic conversions: strings stay strings, whatever they look like.
    wb = xlsxwriter.Workbook(
        str(path), {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    )
    return wb, _Formats(wb)


def write_text(ws: Worksheet, row: int, col: int, value: Any, fmt=None) -> None:
    """The one way text reaches a cell: neutralised, as a string cell."""
    text = "" if value is None else str(value)
    text = neutralize_formula(text[:MAX_CELL])
    if text:
        ws.write_string(row, col, text, fmt)
    else:
        ws.write_blank(row, col, None, fmt)


def _write_value(ws: Worksheet, row: int, col: int, column: Column, value: Any, f: _Formats) -> None:
    kind = column.kind
    if kind == "mixed":
        value, kind = value
    if kind == "link":
        _write_link(ws, row, col, value, f)
    elif value is None or value == "":
        ws.write_blank(row, col, None, f.choice if kind == "choice" else None)
    elif kind == "date":
        stamp = value if isinstance(value, datetime) else datetime.combine(value, datetime.min.time())
        ws.write_datetime(row, col, stamp.replace(tzinfo=None), f.numbers["date"])
    elif kind in _NUMBER_FORMATS:
        ws.write_number(row, col, float(value) if isinstance(value, Decimal) else value, f.numbers[kind])
    else:
        write_text(ws, row, col, value, {"wrap": f.wrap, "choice": f.choice}.get(kind, f.text))


def _write_link(ws: Worksheet, row: int, col: int, link: Link, f: _Formats) -> None:
    """A hyperlink for http(s) addresses only; anything else (javascript:, file:) is plain text."""
    shown = link.text or link.url
    if is_web_link(link.url):
        if ws.write_url(row, col, link.url.strip(), f.link, string=neutralize_formula(shown[:MAX_CELL])) == 0:
            return
        shown = link.url  # too long for an Excel hyperlink: show the address itself
    elif link.url and link.url != shown:
        shown = f"{shown} ({link.url})"
    write_text(ws, row, col, shown, f.text)


def write_table(wb: Workbook, f: _Formats, table: Table) -> Worksheet:
    """One sheet: header in row 1 (frozen, with filters), data rows, drop-downs, hidden key columns.

    An empty table gets its Dutch note in row 2; notes (e.g. "Bron: CBS") follow one empty row below.
    """
    ws = wb.add_worksheet(table.sheet[:31])
    for col, column in enumerate(table.columns):
        ws.set_column(col, col, column.width, None, {"hidden": True} if column.kind == "key" else {})
        write_text(ws, 0, col, column.header, f.header)
    ws.set_row(0, 30)
    ws.freeze_panes(1, 0)
    for r, values in enumerate(table.rows, start=1):
        for col, (column, value) in enumerate(zip(table.columns, values)):
            _write_value(ws, r, col, column, value, f)
    last = max(len(table.rows), table.input_rows, 1)
    ws.autofilter(0, 0, last - 1 if table.total_row and len(table.rows) > 1 else last, len(table.columns) - 1)
    for col, column in enumerate(table.columns):
        if column.kind == "choice":
            ws.data_validation(1, col, last, col, {
                "validate": "list",
                "source": list(column.choices),
                "error_title": "Ongeldige keuze",
                "error_message": "Kies " + " of ".join(column.choices) + ".",
            })
    if not table.rows and table.empty_note:
        write_text(ws, 1, 0, table.empty_note, f.note)
    for offset, note in enumerate(table.notes):
        write_text(ws, last + 2 + offset, 0, note, f.note)
    return ws


def write_intro(wb: Workbook, f: _Formats, title: str, lines: list[str]) -> Worksheet:
    """The first sheet: what this file is and how to fill it in."""
    ws = wb.add_worksheet("Toelichting")
    ws.set_column(0, 0, 110, f.wrap)
    write_text(ws, 0, 0, title, f.title)
    for r, line in enumerate(lines, start=2):
        write_text(ws, r, 0, line, f.wrap)
    return ws


def insert_png(ws: Worksheet, row: int, col: int, name: str, png: bytes) -> None:
    ws.insert_image(row, col, name, {"image_data": io.BytesIO(png), "x_scale": 0.8, "y_scale": 0.8})


def write_workbook(path: Path, title: str, intro: list[str], tables: list[Table]) -> Workbook:
    """A workbook with the intro sheet and one sheet per table; returned open so images can be added."""
    wb, f = new_workbook(path)
    write_intro(wb, f, title, intro)
    for table in tables:
        write_table(wb, f, table)
    return wb

