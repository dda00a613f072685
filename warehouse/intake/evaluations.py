"""The kind `evaluations`: per matched pair, the hours actually spent, the outcome and the visit date.

Keyed by round + initiative + consultant (the form `pnet templates --round` writes is pre-filled
with the round's matches); stored in `evaluations`. A pre-filled row not yet filled in (hours,
outcome, explanation and date all empty) is skipped and counted as such.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from warehouse.intake import values as v
from warehouse.intake.decisions import pair_ids, pairs_of, round_pairs
from warehouse.intake.kinds import Column, IntakeContext, Invalid, Kind, RowRule, register_kind

# The outcome scale, best first (Dutch report-card words).
RESULTATEN = ("zeer goed", "goed", "matig", "onvoldoende")
FILLED_IN = ("uren_besteed", "resultaat", "toelichting", "datum_bezoek")


def visit_date(value: str, ctx: IntakeContext) -> date:
    """The date of the evaluation visit: not in the future, not before the round opened."""
    day = v.parse_date(value, ctx)
    if day > date.today():
        raise Invalid(f"{day:%d-%m-%Y} ligt in de toekomst: vul de datum in waarop het evaluatiebezoek plaatsvond")
    if day < ctx.round.open_date:
        raise Invalid(f"{day:%d-%m-%Y} ligt voor de opening van ronde {ctx.round_id} ({ctx.round.open_date:%d-%m-%Y})")
    return day


def _not_filled_in(frame: pd.DataFrame) -> pd.Series:
    return frame[list(FILLED_IN)].apply(lambda col: col.astype(str).str.strip() == "").all(axis=1)


def _not_matched(frame: pd.DataFrame, ctx: IntakeContext) -> pd.Series:
    """Pairs that are not in the match set (or were rejected) and were not agreed in a meeting."""
    pairs = round_pairs(ctx)
    worked = {p for p in pairs.proposed if pairs.decided.get(p, ("",))[0] != "afgewezen"}
    worked |= {p for p, (d, _) in pairs.decided.items() if d == "akkoord"}
    return pd.Series([p not in worked for p in pairs_of(frame)], index=frame.index, dtype=bool)


def _existing(ctx: IntakeContext, ids: list[str]) -> set[str]:
    rows = ctx.con.execute(
        "SELECT initiative_id || '/' || consultant_id AS id FROM evaluations "
        "WHERE round_id = ? AND id IN (SELECT unnest(?::VARCHAR[]))",
        [ctx.round_id, ids],
    ).fetchall()
    return {r for (r,) in rows}


def _upsert(ctx: IntakeContext, frame: pd.DataFrame) -> None:
    ctx.con.register("_evaluations", frame.assign(round_id=ctx.round_id))
    try:
        ctx.con.execute(
            "DELETE FROM evaluations e WHERE e.round_id = ? AND EXISTS (SELECT 1 FROM _evaluations d "
            "WHERE d.initiative_id = e.initiative_id AND d.consultant_id = e.consultant_id)",
            [ctx.round_id],
        )
        ctx.con.execute(
            "INSERT INTO evaluations BY NAME SELECT round_id, initiative_id, consultant_id, "
            "CAST(uren_besteed AS DOUBLE) AS uren_besteed, resultaat, toelichting, "
            "CAST(datum_bezoek AS DATE) AS datum_bezoek, source_sha256, source_row, "
            "current_timestamp AS updated_at FROM _evaluations"
        )
    finally:
        ctx.con.unregister("_evaluations")


def _describe(frame: pd.DataFrame, ctx: IntakeContext) -> pd.Series:
    pairs = round_pairs(ctx)
    names = pd.Series([pairs.pair_name(p) for p in pairs_of(frame)], index=frame.index, dtype=object)
    return names + ": " + frame["resultaat"].astype(str) + ", " + frame["uren_besteed"].map(lambda h: f"{h:g}") + " uur besteed"


EVALUATIONS_KIND = register_kind(
    Kind(
        name="evaluations",
        label="evaluaties",
        columns=(
            Column("round_id", v.same_round, required=False),
            Column("initiative_id", v.text),
            Column("consultant_id", v.text),
            Column("uren_besteed", v.hours_from(0), ("bestede uren", "werkelijk bestede uren", "uren werkelijk")),
            Column("resultaat", v.choice({r: r for r in RESULTATEN}, "resultaat"), ("uitkomst", "oordeel")),
            Column("toelichting", v.text, ("opmerkingen", "toelichting resultaat"), required=False),
            Column("datum_bezoek", visit_date, ("datum evaluatiebezoek", "evaluatiebezoek", "bezoekdatum",
                                                "datum bezoek")),
        ),
        record_id=lambda frame, ctx: pair_ids(frame),
        existing=_existing,
        upsert=_upsert,
        describe=_describe,
        rules=(
            RowRule("initiative_id", _not_matched,
                    lambda row: f"de koppeling {row.initiative_id} / {row.consultant_id} staat niet (akkoord) in de "
                    "matchset van deze ronde"),
        ),
        skip=_not_filled_in,
        skip_label="regels nog niet ingevuld (uren, resultaat, toelichting en datum leeg)",
        duplicate_note="eerder ingevulde evaluatie van deze koppeling; bijgewerkt",
    )
)
