"""Dutch wording of stored values: dates, themes, match explanations and candidate evidence."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from pnet.formatting import number
from pnet.themes import by_code
from warehouse.resolver import normalize

_COMPONENT_LABELS = {
    "themes": "thema-overlap",
    "text": "tekstovereenkomst",
    "travel": "nabijheid (0-1)",
    "distance_km": "afstand",
}
# The matcher's statuses (matching.solvers.Solution.status)
_STATUS_LABELS = {
    "optimaal": "optimaal (bewezen binnen de ingestelde marge)",
    "tijdslimiet": "tijdslimiet bereikt (beste gevonden oplossing, niet bewezen optimaal)",
}
# How the classifier settled the municipality (nlp.places.PlaceResult.via)
_VIA_LABELS = {
    "tekst": "uit de tekst",
    "tekst+bron": "uit de tekst, beslist door het gebied van de bron",
    "bron": "uit het gebied van de bron",
    "onbekend": "niet vast te stellen",
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
        return "; ".join(f"{k}: {_flatten(v)}" for k, v in value.items() if v not in (None, "", [], {}))
    if isinstance(value, (list, tuple)):
        return ", ".join(_flatten(v) for v in value if v not in (None, ""))
    if isinstance(value, float):
        return number(value, 2)
    return "" if value is None else str(value)


def evidence_text(evidence: Any) -> str:
    """The classifier's evidence (`pnet classify`) as one readable Dutch line: the words that weighed
    most, the places that chose the municipality and how, the theme keywords. Other JSON is flattened."""
    data = _loads(evidence)
    if not (isinstance(data, dict) and data.keys() <= {"classifier", "gemeente", "themes"} and data):
        return _flatten(data)
    parts = []
    if words := data.get("classifier"):
        parts.append(f"signaalwoorden: {_flatten(words)}")
    place = data.get("gemeente")
    if isinstance(place, dict):
        mentions: dict[str, str] = {}  # one per place, as first written ('Zeist' and the URL's 'zeist', "'t Goy" and 't goy')
        for mention in place.get("mentions") or []:
            mentions.setdefault(normalize(str(mention)), str(mention))
        how = _VIA_LABELS.get(place.get("via"), place.get("via") or "")
        parts.append(f"plaats: {', '.join(mentions.values())} ({how})" if mentions else f"plaats: {how}")
        if place.get("ambiguous"):
            parts.append(f"niet eenduidig: {_flatten(place['ambiguous'])}")
    themes = data.get("themes")
    if isinstance(themes, dict) and themes:
        labels = theme_labels(themes)
        parts.append("thema's: " + ", ".join(f"{label} ({_flatten(terms)})" for label, terms in zip(labels, themes.values())))
    return "; ".join(parts)


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
