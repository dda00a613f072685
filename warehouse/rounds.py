"""Rounds: a registration window and the participating municipalities."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import duckdb

from pnet.errors import PnetError
from pnet.formatting import number
from pnet.settings import settings
from warehouse.db import transaction
from warehouse.resolver import Gemeente, GemeenteError, default_resolver

_ROUND_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")


class RoundError(PnetError):
    """A round that cannot be created as asked; the message is Dutch."""


@dataclass
class Round:
    round_id: str
    open_date: date
    close_date: date
    gemeenten: list[Gemeente]
    warnings: list[str] = field(default_factory=list)

    @property
    def inwoners(self) -> int:
        return sum(g.inwoners for g in self.gemeenten)


def split_gemeenten(text: str) -> list[str]:
    """A list as typed on the command line: separated by ';' or ','; a municipality whose official name
    holds a comma ('Nuenen, Gerwen en Nederwetten') stays one name."""
    if ";" in text:
        parts = text.split(";")
    else:
        whole = {g.naam.casefold() for g in default_resolver().by_code.values() if "," in g.naam}
        chunks = re.split("(" + "|".join(map(re.escape, whole)) + ")", text, flags=re.IGNORECASE) if whole else [text]
        parts = [p for chunk in chunks for p in ([chunk] if chunk.casefold() in whole else chunk.split(","))]
    return [p.strip() for p in parts if p.strip()]


def resolve_gemeenten(names: list[str]) -> list[Gemeente]:
    """Resolve each name or code; all problems are reported together in one RoundError."""
    resolver = default_resolver()
    found: dict[str, Gemeente] = {}
    problems = []
    for name in (n.strip() for n in names):
        if not name:
            continue
        try:
            g = resolver.resolve(name)
        except GemeenteError as exc:
            problems.append(str(exc))
            continue
        found.setdefault(g.code, g)
    if problems:
        raise RoundError("\n".join(problems))
    return list(found.values())


def pilot_warnings(gemeenten: list[Gemeente]) -> list[str]:
    """Warnings when the round falls outside the pilot's bounds (a coordinator's call, so not refused)."""
    pilot = settings()["pilot"]
    n, inwoners = len(gemeenten), sum(g.inwoners for g in gemeenten)
    out = []
    if n < pilot["min_gemeenten"] or n > pilot["max_gemeenten"]:
        out.append(
            f"Let op: {n} gemeenten; de pilot gaat uit van {pilot['min_gemeenten']} tot "
            f"{pilot['max_gemeenten']} gemeenten."
        )
    if inwoners < pilot["min_inwoners"]:
        out.append(
            f"Let op: samen {number(inwoners)} inwoners; de pilot gaat uit van minimaal "
            f"{number(pilot['min_inwoners'])} inwoners."
        )
    return out


def plan_round(round_id: str, gemeenten: list[str], open_date: date, close_date: date) -> Round:
    """Validate a new round without writing it."""
    if not _ROUND_ID.match(round_id or ""):
        raise RoundError(
            f"Ongeldige ronde-id '{round_id}': gebruik letters, cijfers, '-' of '_' (bijvoorbeeld 2027-R1)."
        )
    if close_date < open_date:
        raise RoundError(
            f"De sluitingsdatum {close_date:%d-%m-%Y} ligt voor de openingsdatum {open_date:%d-%m-%Y}."
        )
    resolved = resolve_gemeenten(gemeenten)
    if len(resolved) < 2:
        raise RoundError(
            "Een ronde heeft minimaal 2 verschillende gemeenten nodig: consultants werken nooit in hun eigen gemeente."
        )
    return Round(round_id, open_date, close_date, resolved, pilot_warnings(resolved))


def create_round(
    con: duckdb.DuckDBPyConnection,
    round_id: str,
    gemeenten: list[str],
    open_date: date,
    close_date: date,
    *,
    replace: bool = False,
) -> Round:
    """Validate and store a round. An existing round is refused unless `replace`."""
    planned = plan_round(round_id, gemeenten, open_date, close_date)
    exists = con.execute("SELECT count(*) FROM rounds WHERE round_id = ?", [round_id]).fetchone()[0]
    if exists and not replace:
        raise RoundError(f"Ronde {round_id} bestaat al.")
    kept = [g.code for g in planned.gemeenten]
    dropped = [code for (code,) in con.execute(
        """SELECT DISTINCT gemeentecode FROM (SELECT gemeentecode FROM initiatives WHERE round_id = $1
           UNION ALL SELECT gemeentecode FROM consultants WHERE round_id = $1)
           WHERE NOT list_contains($2, gemeentecode) ORDER BY gemeentecode""", [round_id, kept]).fetchall()]
    if dropped:
        names = ", ".join(default_resolver().get(code).naam for code in dropped)
        raise RoundError(
            f"Ronde {round_id} heeft al aanmeldingen van {names}; die gemeenten kunnen niet uit de ronde. "
            "Laat ze in de ronde, of maak een nieuwe ronde met een andere id."
        )
    with transaction(con):
        con.execute("DELETE FROM round_gemeenten WHERE round_id = ?", [round_id])
        con.execute("DELETE FROM rounds WHERE round_id = ?", [round_id])
        con.execute(
            "INSERT INTO rounds (round_id, open_date, close_date) VALUES (?, ?, ?)",
            [round_id, open_date, close_date],
        )
        con.executemany(
            "INSERT INTO round_gemeenten (round_id, gemeentecode) VALUES (?, ?)",
            [[round_id, g.code] for g in planned.gemeenten],
        )
    return planned


def clear_round(con: duckdb.DuckDBPyConnection, round_id: str) -> None:
    """Delete everything gathered for a round (registrations and their intake ledger, match sets, decisions,
    verdicts, evaluations: every table with a round_id); the round itself stays. The demo starts its round so."""
    tables = [t for (t,) in con.execute(
        """SELECT c.table_name FROM information_schema.columns c
           JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
           WHERE c.column_name = 'round_id' AND t.table_type = 'BASE TABLE'
             AND c.table_name NOT IN ('rounds', 'round_gemeenten', 'intake_files')
           ORDER BY c.table_name"""
    ).fetchall()]
    with transaction(con):
        for table in ("intake_rows", "intake_errors"):
            con.execute(f"DELETE FROM {table} WHERE sha256 IN (SELECT sha256 FROM intake_files WHERE round_id = ?)", [round_id])
        for table in [*tables, "intake_files"]:
            con.execute(f"DELETE FROM {table} WHERE round_id = ?", [round_id])


def get_round(con: duckdb.DuckDBPyConnection, round_id: str) -> Round:
    row = con.execute("SELECT open_date, close_date FROM rounds WHERE round_id = ?", [round_id]).fetchone()
    if row is None:
        known = ", ".join(r.round_id for r in list_rounds(con)) or "geen"
        raise RoundError(f"Ronde {round_id} bestaat niet (bekende rondes: {known}).")
    codes = [c for (c,) in con.execute(
        "SELECT gemeentecode FROM round_gemeenten WHERE round_id = ? ORDER BY gemeentecode", [round_id]
    ).fetchall()]
    resolver = default_resolver()
    return Round(round_id, row[0], row[1], [resolver.get(c) for c in codes])


def list_rounds(con: duckdb.DuckDBPyConnection) -> list[Round]:
    ids = [r for (r,) in con.execute("SELECT round_id FROM rounds ORDER BY open_date, round_id").fetchall()]
    return [get_round(con, r) for r in ids]
