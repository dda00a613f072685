"""From tables to a checked match set: encode, solve, decode, explain, check, pick alternates.

`match_tables` is the one function both the CLI file form and `match_round` call.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from matching.alternates import alternates
from matching.checker import Violation, check_matches
from matching.encode import encode
from matching.params import MatchParams
from matching.solvers import Fairness, Solution, solve
from pnet.settings import load_config
from warehouse.reference import gemeenten

COMPONENTS = ["themes", "text", "travel", "distance_km"]


@dataclass
class MatchResult:
    matches: pd.DataFrame  # initiative_id, consultant_id, hours, score, components, locked, toelichting
    alternates: pd.DataFrame  # initiative_id, rank, consultant_id, score
    per_gemeente: pd.DataFrame  # gemeentecode, uren_gekoppeld, uren_uitgeleend, uren_gevraagd, uren_beschikbaar
    scores: pd.DataFrame  # every scored pair: score, components, reden (why it is no candidate, else None)
    solution: Solution
    params: MatchParams
    warnings: list[str] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)

    def summary(self) -> dict:
        s = self.solution
        return {
            "status": s.status,
            "objective": round(s.objective, 4),
            "bound": round(s.bound, 4),
            "gap": round(s.gap, 6),
            "matches": len(self.matches),
            "hours_matched": int(self.matches.hours.sum()),
            "hours_needed": round(float(self.per_gemeente.uren_gevraagd.sum()), 2),
            "hours_available": round(float(self.per_gemeente.uren_beschikbaar.sum()), 2),
            "fairness_ratio": None if s.fairness_ratio is None else round(s.fairness_ratio, 4),
            "objective_before_fairness": None if s.stage1_objective is None else round(s.stage1_objective, 4),
            "violations": len(self.violations),
            "method": s.method,
            "seconds": round(s.seconds, 2),
        }


def explain(row) -> str:
    """One Dutch sentence per match: why this consultant for this initiative."""
    parts = []
    if pd.notna(row.get("themes")):
        parts.append(f"thema's {row['themes']:.0%} gedekt")
    if pd.notna(row.get("text")):
        parts.append(f"tekstovereenkomst {row['text']:.2f}")
    if pd.notna(row.get("distance_km")):
        parts.append(f"{row['distance_km']:.0f} km tussen de gemeenten")
    text = ", ".join(parts) if parts else "score uit het scorebestand"
    return ("Vastgelegd door het overleg; " if row.get("locked") else "") + f"score {row['score']:.2f}: {text}."


def _fairness(initiatives: pd.DataFrame, params: MatchParams) -> Fairness | None:
    if not params.fairness:
        return None
    codes = sorted(initiatives.gemeentecode.unique())
    inwoners = gemeenten().set_index("gemeentecode").inwoners
    weight = np.array([float(inwoners.get(c, np.nan)) for c in codes])
    weight = np.where(np.isnan(weight), np.nanmean(weight) if np.isfinite(weight).any() else 1.0, weight)
    group = initiatives.gemeentecode.map({c: k for k, c in enumerate(codes)}).to_numpy(int)
    return Fairness(group, weight, float(load_config("matching")["fairness"]["tolerance"]))


def _per_gemeente(initiatives: pd.DataFrame, consultants: pd.DataFrame, matches: pd.DataFrame) -> pd.DataFrame:
    got = matches.merge(initiatives[["initiative_id", "gemeentecode"]], on="initiative_id").groupby("gemeentecode").hours.sum()
    lent = matches.merge(consultants[["consultant_id", "gemeentecode"]], on="consultant_id").groupby("gemeentecode").hours.sum()
    frame = pd.DataFrame({
        "uren_gekoppeld": got,
        "uren_uitgeleend": lent,
        "uren_gevraagd": initiatives.groupby("gemeentecode").hours_needed.sum(),
        "uren_beschikbaar": consultants[consultants.akkoord].groupby("gemeentecode").hours_available.sum(),
    }).fillna(0)
    # matched hours are whole; asked and available hours may have a half hour, which is kept (not cut off)
    frame = frame.astype({"uren_gekoppeld": int, "uren_uitgeleend": int, "uren_gevraagd": float, "uren_beschikbaar": float})
    frame.index.name = "gemeentecode"
    return frame.reset_index()


def _hours_free(consultants: pd.DataFrame, matches: pd.DataFrame) -> dict[str, int]:
    """Per consultant the whole hours the match set leaves of those available."""
    used = matches.groupby("consultant_id").hours.sum()
    return {r.consultant_id: int(r.hours_available - used.get(r.consultant_id, 0)) for r in consultants.itertuples()}


def match_tables(
    initiatives: pd.DataFrame,
    consultants: pd.DataFrame,
    pairs: pd.DataFrame,
    params: MatchParams,
    decisions: pd.DataFrame | None = None,
) -> MatchResult:
    """Match consultants to initiatives (see `matching.encode.encode` for the columns)."""
    enc = encode(initiatives, consultants, pairs, params, decisions)
    p = enc.problem
    solution = solve(p, time_limit=params.time_limit, gap=params.mip_gap, fairness=_fairness(initiatives, params))
    used = solution.hours > 0
    matches = enc.pairs[used].drop(columns=["i", "c"]).copy()
    matches["hours"] = solution.hours[used].astype(int)
    matches["locked"] = p.locked[used] > 0
    for col in COMPONENTS:
        if col not in matches:
            matches[col] = np.nan
    matches["gemeente_initiatief"] = [p.initiative_gemeente[i] for i in p.arc_i[used]]
    matches["gemeente_consultant"] = [p.consultant_gemeente[c] for c in p.arc_c[used]]
    matches["toelichting"] = [explain(r) for r in matches.to_dict("records")]
    matches = matches[["initiative_id", "consultant_id", "hours", "score", *COMPONENTS, "locked",
                       "gemeente_initiatief", "gemeente_consultant", "toelichting"]]
    matches = matches.sort_values(["initiative_id", "consultant_id"]).reset_index(drop=True)
    violations = check_matches(
        matches.to_dict("records"),
        {r.initiative_id: {"gemeentecode": r.gemeentecode, "hours_needed": r.hours_needed} for r in initiatives.itertuples()},
        {r.consultant_id: {"gemeentecode": r.gemeentecode, "hours_available": r.hours_available, "akkoord": bool(r.akkoord)}
         for r in consultants.itertuples()},
        max_team=params.max_team, min_block=params.min_block, min_score=params.min_score, rejected=enc.rejected,
        locked={(p.initiative_ids[p.arc_i[k]], p.consultant_ids[p.arc_c[k]]): int(p.locked[k]) for k in np.flatnonzero(p.locked)},
    )
    return MatchResult(
        matches=matches,
        alternates=alternates(enc.pairs, matches, int(load_config("matching")["alternates"]),
                              _hours_free(consultants, matches), params.min_block),
        per_gemeente=_per_gemeente(initiatives, consultants, matches),
        scores=enc.scored,
        solution=solution,
        params=params,
        warnings=enc.warnings,
        violations=violations,
    )
