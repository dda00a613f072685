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


def _markdown(header: list[str], rows: list[tuple]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(markdown_cell("" if v is None else str(v)) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def decisions_preview(con: duckdb.DuckDBPyConnection, round_id: str, limit: int = 10) -> str:
    """The latest match decisions as a Markdown table (initiative, consultant, decision, hours)."""
    rows = con.execute(
        """SELECT coalesce(i.titel, d.initiative_id), coalesce(c.naam, d.consultant_id), d.decision, d.hours
           FROM match_decisions d
           LEFT JOIN initiatives i USING (round_id, initiative_id)
           LEFT JOIN consultants c USING (round_id, consultant_id)
           WHERE d.round_id = ? ORDER BY d.decided_at DESC, 1, 2 LIMIT ?""",
        [round_id, limit],
    ).fetchall()
    return _markdown(["initiatief", "consultant", "besluit", "uren"], rows)


def evaluations_preview(con: duckdb.DuckDBPyConnection, round_id: str, limit: int = 10) -> str:
    """The latest evaluations as a Markdown table."""
    rows = con.execute(
        """SELECT coalesce(i.titel, e.initiative_id), coalesce(c.naam, e.consultant_id), e.resultaat,
                  e.uren_besteed, strftime(e.datum_bezoek, '%d-%m-%Y')
           FROM evaluations e
           LEFT JOIN initiatives i USING (round_id, initiative_id)
           LEFT JOIN consultants c USING (round_id, consultant_id)
           WHERE e.round_id = ? ORDER BY e.updated_at DESC, 1, 2 LIMIT ?""",
        [round_id, limit],
    ).fetchall()
    return _markdown(["initiatief", "consultant", "resultaat", "uren besteed", "bezoek"], rows)
