"""The inbox folder the Dagster sensor watches: one subfolder per round id, files dropped in as received."""

from __future__ import annotations

import os
from pathlib import Path

from pnet.settings import settings


def inbox_dir() -> Path:
    """`PNET_INBOX`, else `intake.inbox_dir` of config/pnet.yaml, else ./data/inbox."""
    return Path(os.environ.get("PNET_INBOX") or settings().get("intake", {}).get("inbox_dir", "data/inbox"))


def inbox_files(round_id: str | None = None) -> list[tuple[str, Path]]:
    """(round id, file) for every visible file in the round subfolders (or one round's), sorted."""
    root = inbox_dir()
    if not root.is_dir():
        return []
    folders = [root / round_id] if round_id else sorted(p for p in root.iterdir() if p.is_dir())
    return [
        (folder.name, path)
        for folder in folders if folder.is_dir()
        for path in sorted(folder.iterdir())
        if path.is_file() and not path.name.startswith((".", "~$"))
    ]
