"""The demo's joint meeting: each municipality fills in its package workbook as the meeting decided.

A fixed, explainable rule stands in for the people at the table:
- Kandidaten: its candidates scored at least `CONFIRM_SCORE` are relevant (the best `CONFIRM_MAX`),
  those below `DISMISS_SCORE` are not; the rest stay open.
- Matches: every proposal is agreed (akkoord), except the lowest-scored proposal of the
  municipality, which is rejected (afgewezen), so the next match finds another consultant.
The filled-in workbooks are taken in like any other file (`round_registrations`).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

CONFIRM_SCORE = 0.9
CONFIRM_MAX = 2
DISMISS_SCORE = 0.6


def _columns(ws) -> dict[str, int]:
    return {cell.value: cell.column for cell in ws[1] if cell.value}


def fill_in(package: Path, target: Path) -> Path:
    """Write `target`: the package workbook with the meeting's verdicts and decisions filled in."""
    wb = openpyxl.load_workbook(package)
    ws = wb["Kandidaten"]
    col = _columns(ws)
    rows = [r for r in range(2, ws.max_row + 1) if ws.cell(r, col["item_id"]).value]
    by_score = sorted(rows, key=lambda r: -float(ws.cell(r, col["Score"]).value or 0))
    for n, r in enumerate(by_score):
        score = float(ws.cell(r, col["Score"]).value or 0)
        if score >= CONFIRM_SCORE and n < CONFIRM_MAX:
            ws.cell(r, col["Beoordeling"]).value = "relevant"
        elif score < DISMISS_SCORE:
            ws.cell(r, col["Beoordeling"]).value = "niet relevant"
    ws = wb["Matches"]
    col = _columns(ws)
    proposals = [r for r in range(2, ws.max_row + 1) if ws.cell(r, col["Soort"]).value == "voorstel"]
    weakest = min(proposals, key=lambda r: float(ws.cell(r, col["Score"]).value or 0), default=None)
    for r in proposals:
        ws.cell(r, col["Besluit"]).value = "afgewezen" if r == weakest else "akkoord"
    target.parent.mkdir(parents=True, exist_ok=True)
    wb.save(target)
    return target


def fill_in_packages(out_dir: Path, target_dir: Path) -> list[Path]:
    """Every municipality's package in `out_dir`, filled in, written to `target_dir`."""
    return [fill_in(p, target_dir / f"{p.stem}_ingevuld.xlsx") for p in sorted(out_dir.glob("GM*/*.xlsx"))]
