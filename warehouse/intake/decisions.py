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

import duckdb
import pandas as pd

from pnet.settings import load_config
from warehouse.intake import values as v
from warehouse.intake.kinds import Column, IntakeContext, Kind, RowRule, register_kind, where_in_file

LABELS = {"relevant": "relevant", "niet relevant": "niet relevant"}
DECISIONS = {"akkoord": "akkoord", "afgewezen": "afgewezen"}


@dataclass(frozen=True)
class RoundPairs:
    """What the meeting can decide on in a round: its initiatives and consultants (any pair of them
    may be agreed, also one a later matching no longer proposes), the proposals and what was decided."""

    initiatives: dict[str, tuple[str, int, str]]        # initiative_id -> (gemeentecode, whole hours asked, titel)
    consultants: dict[str, tuple[str, int, bool, str]]  # consultant_id -> (gemeentecode, whole hours, consent, naam)
    proposed: dict[tuple[str, str], int]                # match_set pair -> proposed hours
    decided: dict[tuple[str, str], tuple[str, int | None]]  # pair -> (decision, hours): `agreed_and_rejected`

    def pair_name(self, pair: tuple[str, str]) -> str:
        """'Buurtmoestuin De Groene Hof / Anna de Vries (I1 / C1)', as far as the round knows them."""
        i, c = pair
        if i in self.initiatives or c in self.consultants:
            title = self.initiatives[i][2] if i in self.initiatives else i
            name = self.consultants[c][3] if c in self.consultants else c
            return f"{title} / {name} ({i} / {c})"
        return f"{i} / {c}"

    def in_round(self, pair: tuple[str, str]) -> bool:
        return pair[0] in self.initiatives and pair[1] in self.consultants

    def own_municipality(self, pair: tuple[str, str]) -> bool:
        return self.in_round(pair) and self.initiatives[pair[0]][0] == self.consultants[pair[1]][0]


def agreed_and_rejected(con: duckdb.DuckDBPyConnection, round_id: str) -> list[tuple[str, str, str, int | None]]:
    """(initiative, consultant, decision, hours) of the round: the meeting's decisions (an akkoord without
    hours keeps the current match set's hours), plus proposed pairs already evaluated, which hold as
    agreed (the work is done). The matcher keeps exactly these; the intake checks new decisions against them."""
    return con.execute(
        """SELECT d.initiative_id, d.consultant_id, d.decision, coalesce(d.hours, s.hours) AS hours
           FROM match_decisions d
           LEFT JOIN match_set s USING (round_id, initiative_id, consultant_id)
           WHERE d.round_id = ?
           UNION ALL
           SELECT e.initiative_id, e.consultant_id, 'akkoord' AS decision, s.hours
           FROM evaluations e
           JOIN match_set s USING (round_id, initiative_id, consultant_id)
           WHERE e.round_id = ? AND NOT EXISTS (
               SELECT 1 FROM match_decisions d WHERE d.round_id = e.round_id
               AND d.initiative_id = e.initiative_id AND d.consultant_id = e.consultant_id)""",
        [round_id, round_id],
    ).fetchall()


def round_pairs(ctx: IntakeContext) -> RoundPairs:
    """The round's initiatives, consultants, match set and decisions (read once per file)."""
    if "pairs" not in ctx.cache:
        q = ctx.con.execute
        p = [ctx.round_id]
        ctx.cache["pairs"] = RoundPairs(
            initiatives={i: (g, int(h), t) for i, g, h, t in q(
                "SELECT initiative_id, gemeentecode, floor(uren_gevraagd), titel FROM all_initiatives WHERE round_id = ?",
                p).fetchall()},
            consultants={c: (g, int(h), a, n) for c, g, h, a, n in q(
                "SELECT consultant_id, gemeentecode, floor(uren_beschikbaar), akkoord_werkgever, naam FROM consultants "
                "WHERE round_id = ?", p).fetchall()},
            proposed={(i, c): h for i, c, h in q(
                "SELECT initiative_id, consultant_id, hours FROM match_set WHERE round_id = ?", p).fetchall()},
            decided={(i, c): (d, h) for i, c, d, h in agreed_and_rejected(ctx.con, ctx.round_id)},
        )
    return ctx.cache["pairs"]


def pair_ids(frame: pd.DataFrame) -> pd.Series:
    """'initiative_id/consultant_id', the record id of a pair."""
    return frame["initiative_id"].astype(str) + "/" + frame["consultant_id"].astype(str)


def pairs_of(frame: pd.DataFrame) -> list[tuple[str, str]]:
    return list(zip(frame["initiative_id"], frame["consultant_id"]))


def _blank(frame: pd.DataFrame, column: str) -> pd.Series:
    return frame[column].astype(str).str.strip() == ""


def shown_decision(decision: str | None, hours: float | None = None) -> str:
    """A decision as a report shows it pre-filled ('akkoord|24', 'afgewezen', 'relevant'; '' for none). The
    report keeps it in the hidden column `vooraf`, so a returned row left as it was is told from a new decision."""
    if not decision:
        return ""
    if decision == "akkoord" and hours is not None and not pd.isna(hours):
        return f"akkoord|{int(hours)}"
    return decision


def _given(frame: pd.DataFrame) -> pd.Series:
    """Each row's decision as written, in the form of `shown_decision`."""
    def one(beoordeling: object, besluit: object, uren: object) -> str:
        label = " ".join(str(beoordeling or "").replace("-", " ").casefold().split())
        if label:
            return label
        decision = str(besluit or "").strip().casefold()
        try:
            hours = v.number(str(uren)) if str(uren or "").strip() else None
        except ValueError:
            return f"{decision}|{uren}"
        if hours is not None and hours != int(hours):
            return f"{decision}|{hours}"  # not whole: a change the validation refuses, never the pre-filled value
        return shown_decision(decision, hours)
    return pd.Series([one(*r) for r in zip(frame["beoordeling"], frame["besluit"], frame["uren"])], index=frame.index,
                     dtype=object)


def _undecided(frame: pd.DataFrame) -> pd.Series:
    """Rows that decide nothing: no decision, or the decision the report showed, left as it was (an
    older report sent back must not undo what a later meeting decided)."""
    blank = _blank(frame, "beoordeling") & _blank(frame, "besluit")
    if "vooraf" not in frame:
        return blank
    shown = frame["vooraf"].fillna("").astype(str).str.strip()
    return blank | ((shown != "") & (_given(frame) == shown))


def _is_candidate(frame: pd.DataFrame) -> pd.Series:
    return frame["beoordeling"].notna()


def _is_match(frame: pd.DataFrame) -> pd.Series:
    return frame["besluit"].notna()


def _both(frame: pd.DataFrame, ctx: IntakeContext) -> pd.Series:
    return _is_candidate(frame) & _is_match(frame)


def _candidate_keys_missing(frame: pd.DataFrame, ctx: IntakeContext) -> pd.Series:
    return _is_candidate(frame) & ~_is_match(frame) & (frame["item_id"].isna() | frame["gemeentecode"].isna())


def _candidate_places(frame: pd.DataFrame, ctx: IntakeContext) -> dict[str, str | None]:
    """item_id -> the municipality the classifier found (None: unknown) for the scored items asked. Any scored
    item counts (a rescoring may have changed its verdict since the report was made)."""
    asked = frame["item_id"].dropna().unique().tolist()
    return dict(ctx.con.execute(
        "SELECT item_id, gemeentecode FROM candidates WHERE item_id IN (SELECT unnest(?::VARCHAR[]))",
        [asked]).fetchall())


def _unknown_item(frame: pd.DataFrame, ctx: IntakeContext) -> pd.Series:
    known = _candidate_places(frame, ctx)
    return _is_candidate(frame) & frame["item_id"].notna() & ~frame["item_id"].isin(list(known))


def _other_municipality(frame: pd.DataFrame, ctx: IntakeContext) -> pd.Series:
    """A verdict under another municipality than the candidate's: it would become that municipality's initiative."""
    place = frame["item_id"].map(_candidate_places(frame, ctx))
    return _is_candidate(frame) & place.notna() & frame["gemeentecode"].notna() & (place != frame["gemeentecode"])


def _match_keys_missing(frame: pd.DataFrame, ctx: IntakeContext) -> pd.Series:
    return _is_match(frame) & ~_is_candidate(frame) & (frame["initiative_id"].isna() | frame["consultant_id"].isna())


def _has_pair(frame: pd.DataFrame) -> pd.Series:
    return _is_match(frame) & ~_is_candidate(frame) & frame["initiative_id"].notna() & frame["consultant_id"].notna()


def _pairs_where(frame: pd.DataFrame, test) -> pd.Series:
    return _has_pair(frame) & pd.Series([test(p) for p in pairs_of(frame)], index=frame.index, dtype=bool)


def _unknown_pair(frame: pd.DataFrame, ctx: IntakeContext) -> pd.Series:
    pairs = round_pairs(ctx)
    return _pairs_where(frame, lambda p: not pairs.in_round(p))


def _own_municipality(frame: pd.DataFrame, ctx: IntakeContext) -> pd.Series:
    return _pairs_where(frame, round_pairs(ctx).own_municipality)


def _no_consent(frame: pd.DataFrame, ctx: IntakeContext) -> pd.Series:
    pairs = round_pairs(ctx)
    return (frame["besluit"] == "akkoord") & _pairs_where(
        frame, lambda p: pairs.in_round(p) and not pairs.consultants[p[1]][2])


def _evaluated(frame: pd.DataFrame, ctx: IntakeContext) -> pd.Series:
    """An afgewezen for a pair whose work was already evaluated: it cannot be undone."""
    done = set(ctx.con.execute(
        "SELECT initiative_id, consultant_id FROM evaluations WHERE round_id = ?", [ctx.round_id]).fetchall())
    return (frame["besluit"] == "afgewezen") & _pairs_where(frame, lambda p: p in done)


def _akkoord_without_hours(frame: pd.DataFrame, ctx: IntakeContext) -> pd.Series:
    pairs = round_pairs(ctx)
    return (frame["besluit"] == "akkoord") & frame["uren"].isna() & _pairs_where(
        frame, lambda p: pairs.in_round(p) and p not in pairs.proposed)


def _decision_conflicts(ctx: IntakeContext, frame: pd.DataFrame) -> pd.DataFrame:
    """Rows that cannot all hold: a row deciding otherwise than an earlier row of the file on the same
    candidate or pair (the first one stands), and an akkoord that does not fit beside the pairs already
    agreed: more hours than the initiative asks or the consultant has, or more consultants than a team
    may have (the matcher could not keep them all)."""
    pairs = round_pairs(ctx)
    # what a row decides: an akkoord without hours means the proposed hours
    effective = [u if pd.notna(u) or b != "akkoord" else pairs.proposed.get(p)
                 for u, b, p in zip(frame["uren"], frame["besluit"], pairs_of(frame))]
    content = frame["beoordeling"].map(str) + "|" + frame["besluit"].map(str) + "|" + pd.Series(
        [str(float(u)) if u is not None and pd.notna(u) else "" for u in effective], index=frame.index)
    first = frame.drop_duplicates("record_id")
    first_content = content[first.index].set_axis(first["record_id"])
    reasons: dict = {}
    for i in frame.index[content != frame["record_id"].map(first_content)]:
        earlier = first.set_index("record_id").loc[frame.at[i, "record_id"]]
        reasons[i] = ("besluit", f"{where_in_file(earlier)} van dit bestand besluit hier al anders over; het eerste "
                      "besluit geldt. Laat één regel staan en stuur het bestand opnieuw.")
    matches = frame[_is_match(frame) & ~frame.index.isin(list(reasons))].drop_duplicates("record_id")
    here = set(pairs_of(matches))
    hours_i: dict[str, int] = {}
    hours_c: dict[str, int] = {}
    team: dict[str, int] = {}
    for (i, c), (decision, hours) in pairs.decided.items():
        if decision == "akkoord" and (i, c) not in here:
            hours_i[i] = hours_i.get(i, 0) + int(hours or 0)
            hours_c[c] = hours_c.get(c, 0) + int(hours or 0)
            team[i] = team.get(i, 0) + 1
    max_team = int(load_config("matching")["defaults"]["max_team"])  # what the round matching uses
    for k in matches.index[matches["besluit"] == "akkoord"]:
        i, c = matches.at[k, "initiative_id"], matches.at[k, "consultant_id"]
        given = matches.at[k, "uren"]
        hours = int(given) if pd.notna(given) else pairs.proposed.get((i, c))
        if hours is None or i not in pairs.initiatives or c not in pairs.consultants:
            continue  # the row rules have refused it
        need, available = pairs.initiatives[i][1], pairs.consultants[c][1]
        if hours_i.get(i, 0) + hours > need:
            reasons[k] = ("uren", f"akkoord voor {hours} uur past niet: initiatief {i} vraagt {need} uur en er is al "
                          f"{hours_i.get(i, 0)} uur voor vastgelegd")
        elif team.get(i, 0) + 1 > max_team:
            reasons[k] = ("besluit", f"initiatief {i} heeft al {team[i]} vastgelegde consultants; meer dan {max_team} "
                          "per initiatief kan niet. Wijs eerst een andere koppeling af.")
        elif hours_c.get(c, 0) + hours > available:
            reasons[k] = ("uren", f"akkoord voor {hours} uur past niet: consultant {c} heeft {available} uur en er is al "
                          f"{hours_c.get(c, 0)} uur van vastgelegd")
        else:
            hours_i[i], hours_c[c], team[i] = hours_i.get(i, 0) + hours, hours_c.get(c, 0) + hours, team.get(i, 0) + 1
    for k in list(reasons):  # a copy of a refused row is refused with it
        same = frame.index[(frame["record_id"] == frame.at[k, "record_id"]) & (content == content[k])]
        for j in same:
            reasons.setdefault(j, reasons[k])
    found = pd.Series(reasons, dtype=object).sort_index()
    return pd.DataFrame({"column": found.map(lambda r: r[0]), "reason": found.map(lambda r: r[1])})


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


def _describe(frame: pd.DataFrame, ctx: IntakeContext) -> pd.Series:
    """'match Buurtmoestuin De Groene Hof / Anna de Vries (I1 / C1): akkoord, 20 uur', 'kandidaat <titel> (M1): relevant'."""
    pairs = round_pairs(ctx)
    hours = frame["uren"].map(lambda h: f", {h:g} uur" if pd.notna(h) else "").where(frame["besluit"] == "akkoord", "")
    names = pd.Series([pairs.pair_name(p) for p in pairs_of(frame)], index=frame.index, dtype=object)
    match = "match " + names + ": " + frame["besluit"].astype(str) + hours
    titles = dict(ctx.con.execute(
        "SELECT item_id, CASE WHEN kind = 'social' THEN 'bericht op sociale media' ELSE coalesce(title, left(text, 60)) END "
        "FROM media_items WHERE item_id IN (SELECT unnest(?::VARCHAR[]))",  # a receipt is kept: it never quotes a post
        [frame["item_id"].dropna().unique().tolist()]).fetchall())
    shown = frame["item_id"].map(lambda i: f"{titles[i]} ({i})" if titles.get(i) else str(i))
    candidate = "kandidaat " + shown + ": " + frame["beoordeling"].astype(str)
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
            Column("vooraf", v.text, required=False),
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
            RowRule("gemeentecode", _other_municipality,
                    lambda row: f"kandidaat {row.item_id} staat bij een andere gemeente dan {row.gemeentecode}; laat de "
                    "verborgen sleutels ongewijzigd"),
            RowRule("initiative_id", _match_keys_missing,
                    lambda row: "de verborgen sleutels initiative_id en consultant_id ontbreken; laat die kolommen staan"),
            RowRule("initiative_id", _unknown_pair,
                    lambda row: f"de koppeling {row.initiative_id} / {row.consultant_id} hoort niet bij deze ronde: "
                    "het initiatief of de consultant is er niet aangemeld"),
            RowRule("consultant_id", _own_municipality,
                    lambda row: f"consultant {row.consultant_id} komt uit de gemeente van het initiatief; een consultant "
                    "werkt nooit in de eigen gemeente"),
            RowRule("besluit", _evaluated,
                    lambda row: f"de koppeling {row.initiative_id} / {row.consultant_id} is al geëvalueerd: het werk is "
                    "gedaan, afwijzen kan niet meer"),
            RowRule("besluit", _no_consent,
                    lambda row: f"de werkgever van consultant {row.consultant_id} heeft (nog) geen akkoord gegeven"),
            RowRule("uren", _akkoord_without_hours,
                    lambda row: "akkoord voor een alternatief: vul ook het aantal uren in"),
        ),
        conflicts=_decision_conflicts,
        multi_sheet=True,
        skip=_undecided,
        skip_label="regels zonder (nieuw) besluit: Beoordeling en Besluit leeg, of zoals het rapport ze al toonde",
        duplicate_note="eerder besluit over deze regel; vervangen door dit besluit",
    )
)
