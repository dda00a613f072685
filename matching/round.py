"""The entry point other parts call: match one round in the warehouse and store the result."""

from __future__ import annotations

import json

import duckdb
import pandas as pd

from matching.affinity import affinity_pairs
from matching.assign import COMPONENTS, MatchResult, match_tables
from matching.merge import merge_round_initiatives
from matching.params import MatchingError, MatchParams
from pnet.settings import load_config
from warehouse.db import replace_rows
from warehouse.intake.decisions import agreed_and_rejected
from warehouse.reference import boundaries
from warehouse.rounds import get_round


def _text(*parts) -> str:
    return " ".join(p for p in parts if isinstance(p, str) and p)


def round_consultants(con: duckdb.DuckDBPyConnection, round_id: str) -> pd.DataFrame:
    frame = con.execute(
        """SELECT consultant_id, gemeentecode, uren_beschikbaar AS hours_available, akkoord_werkgever AS akkoord,
                  themas AS themes, functie, expertise
           FROM consultants WHERE round_id = ? ORDER BY consultant_id""",
        [round_id],
    ).df()
    frame["themes"] = frame.themes.map(list)
    frame["text"] = [_text(f, e) for f, e in zip(frame.functie, frame.expertise)]
    return frame.drop(columns=["functie", "expertise"])


def priority_weights() -> dict[int, float]:
    """A registration's prioriteit (1 hoog .. 3 laag) -> its weight in the objective (config/matching.yaml)."""
    return {int(rank): float(weight) for rank, weight in load_config("matching")["priority_weights"].items()}


def _initiatives(merged: pd.DataFrame) -> pd.DataFrame:
    weights = priority_weights()
    if unknown := sorted(set(merged.prioriteit) - weights.keys()):
        raise MatchingError(f"Prioriteit {', '.join(map(str, unknown))} heeft geen gewicht in config/matching.yaml "
                            f"(priority_weights kent {', '.join(map(str, sorted(weights)))}).")
    return pd.DataFrame({
        "initiative_id": merged.initiative_id,
        "gemeentecode": merged.gemeentecode,
        "hours_needed": merged.uren_gevraagd.astype(float),
        "priority": merged.prioriteit.map(weights).astype(float),
        "themes": merged.themas.map(list),
        "text": [_text(t, o, h) for t, o, h in zip(merged.titel, merged.omschrijving, merged.hulpvraag)],
    })


def round_decisions(con: duckdb.DuckDBPyConnection, round_id: str) -> pd.DataFrame:
    """The decisions the matcher keeps (`agreed_and_rejected`: the meeting's, and evaluated proposals)."""
    frame = pd.DataFrame(agreed_and_rejected(con, round_id), columns=["initiative_id", "consultant_id", "decision", "hours"])
    frame["hours"] = pd.to_numeric(frame["hours"]).astype(float)
    missing = frame[(frame.decision == "akkoord") & frame.hours.isna()]
    if len(missing):
        r = missing.iloc[0]
        raise MatchingError(
            f"Akkoord voor {r.initiative_id} / {r.consultant_id} zonder uren, en het paar staat niet in de huidige "
            "koppelingen: vul het aantal uren in bij het besluit."
        )
    return frame


def _centroids(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    frame = con.execute("SELECT gemeentecode, centroid_lat, centroid_lon FROM gemeente_boundaries").df()
    return frame if len(frame) else boundaries()[["gemeentecode", "centroid_lat", "centroid_lon"]]


def match_round(con: duckdb.DuckDBPyConnection, round_id: str, params: MatchParams | None = None) -> MatchResult:
    """Merge the round's initiatives, match them, and replace the round's match_runs, match_set,
    match_alternates and match_scores rows. Confirmed pairs keep their hours; rejected pairs are never proposed."""
    params = params or MatchParams()
    get_round(con, round_id)
    merged = merge_round_initiatives(con, round_id)
    initiatives = _initiatives(merged)
    consultants = round_consultants(con, round_id)
    if initiatives.empty:
        raise MatchingError(f"Ronde {round_id} heeft nog geen initiatieven (aanmeldingen of bevestigde kandidaten).")
    if consultants.empty:
        raise MatchingError(f"Ronde {round_id} heeft nog geen consultants.")
    pairs = affinity_pairs(initiatives, consultants, _centroids(con))
    result = match_tables(initiatives, consultants, pairs, params, round_decisions(con, round_id))
    store_result(con, round_id, result)
    return result


def store_result(con: duckdb.DuckDBPyConnection, round_id: str, result: MatchResult) -> None:
    s = result.solution
    run = pd.DataFrame([{
        "round_id": round_id, "status": s.status, "objective": s.objective, "bound": s.bound, "gap": s.gap,
        "fairness": result.params.fairness,
        "params": json.dumps({**result.params.as_json(), **result.summary(), "warnings": result.warnings}, ensure_ascii=False),
    }])
    m = result.matches
    match_set = pd.DataFrame({
        "round_id": round_id,
        "initiative_id": m.initiative_id,
        "consultant_id": m.consultant_id,
        "hours": m.hours.astype(int),
        "score": m.score.astype(float),
        "components": [json.dumps({k: (None if pd.isna(r[k]) else float(r[k])) for k in COMPONENTS}) for r in m.to_dict("records")],
        "locked": m.locked.astype(bool),
    })
    alternates = result.alternates.assign(round_id=round_id)
    scope = {"round_id": round_id}
    replace_rows(con, "match_runs", run, scope)
    replace_rows(con, "match_set", match_set, scope)
    replace_rows(con, "match_alternates", alternates, scope)
    replace_rows(con, "match_scores", result.scores.assign(round_id=round_id), scope)


def check_round(con: duckdb.DuckDBPyConnection, round_id: str, params: MatchParams | None = None) -> list:
    """Check the stored match set of a round with the independent checker (not the solver's view)."""
    from matching.checker import check_matches

    run = con.execute("SELECT params FROM match_runs WHERE round_id = ?", [round_id]).fetchone()
    if params is None:
        stored = json.loads(run[0]) if run and run[0] else {}
        params = MatchParams(**{k: stored[k] for k in ("max_team", "min_block", "min_score") if k in stored})
    matches = con.execute("SELECT initiative_id, consultant_id, hours, score FROM match_set WHERE round_id = ?", [round_id]).df()
    initiatives = con.execute(
        "SELECT initiative_id, gemeentecode, uren_gevraagd FROM match_initiatives WHERE round_id = ?", [round_id]).fetchall()
    consultants = con.execute(
        "SELECT consultant_id, gemeentecode, uren_beschikbaar, akkoord_werkgever FROM consultants WHERE round_id = ?", [round_id]).fetchall()
    decisions = round_decisions(con, round_id)
    return check_matches(
        matches.to_dict("records"),
        {i: {"gemeentecode": g, "hours_needed": h} for i, g, h in initiatives},
        {c: {"gemeentecode": g, "hours_available": h, "akkoord": a} for c, g, h, a in consultants},
        max_team=params.max_team, min_block=params.min_block, min_score=params.min_score,
        rejected={(r.initiative_id, r.consultant_id) for r in decisions.itertuples() if r.decision == "afgewezen"},
        locked={(r.initiative_id, r.consultant_id): int(r.hours) for r in decisions.itertuples() if r.decision == "akkoord"},
    )
