"""What the intake says about each file: counts, every problem, and where receipt and archive went."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from warehouse.intake.validate import RowError


@dataclass
class FileReport:
    file: str
    kind: str | None = None
    rows: int = 0
    accepted: int = 0
    rejected: int = 0
    duplicates: int = 0
    skipped: int = 0               # rows the kind does not count as data (a decision left empty)
    errors: list[RowError] = field(default_factory=list)
    already_received: bool = False
    error: str | None = None       # Dutch reason when the file could not be read
    sha256: str = ""
    round_id: str = ""
    received_at: datetime | None = None
    file_format: str = ""
    archived_path: Path | None = None
    receipt_path: Path | None = None

    @property
    def readable(self) -> bool:
        return self.error is None

    def as_json(self) -> dict:
        """The `pnet intake --json` object for this file."""
        out = {
            "file": self.file,
            "kind": self.kind,
            "rows": self.rows,
            "accepted": self.accepted,
            "rejected": self.rejected,
            "duplicates": self.duplicates,
            "errors": [e.as_json() for e in self.errors],
        }
        if self.skipped:
            out["skipped"] = self.skipped
        if self.already_received:
            out["already_received"] = True
        if self.error is not None:
            out["error"] = self.error
        return out
