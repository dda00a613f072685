"""Alternates: per initiative the next best eligible consultants that were not chosen."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd


def alternates(
    eligible: pd.DataFrame, chosen: pd.DataFrame, n: int = 3, hours_free: Mapping[str, int] | None = None, min_block: int = 0
) -> pd.DataFrame:
    """eligible: initiative_id, consultant_id, score for every pair that may be proposed;
    chosen: initiative_id, consultant_id of the match set; hours_free: per consultant the hours the
    match set leaves. Returns initiative_id, rank (1..n), consultant_id, score, hours_free: consultants
    with room for a block of `min_block` hours first (the meeting can add them without moving anyone),
    then by score (ties by consultant id, so the result is stable)."""
    taken = set(zip(chosen.initiative_id, chosen.consultant_id))
    free = eligible[[(i, c) not in taken for i, c in zip(eligible.initiative_id, eligible.consultant_id)]].copy()
    hours_free = hours_free or {}
    free["hours_free"] = [int(hours_free.get(c, 0)) for c in free.consultant_id]
    free["booked"] = free.hours_free < max(min_block, 1)
    free = free.sort_values(["initiative_id", "booked", "score", "consultant_id"], ascending=[True, True, False, True])
    top = free.groupby("initiative_id", sort=False).head(n).copy()
    top["rank"] = top.groupby("initiative_id", sort=False).cumcount() + 1
    return top[["initiative_id", "rank", "consultant_id", "score", "hours_free"]].reset_index(drop=True)
