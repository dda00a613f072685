"""The ontvangstbevestiging: one .xlsx per received file, in Dutch, for the coordinator to send back."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import xlsxwriter

from pnet.formatting import number
from pnet.safe_xlsx import write_row, write_sheet
from pnet.untrusted import neutralize_formula
from warehouse.intake.kinds import get_kind
from warehouse.intake.report import FileReport


# Above this many loaded rows the receipt lists them as row ranges (the ledger keeps each row's id).
DETAIL_LIMIT = 5_000


def _ranges(rows: list[int]) -> list[tuple[str, int]]:
    """[2, 3, 4, 7] -> [('2-4', 3), ('7', 1)]."""
    out: list[tuple[str, int]] = []
    start = prev = None
    for n in [*sorted(rows), None]:
        if start is not None and n != prev + 1:
            out.append((f"{start}-{prev}" if prev > start else str(start), prev - start + 1))
            start = None
        if start is None:
            start = n
        prev = n
    return out


def receipt_name(report: FileReport) -> str:
    stem = re.sub(r"[^\w.-]+", "_", Path(report.file).stem)[:60] or "bestand"
    return f"ontvangstbevestiging_{stem}_{report.sha256[:8]}.xlsx"


def write_receipt(report: FileReport, records: pd.DataFrame | None, receipts_dir: Path) -> Path:
    """Write the receipt for `report`; `records` are its loaded and duplicate rows
    (columns `_sheet`, `_row`, `outcome`, `record_id`, `label`, `note`). Rows are named by sheet as
    well when the file has more than one table; a kind with notes gets a column toelichting on Geladen."""
    receipts_dir.mkdir(parents=True, exist_ok=True)
    path = receipts_dir / receipt_name(report)
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    try:
        _summary(wb, report, records)
        if report.error is None:
            kind = get_kind(report.kind)
            sheets = bool(records["_sheet"].astype(bool).any()) or any(e.sheet for e in report.errors)
            tab = ["tabblad"] if sheets else []

            def where(sheet: str, row) -> list:
                return [sheet, int(row)] if sheets else [int(row)]

            write_sheet(
                wb, "Afgewezen", [*tab, "rij", "kolom", "reden"],
                ((*where(e.sheet, e.row), e.column, e.reason) for e in report.errors), widths=(*(12,) * len(tab), 6, 20, 100),
            )
            dup = records[records["outcome"] == "duplicate"]
            write_sheet(
                wb, "Dubbel", [*tab, "rij", "id", "aanmelding", "toelichting"],
                ((*where(s, n), i, label, "; ".join(filter(None, (kind.duplicate_note, note))))
                 for s, n, i, label, note in zip(dup["_sheet"], dup["_row"], dup["record_id"], dup["label"], dup["note"])),
                widths=(*(12,) * len(tab), 6, 22, 60, 50),
            )
            loaded = records[records["outcome"] == "loaded"]
            notes = ["toelichting"] if kind.note is not None else []
            if len(loaded) <= DETAIL_LIMIT:
                write_sheet(wb, "Geladen", [*tab, "rij", "id", "aanmelding", *notes],
                            ((*where(s, n), i, label, *[note or None] * len(notes))
                             for s, n, i, label, note in zip(loaded["_sheet"], loaded["_row"], loaded["record_id"],
                                                             loaded["label"], loaded["note"])),
                            widths=(*(12,) * len(tab), 6, 22, 80, *(60,) * len(notes)))
            else:
                write_sheet(wb, "Geladen", ["rijen", "aantal"], _ranges(loaded["_row"].tolist()), widths=(20, 10))
    finally:
        wb.close()
    return path


def _summary(wb: xlsxwriter.Workbook, report: FileReport, records: pd.DataFrame | None) -> None:
    ws = wb.add_worksheet("Ontvangstbevestiging")
    title = wb.add_format({"bold": True, "font_size": 14})
    bold = wb.add_format({"bold": True})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    ws.set_column(0, 0, 28)
    ws.set_column(1, 1, 90)
    kind = get_kind(report.kind) if report.kind else None
    label = kind.label if kind else "onbekend"
    write_row(ws, 0, ["Ontvangstbevestiging Participatienetwerk"], title)
    lines: list[tuple[str, object]] = [
        ("Bestand", Path(report.file).name),
        ("SHA-256", report.sha256),
        ("Ontvangen op", f"{report.received_at:%d-%m-%Y %H:%M}" if report.received_at else ""),
        ("Ronde", report.round_id),
        ("Soort bestand", label),
    ]
    if report.error is not None:
        lines.append(("Niet ingelezen", report.error))
    else:
        lines += [
            ("Gelezen als", report.file_format),
            ("Rijen met gegevens", number(report.rows)),
            ("Geladen", number(report.accepted)),
            ("Afgewezen", number(report.rejected)),
            ("Dubbel (bijgewerkt)", number(report.duplicates)),
        ]
        if kind is not None and kind.skip is not None:
            lines += [
                (f"Niet verwerkt: {kind.skip_label}", number(report.skipped)),
                ("Toelichting",
                 "Elke ingevulde regel is geladen, afgewezen (met reden, zie tabblad Afgewezen) of vervangt een "
                 f"eerder ingestuurde (tabblad Dubbel). Niet verwerkt zijn {kind.skip_label}: daar is niets "
                 "ingevuld. Verbeter afgewezen regels en stuur het bestand opnieuw in."),
            ]
        else:
            lines.append(
                ("Toelichting",
                 "Elke rij met gegevens is geladen, afgewezen (met reden, zie tabblad Afgewezen) of herkend als "
                 "een eerdere aanmelding in deze ronde (zelfde gemeente en titel, of zelfde e-mailadres) en "
                 "bijgewerkt (tabblad Dubbel; een lege cel laat de eerder opgegeven waarde staan). Verbeter "
                 "afgewezen rijen en stuur alleen die opnieuw in.")
            )
        noted = records.loc[records["note"] != "", "note"].value_counts(sort=False)
        if len(noted):
            lines.append(("Let op", "\n".join(f"{n} {'rij' if n == 1 else 'rijen'}: {note}" for note, n in noted.items())))
    for n, (key, value) in enumerate(lines, start=2):
        ws.write_string(n, 0, key, bold)
        long = key in ("Toelichting", "Niet ingelezen", "Let op")
        ws.write_string(n, 1, neutralize_formula(str(value)), wrap if long else None)
