"""What the Dagster assets show about a round's meeting decisions and evaluations."""

from __future__ import annotations

import duckdb

from pnet.untrusted import markdown_cell
from warehouse.intake.evaluations import RESULTATEN


def decision_counts(con: duckdb.DuckDBPyConnection, round_id: str) -> dict[str, int | float]:
    """Decisions on matches (akkoord, afgewezen, hours agreed) and verdicts on candidates in the round."""
    akkoord, afgewezen, uren = con.execute(
        "SELECT count(*) FILTER (WHERE decision = 'akkoord'), count(*) FILTER (WHERE decision = 'afgewezen'), "
        "coalesce(sum(hours) FILTER (WHERE decision = 'akkoord'), 0) FROM match_decisions WHERE round_id = ?",
        [round_id],
    ).fetchone()
    relevant, niet = con.execute(
        "SELECT count(*) FILTER (WHERE label = 'relevant'), count(*) FILTER (WHERE label = 'niet relevant') "
        "FROM candidate_feedback WHERE round_id = ?",
        [round_id],
    ).fetchone()
    return {"rijen": akkoord + afgewezen + relevant + niet, "akkoord": akkoord, "afgewezen": afgewezen,
            "uren_akkoord": float(uren), "kandidaten_relevant": relevant, "kandidaten_niet_relevant": niet}


def evaluation_counts(con: duckdb.DuckDBPyConnection, round_id: str) -> dict[str, int | float]:
    """Evaluations received, hours spent, and how many got each outcome."""
    n, uren = con.execute(
        "SELECT count(*), coalesce(sum(uren_besteed), 0) FROM evaluations WHERE round_id = ?", [round_id]
    ).fetchone()
    per = dict(con.execute(
        "SELECT resultaat, count(*) FROM evaluations WHERE round_id = ? GROUP BY resultaat", [round_id]
    ).fetchall())
    return {"rijen": n, "uren_besteed": float(uren), **{r.replace(" ", "_"): per.get(r, 0) for r in RESULTATEN}}


def _preview(con: duckdb.DuckDBPyConnection, round_id: str, table: str, columns: str, order: str,
             header: list[str], limit: int) -> str:
    """The latest rows of a pair-keyed table, with initiative title and consultant name, as Markdown."""
    rows = con.execute(
        f"""SELECT coalesce(i.titel, t.initiative_id), coalesce(c.naam, t.consultant_id), {columns}
            FROM {table} t
            LEFT JOIN all_initiatives i USING (round_id, initiative_id)
            LEFT JOIN consultants c USING (round_id, consultant_id)
            WHERE t.round_id = ? ORDER BY t.{order} DESC, 1, 2 LIMIT ?""",
        [round_id, limit],
    ).fetchall()
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(markdown_cell("" if v is None else str(v)) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def decisions_preview(con: duckdb.DuckDBPyConnection, round_id: str, limit: int = 10) -> str:
    """The latest match decisions as a Markdown table (initiative, consultant, decision, hours)."""
    return _preview(con, round_id, "match_decisions", "t.decision, t.hours", "decided_at",
                    ["initiatief", "consultant", "besluit", "uren"], limit)


def evaluations_preview(con: duckdb.DuckDBPyConnection, round_id: str, limit: int = 10) -> str:
    """The latest evaluations as a Markdown table."""
    return _preview(con, round_id, "evaluations",
                    "t.resultaat, t.uren_besteed, strftime(t.datum_bezoek, '%d-%m-%Y')", "updated_at",
                    ["initiatief", "consultant", "resultaat", "uren besteed", "bezoek"], limit)
