"""Kinds of submitted file: a column spec plus a row loader, registered so new kinds need no core change.

The core (reading, header recognition, validation, ledger, receipt, archive) is generic. A kind
says which columns it has (with the header spellings municipalities use), how each value is parsed,
how a valid row maps to a stable record id, and how records are written. `register_kind` adds one;
`recognise` picks the kind whose columns best match a header row.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pandas as pd

from warehouse.rounds import Round


class Invalid(ValueError):
    """A value that cannot be taken; `reason` is Dutch, without the row/column prefix."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


_QUOTES = re.compile(r"['’`´]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Compare-form of free text: no accents, lower case, '&' as 'en', punctuation as single spaces."""
    text = str(text)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _QUOTES.sub("", text.casefold()).replace("&", " en ")
    return _NON_ALNUM.sub(" ", text).strip()


def header_key(text: str) -> str:
    """'Uren gevraagd (optioneel) *' -> 'uren_gevraagd'."""
    text = re.sub(r"\(.*?\)|\*", " ", str(text))
    return fold(text).replace(" ", "_")


@dataclass
class IntakeContext:
    """What parsers and loaders may consult: the connection, the round and the hour caps."""

    con: duckdb.DuckDBPyConnection
    round: Round
    caps: dict[str, float]
    cache: dict[str, Any] = field(default_factory=dict)  # per file: emptied before each file is read

    @property
    def round_id(self) -> str:
        return self.round.round_id


Parser = Callable[[str, IntakeContext], Any]


@dataclass(frozen=True)
class Column:
    """One column of a kind: its canonical name, the header spellings accepted, and its parser.

    The parser gets the stripped, non-empty cell text and returns the stored value or raises
    `Invalid`. An empty cell is an error when `required`, else None (the kind's upsert may keep the
    stored value or give a default, see `Kind.keep`).
    """

    name: str
    parse: Parser
    aliases: tuple[str, ...] = ()
    required: bool = True

    @property
    def keys(self) -> tuple[str, ...]:
        return (header_key(self.name), *(header_key(a) for a in self.aliases))


@dataclass(frozen=True)
class RowRule:
    """A rule across columns of a row: `bad(frame, ctx)` marks rows that break it; `reason(row)` says why."""

    column: str
    bad: Callable[[pd.DataFrame, "IntakeContext"], pd.Series]
    reason: Callable[[Any], str]


def where_in_file(row: pd.Series) -> str:
    """'rij 7', or 'tabblad Zeist, rij 7' when the file has more than one table."""
    return f"tabblad {row['_sheet']}, rij {row['_row']}" if row["_sheet"] else f"rij {row['_row']}"


@dataclass(frozen=True)
class Kind:
    """A kind of submitted file.

    `record_id(frame, ctx)` gives each valid row its stable record id; `existing(ctx, ids)` the ids
    already registered in the round (rows with those ids are duplicates that update the record);
    `upsert(ctx, frame)` writes one row per record id (the last one given), inside the file's
    transaction. `describe(frame, ctx)` gives each valid row a short label for the receipt.

    `multi_sheet`: in a workbook, every sheet recognised as this kind is read (a report workbook
    with decisions on two sheets); the other sheets are left alone. `skip(frame)` marks rows of
    cell text that are no data of this kind (e.g. a decision row left empty): they are counted
    as skipped, described by `skip_label`, and are not rows of the file's accounting.
    """

    name: str                 # stored in intake_files.kind, e.g. 'initiatives'
    label: str                # Dutch, plural: 'initiatieven'
    columns: tuple[Column, ...]
    record_id: Callable[[pd.DataFrame, IntakeContext], pd.Series]
    existing: Callable[[IntakeContext, list[str]], set[str]]
    upsert: Callable[[IntakeContext, pd.DataFrame], None]
    describe: Callable[[pd.DataFrame, IntakeContext], pd.Series]
    rules: tuple[RowRule, ...] = ()
    multi_sheet: bool = False
    skip: Callable[[pd.DataFrame], pd.Series] | None = None
    skip_label: str = ""                  # Dutch: 'regels zonder besluit'
    duplicate_note: str = "al eerder aangemeld in deze ronde; gegevens bijgewerkt"
    keep: tuple[str, ...] = ()
    conflicts: Callable[[IntakeContext, pd.DataFrame], pd.DataFrame] | None = None
    note: Callable[[pd.DataFrame], pd.Series] | None = None

    def column_keys(self) -> dict[str, str]:
        """Header key -> canonical column name (first spelling wins)."""
        out: dict[str, str] = {}
        for col in self.columns:
            for key in col.keys:
                out.setdefault(key, col.name)
        return out

    def match(self, header: Iterable[Any]) -> dict[int, str]:
        """Header cell position -> canonical column, for the cells this kind recognises."""
        keys = self.column_keys()
        found: dict[int, str] = {}
        for i, cell in enumerate(header):
            name = keys.get(header_key(cell)) if cell not in (None, "") else None
            if name and name not in found.values():
                found[i] = name
        return found


_KINDS: dict[str, Kind] = {}

# A header row must name at least this many columns of one kind to be recognised.
MIN_HEADER_MATCHES = 3


def register_kind(kind: Kind) -> Kind:
    _KINDS[kind.name] = kind
    return kind


def registered_kinds() -> tuple[Kind, ...]:
    _load_builtin_kinds()
    return tuple(_KINDS.values())


def get_kind(name: str) -> Kind:
    _load_builtin_kinds()
    return _KINDS[name]


def header_score(header: list[Any]) -> tuple[int, Kind | None]:
    """How well a row reads as a header: the best kind's match count, and that kind (None on a tie)."""
    scores = sorted(((len(k.match(header)), k) for k in registered_kinds()), key=lambda s: -s[0])
    if not scores or scores[0][0] < MIN_HEADER_MATCHES:
        return (scores[0][0] if scores else 0), None
    if len(scores) > 1 and scores[1][0] == scores[0][0]:
        return scores[0][0], None
    return scores[0]


def _load_builtin_kinds() -> None:
    # Each module registers its kinds on import.
    from warehouse.intake import decisions, evaluations, registrations  # noqa: F401
