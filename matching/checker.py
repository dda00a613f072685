"""An independent check of a match set against every hard rule.

Deliberately shares no code with the encoder or the solvers: it reads plain records, recounts
everything itself and reports each violation in Dutch. Used by tests, the CLI and the Dagster checks.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass


@dataclass(frozen=True)
class Violation:
    rule: str  # 'eigen_gemeente' | 'akkoord_werkgever' | 'uren_consultant' | 'uren_initiatief' | 'teamgrootte' | 'blokgrootte' | 'afgewezen' | 'min_score' | 'vastgelegd' | 'uren' | 'onbekend'
    message: str


def check_matches(
    matches: list[dict],
    initiatives: dict[str, dict],
    consultants: dict[str, dict],
    *,
    max_team: int,
    min_block: int,
    min_score: float,
    rejected: set[tuple[str, str]] = frozenset(),
    locked: dict[tuple[str, str], int] | None = None,
) -> list[Violation]:
    """matches: dicts with initiative_id, consultant_id, hours, score.
    initiatives: id -> {gemeentecode, hours_needed}; consultants: id -> {gemeentecode, hours_available, akkoord}.
    Locked pairs (agreed by the meeting) must be present with their hours and are exempt from min_score and min_block.
    """
    locked = locked or {}
    out: list[Violation] = []
    per_initiative: dict[str, float] = defaultdict(float)
    per_consultant: dict[str, float] = defaultdict(float)
    team: dict[str, int] = defaultdict(int)
    seen: dict[tuple[str, str], float] = {}
    for m in matches:
        i, c, hours = m["initiative_id"], m["consultant_id"], m["hours"]
        pair = f"{i} / {c}"
        if i not in initiatives or c not in consultants:
            out.append(Violation("onbekend", f"Koppeling {pair} noemt een onbekend initiatief of onbekende consultant."))
            continue
        if (i, c) in seen:
            out.append(Violation("uren", f"Koppeling {pair} staat er twee keer in."))
        seen[(i, c)] = hours
        if hours != int(hours) or hours <= 0:
            out.append(Violation("uren", f"Koppeling {pair} heeft {hours} uur; alleen hele, positieve uren."))
        if initiatives[i]["gemeentecode"] == consultants[c]["gemeentecode"]:
            out.append(Violation("eigen_gemeente", f"Koppeling {pair}: de consultant werkt in de eigen gemeente {initiatives[i]['gemeentecode']}."))
        if not consultants[c]["akkoord"]:
            out.append(Violation("akkoord_werkgever", f"Koppeling {pair}: de werkgever van {c} heeft geen akkoord gegeven."))
        if (i, c) in rejected:
            out.append(Violation("afgewezen", f"Koppeling {pair} was eerder afgewezen."))
        if (i, c) not in locked:
            if hours < min_block:
                out.append(Violation("blokgrootte", f"Koppeling {pair} heeft {hours} uur, minder dan het minimale blok van {min_block}."))
            if m["score"] < min_score:
                out.append(Violation("min_score", f"Koppeling {pair} heeft score {m['score']:.3f}, onder het minimum {min_score}."))
        per_initiative[i] += hours
        per_consultant[c] += hours
        team[i] += 1
    for (i, c), hours in locked.items():
        if seen.get((i, c)) != hours:
            out.append(Violation("vastgelegd", f"Akkoord {i} / {c} met {hours} uur is niet behouden (nu: {seen.get((i, c), 0)})."))
    for i, total in per_initiative.items():
        if total > initiatives[i]["hours_needed"]:
            out.append(Violation("uren_initiatief", f"Initiatief {i} krijgt {total:g} uur, gevraagd is {initiatives[i]['hours_needed']:g}."))
        if team[i] > max_team:
            out.append(Violation("teamgrootte", f"Initiatief {i} krijgt {team[i]} consultants, het maximum is {max_team}."))
    for c, total in per_consultant.items():
        if total > consultants[c]["hours_available"]:
            out.append(Violation("uren_consultant", f"Consultant {c} krijgt {total:g} uur, beschikbaar is {consultants[c]['hours_available']:g}."))
    return out
