"""The training corpus: hand-written examples plus composed ones (see README.md in this folder)."""

from __future__ import annotations

import json
from pathlib import Path

CORPUS_DIR = Path(__file__).parent
FILES = ("handwritten.jsonl", "pages.jsonl", "generated.jsonl")
LABELS = ("initiative", "other")


def load_corpus() -> list[dict]:
    """All corpus rows `{"id", "text", "label", "style"}`, duplicates of an earlier text dropped."""
    rows, seen = [], set()
    for name in FILES:
        with (CORPUS_DIR / name).open(encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                if row["text"] not in seen:
                    seen.add(row["text"])
                    rows.append(row)
    return rows
