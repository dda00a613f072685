"""What the Dagster assets show about a round's registrations, and the nothing-lost accounting check."""

from __future__ import annotations

import duckdb

from pnet.untrusted import markdown_cell
from warehouse.resolver import default_resolver

_TABLES = {
    "initiatives": ("initiatives", "titel", "uren_gevraagd"),
    "consultants": ("consultants", "naam", "uren_beschikbaar"),
}


def registration_counts(con: duckdb.DuckDBPyConnection, round_id: str, kind: str) -> dict[str, int | float]:
    """Records, hours and municipalities of one kind in a round; for consultants also those without akkoord."""
    table, _, hours = _TABLES[kind]
    n, total, gemeenten = con.execute(
        f"SELECT count(*), coalesce(sum({hours}), 0), count(DISTINCT gemeentecode) FROM {table} WHERE round_id = ?",
        [round_id],
    ).fetchone()
    out: dict[str, int | float] = {"rijen": n, "uren": float(total), "gemeenten": gemeenten}
    if kind == "consultants":
        out["zonder_akkoord_werkgever"] = con.execute(
            "SELECT count(*) FROM consultants WHERE round_id = ? AND NOT akkoord_werkgever", [round_id]
        ).fetchone()[0]
    return out


def preview_markdown(con: duckdb.DuckDBPyConnection, round_id: str, kind: str, limit: int = 10) -> str:
    """The first records (by municipality and name) as a Markdown table, untrusted text escaped."""
    table, name, hours = _TABLES[kind]
    rows = con.execute(
        f"SELECT gemeentecode, {name}, array_to_string(themas, ', '), {hours} FROM {table} "
        f"WHERE round_id = ? ORDER BY gemeentecode, {name} LIMIT ?",
        [round_id, limit],
    ).fetchall()
    resolver = default_resolver()
    lines = [f"| gemeente | {name} | thema's | uren |", "|---|---|---|---|"]
    lines += [
        f"| {markdown_cell(resolver.get(code).naam)} | {markdown_cell(title)} | {markdown_cell(themes)} | {h:g} |"
        for code, title, themes, h in rows
    ]
    return "\n".join(lines)


def accounting_problems(con: duckdb.DuckDBPyConnection, round_id: str, kind: str) -> list[str]:
    """Files of this kind in the round whose rows are not each loaded, rejected or duplicate (Dutch lines)."""
    rows = con.execute(
        """
        SELECT f.sha256, f.file_name, f.rows, f.accepted, f.rejected, f.duplicates,
               count(r.row_number) AS ledger,
               count(*) FILTER (WHERE r.outcome = 'loaded') AS loaded,
               count(*) FILTER (WHERE r.outcome = 'rejected') AS rejected_rows,
               count(*) FILTER (WHERE r.outcome = 'duplicate') AS duplicate_rows
        FROM intake_files f LEFT JOIN intake_rows r ON r.sha256 = f.sha256
        WHERE f.round_id = ? AND f.kind = ? AND f.error IS NULL
        GROUP BY ALL
        """,
        [round_id, kind],
    ).fetchall()
    problems = []
    for _, name, n, acc, rej, dup, ledger, loaded, rej_rows, dup_rows in rows:  # per file (sha256), not per name
        if n != acc + rej + dup:
            problems.append(f"{name}: {n} rijen maar {acc} geladen + {rej} afgewezen + {dup} dubbel")
        if (ledger, loaded, rej_rows, dup_rows) != (n, acc, rej, dup):
            problems.append(
                f"{name}: grootboek intake_rows telt {ledger} rijen ({loaded} geladen, {rej_rows} afgewezen, "
                f"{dup_rows} dubbel), het bestand {n} ({acc}, {rej}, {dup})"
            )
    return problems


def received_files(con: duckdb.DuckDBPyConnection, round_id: str, kind: str) -> int:
    return con.execute(
        "SELECT count(*) FROM intake_files WHERE round_id = ? AND kind = ?", [round_id, kind]
    ).fetchone()[0]


def outcome_counts(con: duckdb.DuckDBPyConnection, round_id: str, kind: str) -> dict[str, int]:
    """Rows of the round's files of this kind that were rejected, or recognised as duplicates."""
    rejected, duplicates = con.execute(
        "SELECT coalesce(sum(rejected), 0), coalesce(sum(duplicates), 0) FROM intake_files WHERE round_id = ? AND kind = ?",
        [round_id, kind],
    ).fetchone()
    return {"rijen_afgewezen": int(rejected), "rijen_dubbel": int(duplicates)}  # (decisions' 'afgewezen' are pairs)


def rejections_markdown(con: duckdb.DuckDBPyConnection, round_id: str, kind: str, limit: int = 20) -> str:
    """The first rejection reasons of the round's files of this kind (file, reason) as a Markdown table."""
    rows = con.execute(
        """SELECT f.file_name, e.reason FROM intake_errors e JOIN intake_files f USING (sha256)
           WHERE f.round_id = ? AND f.kind = ? ORDER BY f.received_at, f.file_name, e.sheet, e.row_number, e.seq LIMIT ?""",
        [round_id, kind, limit],
    ).fetchall()
    if not rows:
        return "geen"
    lines = ["| bestand | reden |", "|---|---|"]
    lines += [f"| {markdown_cell(name)} | {markdown_cell(reason, width=200)} |" for name, reason in rows]
    return "\n".join(lines)


def unreadable_files(con: duckdb.DuckDBPyConnection, round_id: str) -> list[str]:
    """Dutch lines for the round's files that could not be read (no kind, so no asset counts them)."""
    return [f"{name}: {error}" for name, error in con.execute(
        "SELECT file_name, error FROM intake_files WHERE round_id = ? AND error IS NOT NULL ORDER BY received_at, file_name",
        [round_id],
    ).fetchall()]

