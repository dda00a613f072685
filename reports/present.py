"""Dutch wording of stored values: dates, themes, match explanations and candidate evidence."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from pnet.formatting import number
from pnet.themes import by_code

_COMPONENT_LABELS = {
    "themes": "thema-overlap",
    "text": "tekstovereenkomst",
    "travel": "reisafstand",
    "distance_km": "afstand",
    "priority": "prioriteit",
}
_STATUS_LABELS = {
    "optimal": "optimaal",
    "feasible": "haalbaar, niet bewezen optimaal",
    "time_limit": "tijdslimiet bereikt",
    "infeasible": "geen oplossing mogelijk",
}
_EVIDENCE_LABELS = {
    "initiative": "initiatief",
    "gemeente": "gemeente",
    "municipality": "gemeente",
    "themes": "thema's",
    "phrases": "zinsdelen",
}


def datum(value: date | datetime | None) -> str:
    """A date as Dutch readers write it: 15-01-2027 (empty when unknown)."""
    return value.strftime("%d-%m-%Y") if value else ""


def solver_status(status: str) -> str:
    """The matcher's status in Dutch (unknown statuses are shown as given)."""
    return _STATUS_LABELS.get((status or "").lower(), status)


def theme_labels(codes: Iterable[str]) -> list[str]:
    """Theme codes to their labels from the taxonomy; unknown codes are shown as given."""
    known = by_code()
    return [known[c].label if c in known else c for c in codes or ()]


def is_web_link(url: str | None) -> bool:
    """Only http(s) addresses become hyperlinks; anything else (javascript:, file:) stays text."""
    if not url:
        return False
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _loads(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _flatten(value: Any) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{_EVIDENCE_LABELS.get(k, k)}: {_flatten(v)}" for k, v in value.items() if v not in (None, "", [], {}))
    if isinstance(value, (list, tuple)):
        return ", ".join(_flatten(v) for v in value if v not in (None, ""))
    if isinstance(value, float):
        return number(value, 2)
    return "" if value is None else str(value)


def evidence_text(evidence: Any) -> str:
    """The classifier's evidence (JSON of any shape) as one readable line."""
    return _flatten(_loads(evidence))


def match_explanation(components: Any, shared_themes: Iterable[str]) -> str:
    """Why this match, in Dutch: the shared themes and each stored score component."""
    parts = []
    shared = theme_labels(shared_themes)
    if shared:
        parts.append("gedeelde thema's: " + ", ".join(shared))
    data = _loads(components)
    if isinstance(data, dict):
        for key, value in data.items():
            label = _COMPONENT_LABELS.get(key, key)
            if key == "distance_km" and isinstance(value, (int, float)):
                parts.append(f"{label}: {number(value, 0)} km")
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                parts.append(f"{label}: {number(value, 2)}")
            elif value not in (None, "", [], {}):
                parts.append(f"{label}: {_flatten(value)}")
    elif data:
        parts.append(_flatten(data))
    return "; ".join(parts)
