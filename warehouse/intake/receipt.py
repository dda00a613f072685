"""The ontvangstbevestiging: one .xlsx per received file, in Dutch, for the coordinator to send back."""

from __future__ import annotations

import re
from pathlib import Path

import xlsxwriter

from pnet.formatting import number
from pnet.safe_xlsx import write_row, write_sheet
from pnet.untrusted import neutralize_formula
from warehouse.intake.kinds import get_kind
from warehouse.intake.report import FileReport, RecordRow


def receipt_name(report: FileReport) -> str:
    stem = re.sub(r"[^\w.-]+", "_", Path(report.file).stem)[:60] or "bestand"
    return f"ontvangstbevestiging_{stem}_{report.sha256[:8]}.xlsx"


def write_receipt(report: FileReport, records: list[RecordRow], receipts_dir: Path) -> Path:
    """Write the receipt for `report`; `records` are its loaded and duplicate rows."""
    receipts_dir.mkdir(parents=True, exist_ok=True)
    path = receipts_dir / receipt_name(report)
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    try:
        _summary(wb, report)
        if report.error is None:
            write_sheet(
                wb, "Afgewezen", ["rij", "kolom", "reden"],
                ((e.row, e.column, e.reason) for e in report.errors), widths=(6, 20, 100),
            )
            write_sheet(
                wb, "Dubbel", ["rij", "id", "aanmelding", "toelichting"],
                ((r.row, r.record_id, r.label, "al eerder aangemeld in deze ronde; gegevens bijgewerkt")
                 for r in records if r.outcome == "duplicate"),
                widths=(6, 22, 60, 50),
            )
            write_sheet(
                wb, "Geladen", ["rij", "id", "aanmelding"],
                ((r.row, r.record_id, r.label) for r in records if r.outcome == "loaded"),
                widths=(6, 22, 80),
            )
    finally:
        wb.close()
    return path


def _summary(wb: xlsxwriter.Workbook, report: FileReport) -> None:
    ws = wb.add_worksheet("Ontvangstbevestiging")
    title = wb.add_format({"bold": True, "font_size": 14})
    bold = wb.add_format({"bold": True})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    ws.set_column(0, 0, 28)
    ws.set_column(1, 1, 90)
    label = get_kind(report.kind).label if report.kind else "onbekend"
    write_row(ws, 0, ["Ontvangstbevestiging aanmelding Participatienetwerk"], title)
    lines: list[tuple[str, object]] = [
        ("Bestand", Path(report.file).name),
        ("SHA-256", report.sha256),
        ("Ontvangen op", f"{report.received_at:%d-%m-%Y %H:%M}" if report.received_at else ""),
        ("Ronde", report.round_id),
        ("Soort aanmelding", label),
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
            ("Toelichting",
             "Elke rij met gegevens is geladen, afgewezen (met reden, zie tabblad Afgewezen) of herkend als "
             "een eerdere aanmelding in deze ronde (zelfde gemeente en titel, of zelfde e-mailadres) en "
             "bijgewerkt (tabblad Dubbel). Verbeter afgewezen rijen en stuur alleen die opnieuw in."),
        ]
    for n, (key, value) in enumerate(lines, start=2):
        ws.write_string(n, 0, key, bold)
        long = key in ("Toelichting", "Niet ingelezen")
        ws.write_string(n, 1, neutralize_formula(str(value)), wrap if long else None)
