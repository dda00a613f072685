"""Alternates: per initiative the next best eligible consultants that were not chosen."""

from __future__ import annotations

import pandas as pd


def alternates(eligible: pd.DataFrame, chosen: pd.DataFrame, n: int = 3) -> pd.DataFrame:
    """eligible: initiative_id, consultant_id, score for every pair that may be proposed;
    chosen: initiative_id, consultant_id of the match set. Returns initiative_id, rank (1..n),
    consultant_id, score, best first (ties by consultant id, so the result is stable)."""
    taken = set(zip(chosen.initiative_id, chosen.consultant_id))
    free = eligible[[(i, c) not in taken for i, c in zip(eligible.initiative_id, eligible.consultant_id)]]
    free = free.sort_values(["initiative_id", "score", "consultant_id"], ascending=[True, False, True])
    top = free.groupby("initiative_id", sort=False).head(n).copy()
    top["rank"] = top.groupby("initiative_id", sort=False).cumcount() + 1
    return top[["initiative_id", "rank", "consultant_id", "score"]].reset_index(drop=True)
