"""Encode a round's tables into a `Problem`: eligible arcs only, with a Dutch reason for every gap.

A pair is an arc only when: the consultant's employer is not the host municipality, the employer
consented (akkoord_werkgever), the meeting did not reject the pair, its score reaches min_score,
a block of min_block hours fits in both the need and the availability, and it is among the
initiative's `candidates_per_initiative` best-scoring such pairs. A confirmed pair
(akkoord) is always an arc, locked to its hours; a confirmed pair that breaks a hard rule is an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from matching.params import MatchingError, MatchParams
from matching.problem import Problem
from pnet.themes import by_code


@dataclass
class Encoded:
    problem: Problem
    pairs: pd.DataFrame  # one row per arc (every pair that may be proposed), in arc order, with components
    rejected: set[tuple[str, str]]
    scored: pd.DataFrame  # every scored pair with components and, when it is no arc, the Dutch reason
    warnings: list[str] = field(default_factory=list)


def _label(code: str) -> str:
    theme = by_code().get(code)
    return theme.label if theme else code


def _lock_table(decisions: pd.DataFrame | None) -> tuple[dict[tuple[str, str], int], set[tuple[str, str]]]:
    locks, rejected = {}, set()
    if decisions is None or decisions.empty:
        return locks, rejected
    for row in decisions.itertuples(index=False):
        key = (row.initiative_id, row.consultant_id)
        if row.decision == "afgewezen":
            rejected.add(key)
        elif row.decision == "akkoord":
            locks[key] = int(row.hours)
    return locks, rejected


def _why_no_arc(ini, consultants: pd.DataFrame, pairs: pd.DataFrame, params: MatchParams) -> str:
    """Dutch reason why an initiative has no eligible consultant."""
    other = consultants[(consultants.gemeentecode != ini.gemeentecode)]
    name = f"Initiatief {ini.initiative_id}"
    if ini.hours_needed < params.min_block:
        return f"{name} vraagt {ini.hours_needed} uur, minder dan het minimale blok van {params.min_block} uur."
    if other.empty:
        return f"{name}: er is geen consultant uit een andere gemeente dan {ini.gemeentecode}."
    if not other.akkoord.any():
        return f"{name}: geen consultant uit een andere gemeente heeft akkoord van de werkgever."
    if ini.themes:
        offered = {t for ts in other[other.akkoord].themes for t in ts or ()}
        missing = [t for t in ini.themes if t not in offered]
        if len(missing) == len(ini.themes):
            listed = ", ".join(f"'{_label(t)}'" for t in missing)
            return f"{name}: geen consultant uit een andere gemeente heeft thema {listed}."
    best = pairs.score.max() if len(pairs) else None
    if best is not None and best < params.min_score:
        return (f"{name}: geen enkele consultant haalt de minimale score {params.min_score:.2f} "
                f"(beste: {best:.2f}).")
    if (other.hours_available[other.akkoord] < params.min_block).all():
        return f"{name}: geen consultant uit een andere gemeente heeft {params.min_block} uur of meer beschikbaar."
    return f"{name}: geen geschikte consultant uit een andere gemeente (afgewezen of onder de minimale score)."


def _check_input(initiatives: pd.DataFrame, consultants: pd.DataFrame) -> None:
    if initiatives.empty:
        raise MatchingError("Er zijn geen initiatieven om te koppelen.")
    if consultants.empty:
        raise MatchingError("Er zijn geen consultants om te koppelen.")
    for frame, col, what in ((initiatives, "initiative_id", "initiatief"), (consultants, "consultant_id", "consultant")):
        dup = frame[col][frame[col].duplicated()].unique()
        if len(dup):
            raise MatchingError(f"Dubbele {what}-id's: {', '.join(map(str, dup[:10]))}.")
    if (initiatives.hours_needed < 0).any() or (consultants.hours_available < 0).any():
        raise MatchingError("Uren kunnen niet negatief zijn.")


def encode(
    initiatives: pd.DataFrame,
    consultants: pd.DataFrame,
    pairs: pd.DataFrame,
    params: MatchParams,
    decisions: pd.DataFrame | None = None,
) -> Encoded:
    """Build the problem.

    initiatives: initiative_id, gemeentecode, hours_needed, priority, themes;
    consultants: consultant_id, gemeentecode, hours_available, akkoord, themes;
    pairs: initiative_id, consultant_id, score (+ component columns);
    decisions: initiative_id, consultant_id, decision ('akkoord'|'afgewezen'), hours.
    """
    _check_input(initiatives, consultants)
    ini = initiatives.reset_index(drop=True).copy()
    con = consultants.reset_index(drop=True).copy()
    ini["hours_needed"] = np.floor(ini.hours_needed.astype(float)).astype(int)
    con["hours_available"] = np.floor(con.hours_available.astype(float)).astype(int)
    i_index = {v: k for k, v in enumerate(ini.initiative_id)}
    c_index = {v: k for k, v in enumerate(con.consultant_id)}
    locks, rejected = _lock_table(decisions)

    unknown = pairs[~pairs.initiative_id.isin(i_index) | ~pairs.consultant_id.isin(c_index)]
    if len(unknown):
        first = unknown.iloc[0]
        raise MatchingError(
            f"{len(unknown)} score-regel(s) noemen een onbekend initiatief of onbekende consultant "
            f"(bijvoorbeeld {first.initiative_id} / {first.consultant_id})."
        )
    p = pairs.drop_duplicates(["initiative_id", "consultant_id"], keep="last").copy()
    p["i"] = p.initiative_id.map(i_index).astype(int)
    p["c"] = p.consultant_id.map(c_index).astype(int)
    own = ini.gemeentecode.to_numpy()[p.i] == con.gemeentecode.to_numpy()[p.c]
    consent = con.akkoord.to_numpy(bool)[p.c]
    keys = list(zip(p.initiative_id, p.consultant_id))
    is_rejected = np.array([k in rejected for k in keys], dtype=bool)
    lock_hours = np.array([locks.get(k, 0) for k in keys], dtype=int)
    cap = np.minimum(ini.hours_needed.to_numpy()[p.i], con.hours_available.to_numpy()[p.c])

    for key, hours in locks.items():
        if key[0] not in i_index or key[1] not in c_index:
            raise MatchingError(f"Akkoord voor {key[0]} / {key[1]}: dit initiatief of deze consultant zit niet in de ronde.")
        i, c = i_index[key[0]], c_index[key[1]]
        if ini.gemeentecode[i] == con.gemeentecode[c]:
            raise MatchingError(
                f"Akkoord voor {key[0]} / {key[1]} is in strijd met de regel: een consultant werkt nooit in de eigen gemeente ({con.gemeentecode[c]})."
            )
        if not con.akkoord[c]:
            raise MatchingError(f"Akkoord voor {key[0]} / {key[1]}, maar de werkgever van {key[1]} heeft geen akkoord gegeven.")
        if hours < 1:
            raise MatchingError(f"Akkoord voor {key[0]} / {key[1]} zonder uren: vul het aantal uren in.")
        if key not in set(keys):
            extra = pd.DataFrame([{"initiative_id": key[0], "consultant_id": key[1], "score": 0.0, "i": i, "c": c}])
            p = pd.concat([p, extra], ignore_index=True)
            keys.append(key)
            own, consent = np.append(own, False), np.append(consent, True)
            is_rejected, lock_hours = np.append(is_rejected, False), np.append(lock_hours, hours)
            cap = np.append(cap, min(ini.hours_needed[i], con.hours_available[c]))
    locked_i = np.bincount(p.i, lock_hours, len(ini))
    locked_c = np.bincount(p.c, lock_hours, len(con))
    for k in np.flatnonzero(locked_i > ini.hours_needed.to_numpy()):
        raise MatchingError(f"De vastgelegde uren voor initiatief {ini.initiative_id[k]} ({locked_i[k]:.0f}) zijn meer dan gevraagd ({ini.hours_needed[k]}).")
    for k in np.flatnonzero(locked_c > con.hours_available.to_numpy()):
        raise MatchingError(f"De vastgelegde uren van consultant {con.consultant_id[k]} ({locked_c[k]:.0f}) zijn meer dan beschikbaar ({con.hours_available[k]}).")
    team = np.bincount(p.i.to_numpy()[lock_hours > 0], minlength=len(ini))
    for k in np.flatnonzero(team > params.max_team):
        raise MatchingError(f"Initiatief {ini.initiative_id[k]} heeft {team[k]} vastgelegde consultants; het maximum is {params.max_team}.")

    eligible = ~own & consent & ~is_rejected & (p.score.to_numpy() >= params.min_score)
    fits = eligible & (cap >= params.min_block)
    # each initiative keeps its best-scoring candidates, which bounds the problem's size
    rank = pd.Series(np.where(fits, -p.score.to_numpy(), np.inf)).groupby(p.i.to_numpy()).rank(method="first").to_numpy()
    top = fits & (rank <= params.candidates_per_initiative)
    usable = top | (lock_hours > 0)
    arcs = p[usable].reset_index(drop=True)
    reason = np.select(
        [usable, own, ~consent, is_rejected, p.score.to_numpy() < params.min_score, fits],
        ["", "eigen gemeente", "geen akkoord werkgever", "afgewezen door het overleg", "onder de minimale score",
         f"niet bij de beste {params.candidates_per_initiative} voor dit initiatief"],
        default=f"minder dan {params.min_block} uur ruimte",
    )
    scored = p.drop(columns=["i", "c"]).assign(reden=[r or None for r in reason])
    problem = Problem(
        initiative_ids=list(ini.initiative_id),
        consultant_ids=list(con.consultant_id),
        need=ini.hours_needed.to_numpy(int),
        avail=con.hours_available.to_numpy(int),
        priority=ini.priority.astype(float).to_numpy(),
        arc_i=arcs.i.to_numpy(int),
        arc_c=arcs.c.to_numpy(int),
        score=arcs.score.to_numpy(float),
        locked=lock_hours[usable],
        max_team=params.max_team,
        min_block=params.min_block,
        initiative_gemeente=list(ini.gemeentecode),
        consultant_gemeente=list(con.gemeentecode),
    )
    if problem.n_arcs == 0:
        reasons = [_why_no_arc(r, con, p[p.i == k], params) for k, r in enumerate(ini.itertuples(index=False))]
        raise MatchingError("Geen enkele koppeling is mogelijk.\n" + "\n".join(sorted(set(reasons))[:20]))
    has_arc = np.bincount(problem.arc_i, minlength=len(ini)) > 0
    warnings = [_why_no_arc(ini.iloc[k], con, p[p.i == k], params) for k in np.flatnonzero(~has_arc)]
    return Encoded(problem, arcs, rejected, scored.reset_index(drop=True), warnings)
