"""Check every data row of a table against its kind; each problem gets a Dutch reason naming row and column.

Parsing is done once per distinct cell value of a column (municipality names, hours, dates and
themes repeat a lot), so large files validate at pandas speed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from warehouse.intake.kinds import IntakeContext, Invalid
from warehouse.intake.readers import Table

MISSING_COLUMN = "de kolom ontbreekt in het bestand"
EMPTY_REQUIRED = "verplicht veld is leeg"


@dataclass(frozen=True)
class RowError:
    row: int
    column: str | None
    reason: str
    sheet: str = ""  # set when the file has more than one table

    def as_json(self) -> dict:
        out = {"row": self.row, "column": self.column, "reason": self.reason}
        return {"sheet": self.sheet, **out} if self.sheet else out


def reason_text(row: int, column: str | None, reason: str, sheet: str = "") -> str:
    """'rij 7, kolom uren_gevraagd: 'veel' is geen aantal uren' (prefixed by 'tabblad X, ' when given)."""
    where = f"tabblad {sheet}, rij {row}" if sheet else f"rij {row}"
    return f"{where}, kolom {column}: {reason}" if column else f"{where}: {reason}"


def _take(values: list[object], codes: np.ndarray) -> np.ndarray:
    """values[codes] as an object array (None stays None)."""
    table = np.empty(len(values), dtype=object)
    for i, value in enumerate(values):
        table[i] = value
    return table[codes]


def validate(table: Table, ctx: IntakeContext) -> tuple[pd.DataFrame, list[RowError]]:
    """The parsed valid rows (canonical columns plus `_row`) and every problem of the other rows; a row the
    reader refused (`Table.problems`) gets only that reason."""
    frame = table.frame
    problems: list[tuple[int, int, str | None, str]] = []  # (row, column order, column, reason)
    if table.problems:
        refused = frame["_row"].isin(list(table.problems))
        problems += [(r, -1, None, table.problems[r]) for r in frame["_row"][refused]]
        frame = frame[~refused]
    parsed = pd.DataFrame({"_row": frame["_row"]}, index=frame.index)
    for order, col in enumerate(table.kind.columns):
        cells = frame[col.name]
        if col.name in table.missing:
            problems.extend((r, order, col.name, MISSING_COLUMN) for r in frame["_row"])
            parsed[col.name] = None
            continue
        codes, uniques = pd.factorize(cells)
        parsed_values: list[object] = []
        reasons: list[str | None] = []
        for raw in uniques:
            value, parsed_value, reason = raw.strip(), None, None
            if not value:
                reason = EMPTY_REQUIRED if col.required else None
            else:
                try:
                    parsed_value = col.parse(value, ctx)
                except Invalid as exc:
                    reason = exc.reason
            parsed_values.append(parsed_value)
            reasons.append(reason)
        parsed[col.name] = pd.Series(_take(parsed_values, codes), index=frame.index, dtype=object)
        if any(r is not None for r in reasons):
            row_reasons = _take(reasons, codes)
            problems.extend(
                (r, order, col.name, reason)
                for r, reason in zip(frame["_row"], row_reasons) if reason is not None
            )
    rejected = {p[0] for p in problems}
    clean = parsed[~parsed["_row"].isin(rejected)]
    n_columns = len(table.kind.columns)
    for i, rule in enumerate(table.kind.rules):
        broken = clean[rule.bad(clean, ctx)]
        problems.extend((row["_row"], n_columns + i, rule.column, rule.reason(row)) for _, row in broken.iterrows())
    rejected = {p[0] for p in problems}
    problems.sort(key=lambda p: (p[0], p[1]))
    # the reason names the column as the file's header writes it; `column` stays the canonical name
    errors = [RowError(r, c, reason_text(r, table.headers.get(c, c), reason, table.sheet), table.sheet)
              for r, _, c, reason in problems]
    return parsed[~parsed["_row"].isin(rejected)], errors
