"""Take in submitted files: archive, read, validate, deduplicate, write records and ledger, write a receipt.

Every data row of a readable file ends in exactly one ledger outcome (`intake_rows`): 'loaded',
'rejected' (with every problem in `intake_errors`) or 'duplicate' (same record id as an earlier row
of this file or an earlier registration in the round: the record is updated, not doubled; a row in
conflict with its record, `Kind.conflicts`, is rejected instead). Rows the
kind does not count as data (`Kind.skip`, e.g. a decision left empty) are counted as skipped. A file
whose SHA-256 is already in the ledger is not loaded again; an unreadable file is recorded with its
reason and does not stop the others.
"""

from __future__ import annotations

import hashlib
import shutil
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from pnet.settings import settings
from warehouse.db import transaction
from warehouse.intake.kinds import IntakeContext, Kind
from warehouse.intake.readers import UnreadableFile, read_tables
from warehouse.intake.receipt import write_receipt
from warehouse.intake.report import FileReport
from warehouse.intake.validate import RowError, reason_text, validate
from warehouse.rounds import get_round


def intake_settings() -> dict:
    return settings().get("intake", {})


def _warehouse_dir(con: duckdb.DuckDBPyConnection) -> Path:
    (path,) = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()
    return Path(path).resolve().parent if path else Path.cwd()


def default_dirs(con: duckdb.DuckDBPyConnection) -> tuple[Path, Path]:
    """(archive_dir, receipts_dir) from config/pnet.yaml, relative to the warehouse file's folder."""
    cfg, base = intake_settings(), _warehouse_dir(con)
    return base / cfg.get("archive_dir", "archive"), base / cfg.get("receipts_dir", "receipts")


def ingest_files(
    con: duckdb.DuckDBPyConnection,
    paths: list[str | Path],
    round_id: str,
    archive_dir: Path | None = None,
    receipts_dir: Path | None = None,
) -> list[FileReport]:
    """Take in each file for the round, one transaction per file; one report per file, in order."""
    cfg = intake_settings()
    default_archive, default_receipts = default_dirs(con)
    ctx = IntakeContext(
        con=con,
        round=get_round(con, round_id),
        caps={
            "max_uren_initiatief": float(cfg.get("max_uren_initiatief", 400)),
            "max_uren_consultant": float(cfg.get("max_uren_consultant", 1000)),
        },
    )
    return [
        ingest_file(ctx, Path(p), Path(archive_dir or default_archive), Path(receipts_dir or default_receipts), str(p))
        for p in paths
    ]


def ingest_file(ctx: IntakeContext, path: Path, archive_dir: Path, receipts_dir: Path, shown: str) -> FileReport:
    """Take in one file (named `shown` in the report); see the module docstring for the steps."""
    report = FileReport(file=shown, round_id=ctx.round_id, received_at=datetime.now().replace(microsecond=0))
    ctx.cache.clear()  # what an earlier file of the same call wrote counts for this one
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        report.error = "Het bestand bestaat niet."
        return report
    except IsADirectoryError:
        report.error = "Dit is een map, geen bestand."
        return report
    except OSError as exc:
        report.error = f"Het bestand kan niet worden gelezen ({exc.strerror or exc})."
        return report
    report.sha256 = hashlib.sha256(data).hexdigest()
    if _previous(ctx.con, report):
        return report
    report.archived_path = _archive(path, data, report.sha256, archive_dir)
    try:
        tables = read_tables(path, data)
    except UnreadableFile as exc:
        report.error = str(exc)
        report.receipt_path = write_receipt(report, None, receipts_dir)
        with transaction(ctx.con):
            _record_file(ctx.con, report)
        return report
    kind = tables[0].kind
    report.kind = kind.name
    report.file_format = "; ".join(t.file_format for t in tables)
    parts = []
    for table in tables:
        if table.kind is kind and kind.skip is not None:
            # a row the reader refused is rejected, never skipped
            skip = kind.skip(table.frame) & ~table.frame["_row"].isin(list(table.problems))
            report.skipped += int(skip.sum())
            table.frame = table.frame[~skip.to_numpy(dtype=bool)]
        valid, errors = validate(table, ctx)
        if table.kind is kind:  # a table of another kind has every row refused
            parts.append(valid.assign(_sheet=table.sheet))
        report.errors += errors
        report.rows += len(table.frame)
    records, conflicts = _outcomes(ctx, kind, parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True),
                                   {t.sheet: t.headers for t in tables})
    if conflicts:
        order = {t.sheet: n for n, t in enumerate(tables)}
        report.errors = sorted(report.errors + conflicts, key=lambda e: (order[e.sheet], e.row))
    report.rejected = len({(e.sheet, e.row) for e in report.errors})
    report.accepted = int((records["outcome"] == "loaded").sum())
    report.duplicates = int((records["outcome"] == "duplicate").sum())
    report.receipt_path = write_receipt(report, records, receipts_dir)
    try:
        with transaction(ctx.con):
            if len(records):
                latest = _latest(records, kind.keep)
                kind.upsert(ctx, latest.assign(source_sha256=report.sha256, source_row=latest["_row"]))
            _record_file(ctx.con, report)
            _record_rows(ctx.con, report, records)
    except BaseException:
        report.receipt_path.unlink(missing_ok=True)
        raise
    return report


def _previous(con: duckdb.DuckDBPyConnection, report: FileReport) -> bool:
    """Fill `report` from the ledger when this file was read before. Forget an earlier unreadable attempt,
    and an earlier intake for another round that loaded nothing (every row refused, e.g. 'doet niet mee
    aan ronde X'): the file can then be taken in for the right round."""
    row = con.execute(
        "SELECT kind, rows, accepted, rejected, duplicates, error, round_id, received_at, file_format, "
        "archived_path, receipt_path, coalesce(skipped, 0) FROM intake_files WHERE sha256 = ?",
        [report.sha256],
    ).fetchone()
    if row is None:
        return False
    if row[5] is not None or (row[6] != report.round_id and row[2] == 0 and row[4] == 0):
        with transaction(con):
            for table in ("intake_errors", "intake_rows", "intake_files"):
                con.execute(f"DELETE FROM {table} WHERE sha256 = ?", [report.sha256])
        return False
    (report.kind, report.rows, report.accepted, report.rejected, report.duplicates, _, report.round_id,
     report.received_at, report.file_format, archived, receipt, report.skipped) = row
    report.archived_path = Path(archived) if archived else None
    report.receipt_path = Path(receipt) if receipt else None
    report.already_received = True
    report.errors = [
        RowError(r, c, reason, sheet)
        for sheet, r, c, reason in con.execute(
            "SELECT sheet, row_number, column_name, reason FROM intake_errors WHERE sha256 = ? "
            "ORDER BY sheet, row_number, seq",
            [report.sha256],
        ).fetchall()
    ]
    return True


def _archive(path: Path, data: bytes, sha256: str, archive_dir: Path) -> Path:
    """Keep the file unchanged as archive/<sha256>/<name>, with a sha256sum-style check file beside it.
    The path is absolute, so the retention purge finds the file from any working directory."""
    folder = archive_dir.resolve() / sha256
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / path.name
    if not target.exists():
        shutil.copyfile(path, target)
        (folder / f"{path.name}.sha256").write_text(f"{sha256}  {path.name}\n", encoding="utf-8")
    return target


def _outcomes(ctx: IntakeContext, kind: Kind, valid: pd.DataFrame,
              headers: dict[str, dict[str, str]]) -> tuple[pd.DataFrame, list[RowError]]:
    """Valid rows with record_id, label, note and outcome (the first new id 'loaded', any other
    'duplicate'), and the rejections of rows in conflict with their record (`headers`: per sheet, the
    header as written of each column, for the reasons)."""
    out = valid.copy()
    if not len(out):
        return out.assign(**{c: pd.Series(dtype=object) for c in ("record_id", "label", "note", "outcome")}), []
    out["record_id"] = kind.record_id(out, ctx)
    rejected: list[RowError] = []
    if kind.conflicts is not None:
        found = kind.conflicts(ctx, out)
        rejected = [RowError(r, c, reason_text(r, headers[s].get(c, c), reason, s), s)
                    for r, s, c, reason in zip(out.loc[found.index, "_row"], out.loc[found.index, "_sheet"],
                                               found["column"], found["reason"])]
        out = out.drop(index=found.index)
    out["label"] = kind.describe(out, ctx)
    out["note"] = kind.note(out) if kind.note is not None else ""
    known = kind.existing(ctx, list(out["record_id"].unique()))
    new = ~out["record_id"].duplicated(keep="first") & ~out["record_id"].isin(known)
    out["outcome"] = new.map({True: "loaded", False: "duplicate"})
    return out, rejected


def _latest(records: pd.DataFrame, keep: tuple[str, ...]) -> pd.DataFrame:
    """One row per record id, the last one given; an empty `keep` cell takes the id's last non-empty value."""
    latest = records.drop_duplicates("record_id", keep="last")
    if keep and len(latest) < len(records):
        given = records.groupby("record_id", sort=False)[list(keep)].last()  # last non-null per column
        given = given.astype(object).where(given.notna(), None)
        latest = latest.assign(**{c: latest["record_id"].map(given[c]) for c in keep})
    return latest


def _record_file(con: duckdb.DuckDBPyConnection, r: FileReport) -> None:
    con.execute(
        "INSERT INTO intake_files (sha256, file_name, archived_path, round_id, kind, received_at, rows, accepted, "
        "rejected, duplicates, error, file_format, receipt_path, skipped) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [r.sha256, Path(r.file).name, str(r.archived_path) if r.archived_path else None, r.round_id, r.kind,
         r.received_at, r.rows, r.accepted, r.rejected, r.duplicates, r.error, r.file_format or None,
         str(r.receipt_path) if r.receipt_path else None, r.skipped],
    )


def _record_rows(con: duckdb.DuckDBPyConnection, r: FileReport, records: pd.DataFrame) -> None:
    by_row: dict[tuple[str, int], list[RowError]] = {}
    for e in r.errors:
        by_row.setdefault((e.sheet, e.row), []).append(e)
    rejected = pd.DataFrame(
        {
            "sheet": [sheet for sheet, _ in by_row],
            "row_number": [row for _, row in by_row],
            "outcome": "rejected",
            "column_name": [errs[0].column for errs in by_row.values()],
            "reason": ["; ".join(e.reason for e in errs) for errs in by_row.values()],
            "record_id": None,
        }
    )
    taken = pd.DataFrame(
        {
            "sheet": records["_sheet"].astype(object),
            "row_number": records["_row"].astype("int64"),
            "outcome": records["outcome"].astype(object),
            "column_name": None,
            "reason": None,
            "record_id": records["record_id"].astype(object),
        }
    )
    ledger = pd.concat([f for f in (taken, rejected) if len(f)], ignore_index=True) if len(taken) + len(rejected) else None
    errors = pd.DataFrame(
        {
            "sheet": [e.sheet for e in r.errors],
            "row_number": [e.row for e in r.errors],
            "seq": [i for errs in by_row.values() for i in range(len(errs))],
            "column_name": [e.column for e in r.errors],
            "reason": [e.reason for e in r.errors],
        }
    )
    for table, frame in (("intake_rows", ledger), ("intake_errors", errors)):
        if frame is None or not len(frame):
            continue
        con.register("_intake_ledger", frame.assign(sha256=r.sha256))
        try:
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _intake_ledger")
        finally:
            con.unregister("_intake_ledger")
