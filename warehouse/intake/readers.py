"""Read a submitted file as municipalities really send it, into a header and data rows of text.

The format is sniffed from the content, not the file name: .xlsx (any sheet, title rows above the
header), or text (.csv/.tsv/.txt) in UTF-8 with or without BOM, UTF-16 (Excel's 'Unicode-tekst')
or cp1252/latin-1, with ';', tab or ',' as delimiter. The header row is the row, among the first
rows, that best names the columns of a registered kind; the best header decides the file's kind.
Excel cells are read as Excel shows them: a formula as its last computed value, a value merged over
several rows in each of them. Every sheet with a recognised header is a table; in a workbook with a
sheet of a multi-sheet kind (decisions on 'Kandidaten' and 'Matches') only the sheets of that kind.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
from openpyxl.worksheet.worksheet import Worksheet
import pandas as pd

from pnet.errors import PnetError
from pnet.formatting import number
from warehouse.intake.kinds import Kind, get_kind, header_score, registered_kinds

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
_DAMAGED_XLSX = ("Het bestand is beschadigd: het Excel-bestand kan niet worden geopend of gelezen. Open het in Excel, "
                 f"sla het opnieuw op als Excel-werkmap (.xlsx) en stuur het nog eens. {_ADVICE}")
# a cell with a formula (<f>…</f>, or a shared <f …/>) and its stored value (<v>…</v>), if any
_FORMULA_CELL = re.compile(rb"<c\b([^>]*)>(?:<f\b[^>]*/>|<f\b[^>]*>[^<]*</f>)(?:<v>([^<]*)</v>)?")


def _uncomputed_formula(xml: bytes) -> bool:
    """A formula cell without a stored result: no value, or an empty one that is no text result (t="str")."""
    return b"<f" in xml and any(m[2] is None or (not m[2] and b't="str"' not in m[1]) for m in _FORMULA_CELL.finditer(xml))
_WIDER = {",": "een komma in een getal of tekst", ";": "een puntkomma in een tekst", "\t": "een tab in een tekst"}


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
    problems: dict[int, str] = field(default_factory=dict)  # row -> Dutch reason the reader refuses the whole row


def read_tables(path: str | Path, data: bytes | None = None) -> list[Table]:
    """Read `path` (or its already read bytes `data`) into its tables; raise `UnreadableFile` when it is
    no spreadsheet, is damaged or has no recognisable header.

    The first table's kind is the file's kind. Tables of another kind (a sheet of consultants in a
    workbook of initiatives) come after those, with each row refused in `Table.problems`."""
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
    if "xl/workbook.bin" in names:
        raise UnreadableFile(f"Dit is een binaire Excel-werkmap (.xlsb). Sla het op als Excel-werkmap (.xlsx). {_ADVICE}")
    if "word/document.xml" in names:
        raise UnreadableFile(f"Dit is een Word-document, geen spreadsheet. {_ADVICE}")
    if "mimetype" in names and "content.xml" in names:
        raise UnreadableFile(f"OpenDocument-bestanden (.ods) worden niet gelezen. Sla het op als .xlsx. {_ADVICE}")
    raise UnreadableFile(f"Dit is een zip-archief, geen spreadsheet. Pak het uit en stuur de bestanden los. {_ADVICE}")


def cell_text(value: Any) -> str:
    """An Excel cell as the text the user sees: dates as ISO, numbers with a decimal comma and no
    thousands separator (so the Dutch number parser reads 0.375 as 0,375 and never as 375)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else np.format_float_positional(value, trim="-").replace(".", ",")
    return str(value)


def _read_xlsx(data: bytes) -> list[Table]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        # read-only mode is lean and fast but does not expose merged cells; those files are read whole
        merged = any(b"mergeCell" in xml for xml in sheets)
        uncomputed = any(_uncomputed_formula(xml) for xml in sheets)
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=not merged, data_only=True)
    except Exception:  # zipfile, zlib, XML parsers and openpyxl raise many types for damaged workbooks
        raise UnreadableFile(_DAMAGED_XLSX) from None
    if uncomputed:
        wb.close()
        raise UnreadableFile(
            "Het bestand bevat formules zonder berekende waarde (het is door een programma gemaakt en nooit in Excel "
            f"geopend), zodat hun cellen leeg zouden lijken. Open het in Excel of LibreOffice, sla het op en stuur het opnieuw. {_ADVICE}")
    try:
        found: list[tuple[int, int, Kind, Any]] = []  # (score, header row, kind, sheet)
        for ws in wb.worksheets:
            if wb.read_only:
                ws.reset_dimensions()  # the stored dimension may be wrong; read what the sheet holds
            top = _sheet_rows(ws, HEADER_SEARCH_ROWS)
            hit = _find_header(top)
            if ws.title in DECISION_SHEETS and (hit is None or not hit[2].multi_sheet):
                hit = _decision_header(top) or hit
            if hit:
                found.append((*hit, ws))
        if not found:
            raise UnreadableFile(_no_header_reason())
        multi = [f for f in found if f[2].multi_sheet]
        kind = max(multi or found, key=lambda f: f[0])[2]
        others = [] if multi else [f for f in found if f[2] is not kind]
        chosen = [f for f in found if f[2] is kind] + others
        tables = []
        for _, header_row, sheet_kind, ws in chosen:
            rows = _sheet_rows(ws)
            table = _table(sheet_kind, rows[header_row - 1], rows[header_row:], header_row + 1,
                           f"Excel (.xlsx), tabblad '{ws.title}', kopregel op rij {header_row}")
            table.sheet = ws.title if len(chosen) > 1 or kind.multi_sheet else ""
            if sheet_kind is not kind:
                reason = (f"dit tabblad bevat {sheet_kind.label}, maar het bestand is ingelezen als {kind.label}; "
                          f"stuur de {sheet_kind.label} in een apart bestand")
                table.problems = dict.fromkeys(table.frame["_row"].tolist(), reason)
            tables.append(table)
        return tables
    finally:
        wb.close()


def _sheet_rows(ws: Any, last: int | None = None) -> list[list[str]]:
    """The rows (up to row `last`) of an openpyxl worksheet, read-only or not, as text; a value merged
    over several rows is in each of them that holds anything else."""
    try:
        rows = [[cell_text(c) for c in row] for row in ws.iter_rows(min_row=1, max_row=last, values_only=True)]
    except Exception:  # a damaged sheet shows only when its rows are read (read-only mode)
        raise UnreadableFile(_DAMAGED_XLSX) from None
    for cells in ws.merged_cells.ranges if isinstance(ws, Worksheet) else ():
        if cells.min_row <= len(rows) and cells.min_col <= len(rows[cells.min_row - 1]):
            value = rows[cells.min_row - 1][cells.min_col - 1]
            for row in rows[cells.min_row:cells.max_row]:
                if any(row):  # a merge reaching below the data makes no rows
                    row.extend([""] * (cells.min_col - len(row)))
                    row[cells.min_col - 1] = value
    return rows


def decode_text(data: bytes) -> tuple[str, str]:
    """A text file as spreadsheet programs save it (UTF-8 with or without BOM, UTF-16, Windows-1252; Latin-1
    as the last resort) and the Dutch name of its encoding; `UnreadableFile` for binary content."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "UTF-8 met BOM"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise UnreadableFile(
                "Het bestand is beschadigd: de tekst (UTF-16, 'Unicode-tekst') is onvolledig of bevat ongeldige tekens. "
                f"Sla het opnieuw op en stuur het nog eens. {_ADVICE}") from None
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
    except csv.Error:  # a cell above the field size limit, or a NUL character
        raise UnreadableFile(
            f"Het tekstbestand is niet als CSV te lezen: een cel is langer dan {number(csv.field_size_limit())} tekens "
            f"of het bestand bevat ongeldige tekens. {_ADVICE}") from None
    name = "TSV" if delimiter == "\t" else "CSV"
    fmt = f"{name}, tekenset {encoding}, scheidingsteken {_DELIMITERS[delimiter]}, kopregel op rij {header_row}"
    header, rows = records[header_row - 1], records[header_row:]
    table = _table(kind, header, rows, header_row + 1, fmt)
    # a row wider than the header has its cells shifted (an unquoted delimiter); trailing empty cells are fine
    table.problems = {
        n: f"deze rij heeft meer kolommen ({len(row)}) dan de kopregel ({len(header)}); staat er "
           f"{_WIDER[delimiter]} zonder aanhalingstekens?"
        for n, row in enumerate(rows, start=header_row + 1)
        if len(row) > len(header) and any(c.strip() for c in row[len(header):])
    }
    # a quote that is never closed takes the lines after it into one cell: those rows would vanish unseen
    table.problems |= {
        n: "in deze rij staat een aanhalingsteken (\") dat niet wordt gesloten, waardoor de regels erna in één cel "
           "terechtkomen; sluit het aanhalingsteken of haal het weg en stuur de rij en de rijen erna opnieuw"
        for n, row in enumerate(rows, start=header_row + 1)
        if any("\n" in c and c.count(delimiter) >= max(len(header) - 2, 1) for c in row)
    }
    return table


def _find_header(top: list[list[str]]) -> tuple[int, int, Kind] | None:
    """(score, 1-based row, kind) of the best header row among `top`, or None."""
    best = None
    for n, row in enumerate(top, start=1):
        score, kind = header_score(row)
        if kind is not None and (best is None or score > best[0]):
            best = (score, n, kind)
    return best


# A report's decision sheets: read as decisions as long as a decision column is there, so rows whose
# hidden keys were deleted are refused with that reason (the report's other sheets look like registrations).
DECISION_SHEETS = ("Kandidaten", "Matches")
_DECISION_COLUMNS = {"besluit", "beoordeling"}


def _decision_header(top: list[list[str]]) -> tuple[int, int, Kind] | None:
    """(score, 1-based row, decisions) for the first row of `top` naming a decision column, or None."""
    decisions = get_kind("decisions")
    for n, row in enumerate(top, start=1):
        found = decisions.match(row)
        if _DECISION_COLUMNS & set(found.values()):
            return len(found), n, decisions
    return None


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
