"""Output paths the user names, checked before the work rather than after it."""

from __future__ import annotations

from pathlib import Path

from pnet.errors import PnetError


class OutputPathError(PnetError):
    """An output file that cannot be written where the user asked."""


def check_output_file(path: str | Path) -> None:
    """Refuse a folder, or a file in a folder that does not exist ('-' is standard output)."""
    if str(path) == "-":
        return
    target = Path(path)
    if target.is_dir():
        raise OutputPathError(f"{target} is een map; geef een bestandsnaam op, bijvoorbeeld {target / 'uitvoer'}.")
    if not target.parent.is_dir():
        raise OutputPathError(f"De map {target.parent} bestaat niet; maak haar eerst aan of kies een andere plek voor {target.name}.")
