"""The training corpus (hand-written examples plus composed ones) and our held-out texts (see README.md)."""

from __future__ import annotations

import json
from pathlib import Path

CORPUS_DIR = Path(__file__).parent
FILES = (
    "handwritten.jsonl", "pages.jsonl", "articles.jsonl", "sites.jsonl", "mixed.jsonl",
    "generated.jsonl",
)
VALIDATION_FILE = "validation_pages.jsonl"  # never trained on
HELD_OUT_FILES = ("partners.jsonl", "stories.jsonl")  # written as training data, kept out of it (see README.md)
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


def _read(name: str) -> list[dict]:
    with (CORPUS_DIR / name).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def load_validation() -> list[dict]:
    """The validation pages `{"id", "text", "label", "style"}`: long page-style texts kept out of training."""
    return _read(VALIDATION_FILE)


def load_held_out() -> list[dict]:
    """The other texts kept out of training (partner-heavy and story-like texts), to check a model on."""
    return [row for name in HELD_OUT_FILES for row in _read(name)]
