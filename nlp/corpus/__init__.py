"""The training corpus (hand-written examples plus composed ones) and the held-out validation pages (see README.md)."""

from __future__ import annotations

import json
from pathlib import Path

CORPUS_DIR = Path(__file__).parent
FILES = ("handwritten.jsonl", "pages.jsonl", "articles.jsonl", "sites.jsonl", "mixed.jsonl", "generated.jsonl")
VALIDATION_FILE = CORPUS_DIR / "validation_pages.jsonl"  # never trained on
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


def load_validation() -> list[dict]:
    """The validation pages `{"id", "text", "label", "style"}`: long page-style texts kept out of training."""
    with VALIDATION_FILE.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]
