"""Read a submitted file as municipalities really send it, into a header and data rows of text.

The format is sniffed from the content, not the file name: .xlsx (any sheet, title rows above the
header), or text (.csv/.tsv/.txt) in UTF-8 with or without BOM, UTF-16 (Excel's 'Unicode-tekst')
or cp1252/latin-1, with ';', tab or ',' as delimiter. The header row is the row, among the first
rows, that best names the columns of a registered kind; that also decides the kind. A workbook
with a sheet of a multi-sheet kind (decisions on 'Kandidaten' and 'Matches') gives one table per
sheet of that kind.
"""

from __future__ import annotations

import csv
import io
import itertools
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
from openpyxl.worksheet.formula import ArrayFormula
import pandas as pd

from pnet.errors import PnetError
from warehouse.intake.kinds import Kind, header_score, registered_kinds

HEADER_SEARCH_ROWS = 30
_DELIMITERS = {";": "';'", "\t": "tab", ",": "','"}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAGIC = {
    b"%PDF-": "een PDF-document",
    b"\x89PNG": "een afbeelding (PNG)",
    b"\xff\xd8\xff": "een afbeelding (JPEG)",
    b"GIF8": "een afbeelding (GIF)",
    b"{\\rtf": "een RTF-document",
}
_ADVICE = "Stuur de aanmelding als Excel-bestand (.xlsx) of als CSV, bij voorkeur op het sjabloon van 'pnet templates'."


class UnreadableFile(PnetError):
    """A file that cannot be read as a registration; the message is Dutch and says what to do."""


@dataclass
class Table:
    """A sheet's data rows as text, by canonical column name, plus `_row` (the row number the user sees)."""

    kind: Kind
    frame: pd.DataFrame
    missing: list[str]         # required columns of the kind that the header lacks
    file_format: str           # Dutch, for the receipt
    sheet: str = ""            # the sheet's name when the file has more than one table
    headers: dict[str, str] = field(default_factory=dict)  # canonical column -> its header as written in the file


def read_tables(path: str | Path, data: bytes | None = None) -> list[Table]:
    """Read `path` (or its already read bytes `data`) into its tables, all of one kind; raise
    `UnreadableFile` when it is no spreadsheet or has no recognisable header."""
    data = Path(path).read_bytes() if data is None else data
    if not data.strip():
        raise UnreadableFile("Het bestand is leeg.")
    if data.startswith(b"PK\x03\x04"):
        return _read_zip(data)
    if data.startswith(_OLE2):
        raise UnreadableFile(_ole2_reason(data))
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise UnreadableFile(f"Dit is {what}, geen spreadsheet. {_ADVICE}")
    text, encoding = decode_text(data)
    return [_read_text(text, encoding)]


def _ole2_reason(data: bytes) -> str:
    if "EncryptedPackage".encode("utf-16-le") in data:
        return f"Het Excel-bestand is met een wachtwoord beveiligd (versleuteld). Sla het op zonder wachtwoord. {_ADVICE}"
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return f"Dit is het oude Excel 97-2003-formaat (.xls). Sla het op als Excel-werkmap (.xlsx). {_ADVICE}"
    if "WordDocument".encode("utf-16-le") in data:
        return f"Dit is een Word-document, geen spreadsheet. {_ADVICE}"
    return f"Dit is een Office-bestand dat geen Excel-werkmap is. {_ADVICE}"


def _read_zip(data: bytes) -> list[Table]:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except zipfile.BadZipFile:
        raise UnreadableFile(f"Het bestand is beschadigd (onvolledig zip-/Excel-bestand). {_ADVICE}") from None
    if "xl/workbook.xml" in names:
        return _read_xlsx(data)
    if "word/document.xml" in names:
        raise UnreadableFile(f"Dit is een Word-document, geen spreadsheet. {_ADVICE}")
    if "mimetype" in names and "content.xml" in names:
        raise UnreadableFile(f"OpenDocument-bestanden (.ods) worden niet gelezen. Sla het op als .xlsx. {_ADVICE}")
    raise UnreadableFile(f"Dit is een zip-archief, geen spreadsheet. Pak het uit en stuur de bestanden los. {_ADVICE}")


def cell_text(value: Any) -> str:
    """An Excel cell as the text the user sees, dates as ISO (the date parser accepts that)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, ArrayFormula):
        return value.text or ""
    return str(value)


def _read_xlsx(data: bytes) -> list[Table]:
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for damaged workbooks
        raise UnreadableFile(f"Het Excel-bestand kan niet worden geopend ({type(exc).__name__}). {_ADVICE}") from None
    try:
        found: list[tuple[int, Any, int, list[str], Kind]] = []
        for ws in wb.worksheets:
            if not hasattr(ws, "iter_rows"):
                continue
            top = [[cell_text(c) for c in row] for row in ws.iter_rows(min_row=1, max_row=HEADER_SEARCH_ROWS, values_only=True)]
            hit = _find_header(top)
            if hit:
                found.append((hit[0], ws, hit[1], top[hit[1] - 1], hit[2]))
        if not found:
            raise UnreadableFile(_no_header_reason())
        multi = [f for f in found if f[4].multi_sheet]
        if multi:
            kind = max(multi, key=lambda f: f[0])[4]
            chosen = [f for f in multi if f[4] is kind]
        else:
            chosen = [max(found, key=lambda f: f[0])]
        tables = []
        for _, ws, header_row, header, kind in chosen:
            records = [[cell_text(c) for c in row] for row in ws.iter_rows(min_row=header_row + 1, values_only=True)]
            table = _table(kind, header, records, header_row + 1,
                           f"Excel (.xlsx), tabblad '{ws.title}', kopregel op rij {header_row}")
            table.sheet = ws.title if len(chosen) > 1 or kind.multi_sheet else ""
            tables.append(table)
        return tables
    finally:
        wb.close()


def decode_text(data: bytes) -> tuple[str, str]:
    """A text file as spreadsheet programs save it (UTF-8 with or without BOM, UTF-16, Windows-1252; Latin-1
    as the last resort) and the Dutch name of its encoding; `UnreadableFile` for binary content."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "UTF-8 met BOM"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    if b"\x00" in data[:4096]:
        raise UnreadableFile(f"Dit is geen spreadsheet of tekstbestand (binaire inhoud). {_ADVICE}")
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "Latin-1"


def _read_text(text: str, encoding: str) -> Table:
    control = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\t\r\n")
    if control > 0.01 * min(len(text), 4096):
        raise UnreadableFile(f"Dit is geen spreadsheet of tekstbestand (binaire inhoud). {_ADVICE}")
    best: tuple[int, str, int, Kind] | None = None
    for delimiter in _DELIMITERS:
        try:
            top = list(itertools.islice(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), HEADER_SEARCH_ROWS))
        except csv.Error:
            continue
        found = _find_header(top)
        if found and (best is None or found[0] > best[0]):
            best = (found[0], delimiter, found[1], found[2])
    if best is None:
        raise UnreadableFile(_no_header_reason())
    _, delimiter, header_row, kind = best
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise UnreadableFile(f"Het tekstbestand is niet als CSV te lezen ({exc}). {_ADVICE}") from None
    name = "TSV" if delimiter == "\t" else "CSV"
    fmt = f"{name}, tekenset {encoding}, scheidingsteken {_DELIMITERS[delimiter]}, kopregel op rij {header_row}"
    return _table(kind, records[header_row - 1], records[header_row:], header_row + 1, fmt)


def _find_header(top: list[list[str]]) -> tuple[int, int, Kind] | None:
    """(score, 1-based row, kind) of the best header row among `top`, or None."""
    best = None
    for n, row in enumerate(top, start=1):
        score, kind = header_score(row)
        if kind is not None and (best is None or score > best[0]):
            best = (score, n, kind)
    return best


def _no_header_reason() -> str:
    expected = "; ".join(
        f"{k.label}: {', '.join([c.name for c in k.columns if c.required] or [c.name for c in k.columns])}"
        for k in registered_kinds()
    )
    return (
        "Geen herkenbare kopregel gevonden: de kolomnamen passen bij geen van de formulieren "
        f"(verwacht onder meer {expected}). {_ADVICE}"
    )


def _table(kind: Kind, header: list[str], records: list[list[str]], first_row: int, file_format: str) -> Table:
    """Keep the non-empty records' cells of the recognised columns (as given; validation strips them).

    `records` are the rows below the header, the first being sheet row `first_row`.
    """
    positions = kind.match(header)
    names = list(positions.values())
    cells = pd.DataFrame(records, dtype=object)
    cells = cells.reindex(columns=range(max(cells.shape[1], max(positions) + 1))).to_numpy(dtype=object, copy=True)
    cells[pd.isna(cells)] = ""
    keep = np.fromiter((bool(s.strip()) for s in cells.sum(axis=1)), dtype=bool, count=len(cells)) \
        if len(cells) else np.zeros(0, dtype=bool)
    # a header repeated further down (two exports pasted together) is not a data row
    first = next(iter(positions))
    for n in np.flatnonzero(cells[:, first] == header[first]):
        if all(cells[n, i] == header[i] for i in positions):
            keep[n] = False
    frame = pd.DataFrame(cells[keep][:, list(positions)], columns=names, dtype=object)
    for col in kind.columns:
        if col.name not in frame.columns:
            frame[col.name] = ""
    frame["_row"] = np.arange(first_row, first_row + len(records), dtype="int64")[keep]
    missing = [c.name for c in kind.columns if c.required and c.name not in names]
    headers = {name: header[i].strip() or name for i, name in positions.items()}
    return Table(kind, frame, missing, file_format, headers=headers)
