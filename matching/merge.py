"""Merge a round's registrations with the scanned candidates municipalities confirmed.

A confirmed candidate ('relevant' in candidate_feedback) that describes the same initiative as a
registration of the same municipality (fuzzy similarity of title, organisation and place) is
linked to it as provenance; the others become new initiatives, so the scan's "new" ones are new.
Candidates of one news cluster count as one initiative. An initiative made of confirmed social posts
stays in the round after the retention purge has deleted the posts (scrapers.privacy).
"""

from __future__ import annotations

import json
import re

import duckdb
import pandas as pd
from rapidfuzz import fuzz

from pnet.settings import load_config
from warehouse.db import replace_rows
from warehouse.resolver import normalize

FIELD_WEIGHTS = {"title": 0.6, "organisation": 0.25, "place": 0.15}
# A Dutch organisation's name opens with its legal or civic form and goes on in capitals, with small
# words between, on one line ('Stichting Zonnedak', 'de vereniging Dorpsbelang Marsum', 'Coöperatie Zon op Zeist').
_ORGANISATION = re.compile(
    r"\b(?i:stichting|vereniging|co[oö]peratie|energieco[oö]peratie|buurtvereniging|dorpsvereniging|"
    r"bewonersvereniging|wijkvereniging|dorpsraad|wijkraad|dorpsbelang|dorpsbelangen)"
    r"(?:(?:[ \t\u00a0]+(?:de|het|van|voor|op|aan|in|en|'t))*[ \t\u00a0]+[A-Z0-9À-Þ][\w'’&-]*)+"
)


def organisation_in(text: str | None) -> str | None:
    """The first organisation name in a text ('Stichting Zonnedak'), or None."""
    found = _ORGANISATION.search(text or "")
    return " ".join(found[0].split()) if found else None


def place_in(evidence: str | dict | None) -> str | None:
    """The first place the classifier found in the text (its evidence's municipality mentions), or None."""
    if isinstance(evidence, str):
        try:
            evidence = json.loads(evidence)
        except ValueError:
            return None
    gemeente = evidence.get("gemeente") if isinstance(evidence, dict) else None
    mentions = gemeente.get("mentions") if isinstance(gemeente, dict) else None
    return mentions[0] if isinstance(mentions, list) and mentions else None


def similarity(candidate: dict, registration: dict) -> float:
    """Weighted fuzzy similarity (0..1) over the fields both sides have; title always counts."""
    fields = {
        "title": (candidate.get("title"), registration.get("titel")),
        "organisation": (candidate.get("organisation"), registration.get("initiatiefnemer")),
        "place": (candidate.get("place"), registration.get("woonplaats")),
    }
    total = weight = 0.0
    for name, (a, b) in fields.items():
        if not (isinstance(a, str) and a.strip() and isinstance(b, str) and b.strip()):  # missing (None, NaN, '')
            if name == "title":
                return 0.0
            continue
        total += FIELD_WEIGHTS[name] * fuzz.token_set_ratio(normalize(a), normalize(b)) / 100.0
        weight += FIELD_WEIGHTS[name]
    return total / weight


def confirmed_candidates(con: duckdb.DuckDBPyConnection, round_id: str) -> pd.DataFrame:
    """Candidates marked 'relevant' for this round (or without a round, in one of its municipalities)."""
    frame = con.execute(
        """
        SELECT f.item_id, coalesce(f.gemeentecode, c.gemeentecode) AS gemeentecode, c.themes, c.evidence,
               m.title, m.text, coalesce(m.cluster_id, f.item_id) AS cluster
        FROM candidate_feedback f
        JOIN candidates c USING (item_id)
        JOIN media_items m USING (item_id)
        WHERE f.label = 'relevant'
          AND coalesce(f.gemeentecode, c.gemeentecode) IS NOT NULL
          AND (f.round_id = $1 OR (f.round_id IS NULL AND coalesce(f.gemeentecode, c.gemeentecode)
               IN (SELECT gemeentecode FROM round_gemeenten WHERE round_id = $1)))
        ORDER BY f.decided_at, f.item_id
        """,
        [round_id],
    ).df()
    frame = frame.drop_duplicates("item_id")
    frame["organisation"] = [organisation_in(f"{t or ''}\n{x or ''}") for t, x in zip(frame.title, frame.text)]
    frame["place"] = [place_in(e) for e in frame.evidence]
    frame["title"] = [t if isinstance(t, str) and t.strip() else (x or "")[:80] for t, x in zip(frame.title, frame.text)]
    return frame


def merge_round_initiatives(con: duckdb.DuckDBPyConnection, round_id: str) -> pd.DataFrame:
    """Write and return `match_initiatives` for the round."""
    cfg = load_config("matching")["merge"]
    regs = con.execute(
        """SELECT initiative_id, origin, gemeentecode, titel, omschrijving, hulpvraag, initiatiefnemer, woonplaats,
                  themas, uren_gevraagd, prioriteit
           FROM initiatives WHERE round_id = ? ORDER BY initiative_id""",
        [round_id],
    ).df()
    regs["item_ids"] = [[] for _ in range(len(regs))]
    regs["link_score"] = None
    new_rows = {}
    by_gemeente = {g: part.to_dict("records") for g, part in regs.groupby("gemeentecode")}
    index = {r: k for k, r in enumerate(regs.initiative_id)}
    for cand in confirmed_candidates(con, round_id).to_dict("records"):
        scored = [(similarity(cand, reg), reg["initiative_id"]) for reg in by_gemeente.get(cand["gemeentecode"], [])]
        best = max(scored, default=(0.0, None))
        if best[1] is not None and best[0] >= float(cfg["threshold"]):
            k = index[best[1]]
            regs.at[k, "item_ids"] = [*regs.at[k, "item_ids"], cand["item_id"]]
            regs.at[k, "link_score"] = max(best[0], regs.at[k, "link_score"] or 0.0)
            continue
        # the same initiative found twice (another cluster: an outlet's own article, a post) joins the first
        twin = max(((similarity(cand, row), key) for key, row in new_rows.items() if row["gemeentecode"] == cand["gemeentecode"]),
                   default=(0.0, None))
        key = twin[1] if twin[0] >= float(cfg["threshold"]) else cand["cluster"]
        if key in new_rows:
            new_rows[key]["item_ids"].append(cand["item_id"])
            continue
        new_rows[key] = {
            "initiative_id": f"K-{cand['item_id'][:12]}",
            "origin": "candidate",
            "gemeentecode": cand["gemeentecode"],
            "titel": cand["title"],
            "omschrijving": (cand["text"] or "")[:2000],
            "hulpvraag": None,
            "initiatiefnemer": cand["organisation"],
            "woonplaats": cand["place"],
            "themas": list(cand["themes"]),
            "uren_gevraagd": float(cfg["candidate_hours"]),
            "prioriteit": 1,
            "item_ids": [cand["item_id"]],
            "link_score": None,
        }
    # an initiative made of confirmed posts stays one when the retention purge has deleted the posts
    purged = con.execute(
        f"""SELECT {', '.join(regs.columns)} FROM match_initiatives m
            WHERE round_id = ? AND origin = 'candidate'
              AND NOT EXISTS (SELECT 1 FROM media_items x WHERE list_contains(m.item_ids, x.item_id))""",
        [round_id],
    ).df()
    merged = pd.concat([regs, pd.DataFrame(list(new_rows.values()), columns=regs.columns), purged], ignore_index=True)
    merged["link_score"] = merged.link_score.astype(float)
    merged.insert(0, "round_id", round_id)
    replace_rows(con, "match_initiatives", merged, {"round_id": round_id})
    return merged
