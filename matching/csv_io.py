"""The CLI file form: read I.csv, C.csv and S.csv with row-level Dutch errors, write M.csv.

I.csv: initiative_id, gemeentecode, hours_needed [, priority, themes, text]
C.csv: consultant_id, gemeentecode, hours_available [, themes, text]  (employer consent assumed)
S.csv: initiative_id, consultant_id, score
Themes are codes or labels from config/themas.yaml separated by ';', '|' or ','; a gemeentecode may
also be a municipality name. Every row is loaded or the file is refused with all its problems listed.
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path
from typing import TextIO

import pandas as pd

from matching.params import MatchingError
from pnet.untrusted import neutralize_formula
from pnet.settings import settings
from warehouse.intake.readers import UnreadableFile, decode_text
from warehouse.intake.values import number as dutch_number
from warehouse.intake.values import theme_code, theme_parts
from warehouse.resolver import GemeenteError, default_resolver

INITIATIVE_COLUMNS = ("initiative_id", "gemeentecode", "hours_needed")
CONSULTANT_COLUMNS = ("consultant_id", "gemeentecode", "hours_available")
SCORE_COLUMNS = ("initiative_id", "consultant_id", "score")
MATCH_COLUMNS = ("initiative_id", "consultant_id", "hours", "score", "themes", "text", "travel", "distance_km",
                 "locked", "gemeente_initiatief", "gemeente_consultant", "toelichting")
MAX_PROBLEMS = 20


def _read(path: str | Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    p = Path(path)
    if not p.is_file():
        raise MatchingError(f"Bestand {p} bestaat niet.")
    try:
        text, _ = decode_text(p.read_bytes())
    except UnreadableFile:
        raise MatchingError(f"{p.name} is geen tekstbestand (CSV) in UTF-8, UTF-16 of Windows-1252.") from None
    header_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=header_line.count)  # the one that separates the column names
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip().lower() for h in reader.fieldnames or []]
    rows = [{k.strip().lower(): (v or "").strip() for k, v in r.items() if k is not None} for r in reader]
    missing = [c for c in required if c not in header]
    if missing:
        raise MatchingError(f"{p.name} mist de kolom(men) {', '.join(missing)} (gevonden: {', '.join(header) or 'geen'}).")
    if not rows:
        raise MatchingError(f"{p.name} bevat geen regels.")
    return rows


def _number(value: str, what: str, problems: list[str], where: str, *, lo: float = 0.0, hi: float = math.inf) -> float:
    """A number written as the intake reads it: '12,5', '12.5', Dutch thousands '1.000'."""
    try:
        x = dutch_number(value)
    except ValueError:
        problems.append(f"{where}: {what} '{value}' is geen getal.")
        return 0.0
    if not lo <= x <= hi:
        problems.append(f"{where}: {what} {value} ligt niet tussen {lo:g} en {hi:g}.")
    return x


def _themes(value: str, problems: list[str], where: str) -> list[str]:
    """Theme codes as the intake reads them (codes, labels or label parts)."""
    out = []
    for part in theme_parts(value):
        code = theme_code(part)
        if code is None:
            problems.append(f"{where}: onbekend thema '{part}' (zie config/themas.yaml).")
        elif code not in out:
            out.append(code)
    return out


def _gemeente(value: str, problems: list[str], where: str) -> str:
    try:
        return default_resolver().resolve(value).code
    except GemeenteError as exc:
        problems.append(f"{where}: {exc}")
        return value


def _raise(name: str, problems: list[str]) -> None:
    if problems:
        more = f"\n... en nog {len(problems) - MAX_PROBLEMS} probleem/problemen." if len(problems) > MAX_PROBLEMS else ""
        raise MatchingError(f"{name} kan niet worden gebruikt:\n" + "\n".join(problems[:MAX_PROBLEMS]) + more)


def _records(path, required, id_col, hours_col, hours_what, max_hours: float) -> tuple[pd.DataFrame, list[dict]]:
    rows = _read(path, required)
    name, problems, out, seen = Path(path).name, [], [], {}
    for n, r in enumerate(rows, start=2):
        where = f"{name} regel {n}"
        if not r[id_col]:
            problems.append(f"{where}: {id_col} is leeg.")
        elif r[id_col] in seen:
            problems.append(f"{where}: {id_col} '{r[id_col]}' staat ook op regel {seen[r[id_col]]}.")
        seen.setdefault(r[id_col], n)
        rec = {
            id_col: r[id_col],
            "gemeentecode": _gemeente(r["gemeentecode"], problems, where),
            hours_col: _number(r[hours_col], hours_what, problems, where, hi=max_hours),
            "themes": _themes(r.get("themes", ""), problems, where),
            "text": r.get("text", ""),
        }
        if "priority" in required or id_col == "initiative_id":
            rec["priority"] = _number(r.get("priority") or "1", "prioriteit", problems, where, lo=0.0)
        out.append(rec)
    _raise(name, problems)
    return pd.DataFrame(out), rows


def read_initiatives(path: str | Path) -> pd.DataFrame:
    frame, _ = _records(path, INITIATIVE_COLUMNS, "initiative_id", "hours_needed", "hours_needed",
                        settings()["intake"]["max_uren_initiatief"])
    return frame


def read_consultants(path: str | Path) -> pd.DataFrame:
    frame, _ = _records(path, CONSULTANT_COLUMNS, "consultant_id", "hours_available", "hours_available",
                        settings()["intake"]["max_uren_consultant"])
    frame["akkoord"] = True
    return frame


def read_scores(path: str | Path, initiatives: pd.DataFrame, consultants: pd.DataFrame) -> pd.DataFrame:
    rows = _read(path, SCORE_COLUMNS)
    name, problems, out = Path(path).name, [], []
    known_i, known_c = set(initiatives.initiative_id), set(consultants.consultant_id)
    seen: dict[tuple[str, str], int] = {}
    for n, r in enumerate(rows, start=2):
        where = f"{name} regel {n}"
        pair = (r["initiative_id"], r["consultant_id"])
        if pair in seen:
            problems.append(f"{where}: het paar {pair[0]} - {pair[1]} staat ook op regel {seen[pair]}.")
        seen.setdefault(pair, n)
        if r["initiative_id"] not in known_i:
            problems.append(f"{where}: initiatief '{r['initiative_id']}' staat niet in het initiatievenbestand.")
        if r["consultant_id"] not in known_c:
            problems.append(f"{where}: consultant '{r['consultant_id']}' staat niet in het consultantsbestand.")
        out.append({"initiative_id": r["initiative_id"], "consultant_id": r["consultant_id"],
                    "score": _number(r["score"], "score", problems, where, lo=0.0, hi=1.0)})
    _raise(name, problems)
    return pd.DataFrame(out)


def write_matches(matches: pd.DataFrame, path: str | Path | TextIO) -> None:
    """M.csv: the match set with explanation columns; text cells never become formulas."""
    frame = matches.reindex(columns=list(MATCH_COLUMNS)).copy()
    for col in ("initiative_id", "consultant_id", "toelichting"):
        frame[col] = frame[col].map(neutralize_formula)
    frame.to_csv(path, index=False, float_format="%.4g")
