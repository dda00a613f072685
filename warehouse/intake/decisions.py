"""The kind `decisions`: the filled-in report workbooks (a municipality's package or the overview).

Sheet `Kandidaten`: column `Beoordeling` (relevant / niet relevant) with hidden keys `item_id`,
`round_id`, `gemeentecode` -> `candidate_feedback` (the classifier's feedback; a 'relevant' one is
merged into the round's initiatives by the matcher). Sheet `Matches`: column `Besluit` (akkoord /
afgewezen) and `Uren` with hidden keys `round_id`, `initiative_id`, `consultant_id` ->
`match_decisions` (akkoord keeps the pair with its hours at the next matching; afgewezen forbids it).
A row whose decision cell is empty decides nothing: it is skipped and counted as such.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from warehouse.intake import values as v
from warehouse.intake.kinds import Column, IntakeContext, Kind, RowRule, register_kind

LABELS = {"relevant": "relevant", "niet relevant": "niet relevant"}
DECISIONS = {"akkoord": "akkoord", "afgewezen": "afgewezen"}


@dataclass(frozen=True)
class RoundPairs:
    """The pairs of a round the meeting can decide on, and what it decided."""

    proposed: dict[tuple[str, str], int]     # match_set pair -> proposed hours
    alternates: set[tuple[str, str]]
    decided: dict[tuple[str, str], str]      # match_decisions pair -> 'akkoord' | 'afgewezen'

    @property
    def known(self) -> set[tuple[str, str]]:
        return set(self.proposed) | self.alternates | set(self.decided)


def round_pairs(ctx: IntakeContext) -> RoundPairs:
    """The round's match set, alternates and decisions (read once per file)."""
    if "pairs" not in ctx.cache:
        q = ctx.con.execute
        p = [ctx.round_id]
        ctx.cache["pairs"] = RoundPairs(
            proposed={(i, c): h for i, c, h in q(
                "SELECT initiative_id, consultant_id, hours FROM match_set WHERE round_id = ?", p).fetchall()},
            alternates=set(q("SELECT initiative_id, consultant_id FROM match_alternates WHERE round_id = ?", p).fetchall()),
            decided={(i, c): d for i, c, d in q(
                "SELECT initiative_id, consultant_id, decision FROM match_decisions WHERE round_id = ?", p).fetchall()},
        )
    return ctx.cache["pairs"]


def pair_ids(frame: pd.DataFrame) -> pd.Series:
    """'initiative_id/consultant_id', the record id of a pair."""
    return frame["initiative_id"].astype(str) + "/" + frame["consultant_id"].astype(str)


def pairs_of(frame: pd.DataFrame) -> list[tuple[str, str]]:
    return list(zip(frame["initiative_id"], frame["consultant_id"]))


def _blank(frame: pd.DataFrame, column: str) -> pd.Series:
    return frame[column].astype(str).str.strip() == ""


def _undecided(frame: pd.DataFrame) -> pd.Series:
    return _blank(frame, "beoordeling") & _blank(frame, "besluit")


def _is_candidate(frame: pd.DataFrame) -> pd.Series:
    return frame["beoordeling"].notna()


def _is_match(frame: pd.DataFrame) -> pd.Series:
    return frame["besluit"].notna()


def _both(frame: pd.DataFrame, ctx: IntakeContext) -> pd.Series:
    return _is_candidate(frame) & _is_match(frame)


def _candidate_keys_missing(frame: pd.DataFrame, ctx: IntakeContext) -> pd.Series:
    return _is_candidate(frame) & ~_is_match(frame) & (frame["item_id"].isna() | frame["gemeentecode"].isna())


def _unknown_item(frame: pd.DataFrame, ctx: IntakeContext) -> pd.Series:
    asked = frame["item_id"].dropna().unique().tolist()
    known = {i for (i,) in ctx.con.execute(
        "SELECT item_id FROM candidates WHERE item_id IN (SELECT unnest(?::VARCHAR[]))", [asked]).fetchall()}
    return _is_candidate(frame) & frame["item_id"].notna() & ~frame["item_id"].isin(known)


def _match_keys_missing(frame: pd.DataFrame, ctx: IntakeContext) -> pd.Series:
    return _is_match(frame) & ~_is_candidate(frame) & (frame["initiative_id"].isna() | frame["consultant_id"].isna())


def _has_pair(frame: pd.DataFrame) -> pd.Series:
    return _is_match(frame) & ~_is_candidate(frame) & frame["initiative_id"].notna() & frame["consultant_id"].notna()


def _unknown_pair(frame: pd.DataFrame, ctx: IntakeContext) -> pd.Series:
    known = round_pairs(ctx).known
    return _has_pair(frame) & pd.Series([p not in known for p in pairs_of(frame)], index=frame.index, dtype=bool)


def _akkoord_without_hours(frame: pd.DataFrame, ctx: IntakeContext) -> pd.Series:
    pairs = round_pairs(ctx)
    no_hours = [p in pairs.known and p not in pairs.proposed for p in pairs_of(frame)]
    return (_has_pair(frame) & (frame["besluit"] == "akkoord") & frame["uren"].isna()
            & pd.Series(no_hours, index=frame.index, dtype=bool))


def _record_ids(frame: pd.DataFrame, ctx: IntakeContext) -> pd.Series:
    candidate = "kandidaat:" + frame["item_id"].astype(str) + "@" + frame["gemeentecode"].astype(str)
    return candidate.where(_is_candidate(frame), "match:" + pair_ids(frame))


def _existing(ctx: IntakeContext, ids: list[str]) -> set[str]:
    rows = ctx.con.execute(
        """
        SELECT id FROM (
            SELECT 'kandidaat:' || item_id || '@' || gemeentecode AS id FROM candidate_feedback
            UNION ALL
            SELECT 'match:' || initiative_id || '/' || consultant_id FROM match_decisions WHERE round_id = ?
        ) WHERE id IN (SELECT unnest(?::VARCHAR[]))
        """,
        [ctx.round_id, ids],
    ).fetchall()
    return {r for (r,) in rows}


def _upsert(ctx: IntakeContext, frame: pd.DataFrame) -> None:
    candidates = frame[_is_candidate(frame)].assign(round_id=ctx.round_id)
    matches = frame[_is_match(frame)].assign(round_id=ctx.round_id)
    con = ctx.con
    for name, data in (("_decided_candidates", candidates), ("_decided_matches", matches)):
        con.register(name, data)
    try:
        con.execute(
            "DELETE FROM candidate_feedback f WHERE EXISTS (SELECT 1 FROM _decided_candidates d "
            "WHERE d.item_id = f.item_id AND d.gemeentecode = f.gemeentecode)"
        )
        con.execute(
            "INSERT INTO candidate_feedback BY NAME SELECT item_id, round_id, gemeentecode, beoordeling AS label, "
            "current_timestamp AS decided_at, source_sha256 FROM _decided_candidates"
        )
        con.execute(
            "DELETE FROM match_decisions m WHERE m.round_id = ? AND EXISTS (SELECT 1 FROM _decided_matches d "
            "WHERE d.initiative_id = m.initiative_id AND d.consultant_id = m.consultant_id)",
            [ctx.round_id],
        )
        # akkoord keeps the hours given, else the proposed hours; afgewezen has no hours
        con.execute(
            """
            INSERT INTO match_decisions BY NAME
            SELECT d.round_id, d.initiative_id, d.consultant_id, d.besluit AS decision,
                   CASE WHEN d.besluit = 'akkoord' THEN coalesce(CAST(d.uren AS INTEGER), s.hours) END AS hours,
                   current_timestamp AS decided_at, d.source_sha256
            FROM _decided_matches d
            LEFT JOIN match_set s USING (round_id, initiative_id, consultant_id)
            """
        )
    finally:
        for name in ("_decided_candidates", "_decided_matches"):
            con.unregister(name)


def _describe(frame: pd.DataFrame) -> pd.Series:
    hours = frame["uren"].map(lambda h: f", {h:g} uur" if pd.notna(h) else "").where(frame["besluit"] == "akkoord", "")
    match = "match " + frame["initiative_id"].astype(str) + " / " + frame["consultant_id"].astype(str) + ": " \
        + frame["besluit"].astype(str) + hours
    candidate = "kandidaat " + frame["item_id"].astype(str) + " (" + frame["gemeentecode"].astype(str) + "): " \
        + frame["beoordeling"].astype(str)
    return candidate.where(_is_candidate(frame), match)


DECISIONS_KIND = register_kind(
    Kind(
        name="decisions",
        label="besluiten",
        columns=(
            Column("beoordeling", v.choice(LABELS, "beoordeling"), required=False),
            Column("besluit", v.choice(DECISIONS, "besluit"), required=False),
            Column("uren", v.hours_from(1, whole=True), required=False),
            Column("round_id", v.same_round, required=False),
            Column("item_id", v.text, required=False),
            Column("gemeentecode", v.round_gemeente, required=False),
            Column("initiative_id", v.text, required=False),
            Column("consultant_id", v.text, required=False),
        ),
        record_id=_record_ids,
        existing=_existing,
        upsert=_upsert,
        describe=_describe,
        rules=(
            RowRule("besluit", _both,
                    lambda row: "vul per regel óf Beoordeling (kandidaat) óf Besluit (match) in, niet allebei"),
            RowRule("item_id", _candidate_keys_missing,
                    lambda row: "de verborgen sleutels item_id en gemeentecode ontbreken; laat die kolommen staan"),
            RowRule("item_id", _unknown_item,
                    lambda row: f"kandidaat {row.item_id} staat niet in de lijst met kandidaat-initiatieven"),
            RowRule("initiative_id", _match_keys_missing,
                    lambda row: "de verborgen sleutels initiative_id en consultant_id ontbreken; laat die kolommen staan"),
            RowRule("initiative_id", _unknown_pair,
                    lambda row: f"de koppeling {row.initiative_id} / {row.consultant_id} staat niet in de matchset "
                    "of bij de alternatieven van deze ronde"),
            RowRule("uren", _akkoord_without_hours,
                    lambda row: "akkoord voor een alternatief: vul ook het aantal uren in"),
        ),
        multi_sheet=True,
        skip=_undecided,
        skip_label="regels zonder besluit (Beoordeling en Besluit leeg)",
        duplicate_note="eerder besluit over deze regel; vervangen door dit besluit",
    )
)
