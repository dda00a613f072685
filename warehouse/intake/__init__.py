"""Intake of submitted spreadsheets (registrations now; any kind registered in `kinds`) with nothing lost.

Entry point: `ingest_files(con, paths, round_id, archive_dir=None, receipts_dir=None) -> list[FileReport]`.
"""

from warehouse.intake.kinds import Column, IntakeContext, Invalid, Kind, RowRule, register_kind
from warehouse.intake.load import ingest_files
from warehouse.intake.report import FileReport

__all__ = ["Column", "FileReport", "IntakeContext", "Invalid", "Kind", "RowRule", "ingest_files", "register_kind"]
