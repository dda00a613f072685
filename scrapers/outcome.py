"""What happened to one source in one scan: items, errors, HTTP statuses, robots.txt skips."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class SourceOutcome:
    source: str
    started_at: datetime = field(default_factory=utcnow)
    finished_at: datetime | None = None
    items: int = 0
    errors: int = 0
    http_status: Counter = field(default_factory=Counter)
    robots_skipped: int = 0
    already_seen: int = 0
    messages: list[str] = field(default_factory=list)
    validators: dict[str, dict[str, str]] = field(default_factory=dict)  # feed URL -> etag/last_modified
    cursor: str | None = None  # newest social post id/time seen

    def note(self, message: str) -> None:
        """Add a Dutch message once (a repeat is not listed again; `error` counts every occurrence)."""
        if message not in self.messages:
            self.messages.append(message)

    def error(self, message: str) -> None:
        self.errors += 1
        self.note(message)

    @property
    def message(self) -> str:
        return "; ".join(self.messages[:10]) + (f" (en {len(self.messages) - 10} meer)" if len(self.messages) > 10 else "")

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["started_at"] = self.started_at.isoformat()
        d["finished_at"] = self.finished_at.isoformat() if self.finished_at else None
        d["http_status"] = {str(k): v for k, v in sorted(self.http_status.items())}
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> SourceOutcome:
        return cls(
            **{
                **d,
                "started_at": datetime.fromisoformat(d["started_at"]),
                "finished_at": datetime.fromisoformat(d["finished_at"]) if d.get("finished_at") else None,
                "http_status": Counter({str(k): v for k, v in d["http_status"].items()}),
            }
        )
