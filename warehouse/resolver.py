"""Resolve what people write for a municipality to one CBS gemeentecode.

Accepted: CBS names ("'s-Gravenhage"), common names ("Den Haag"), former municipalities,
codes in any form ("GM0363", "0363", "363") and woonplaatsen ("Zaandam"). Case, accents,
punctuation and whitespace are ignored. An official name or alias wins outright; otherwise a
name that points to several municipalities (the woonplaats "Beek") is ambiguous, never guessed.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz, process

from pnet.errors import PnetError
from warehouse import reference

_CODE = re.compile(r"^(?:gm)?\s*0*(\d{1,4})$")
_SUFFIX = re.compile(r"\s*\((?:nh|l|o|z|zh|gld|fr|gr|dr|ov|u|nb|fl)\.?\)\s*$", re.IGNORECASE)


@lru_cache(maxsize=1 << 16)  # the same place names come back in every text
def normalize(text: str) -> str:
    """Fold a name for comparison: no accents, lower case, punctuation as single spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"^\s*gemeente\s+", "", text)
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


@dataclass(frozen=True)
class Gemeente:
    code: str
    naam: str
    provincie: str
    inwoners: int


class GemeenteError(PnetError, LookupError):
    """A name that does not resolve to exactly one municipality; the message is Dutch."""


class GemeenteNotFound(GemeenteError):
    def __init__(self, text: str, suggestions: list[str]):
        self.text = text
        self.suggestions = suggestions
        hint = f" Bedoelt u {' of '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"Onbekende gemeente '{text}'.{hint}")


class GemeenteAmbiguous(GemeenteError):
    def __init__(self, text: str, candidates: list[Gemeente]):
        self.text = text
        self.candidates = candidates
        listed = ", ".join(f"{g.naam} ({g.code})" for g in candidates)
        super().__init__(
            f"'{text}' is niet eenduidig: het kan gaan om {listed}. Geef de gemeentenaam of -code op."
        )


class GemeenteResolver:
    """Lookup tables built once from the shipped reference data."""

    def __init__(self) -> None:
        frame = reference.gemeenten()
        self.by_code: dict[str, Gemeente] = {
            r.gemeentecode: Gemeente(r.gemeentecode, r.gemeentenaam, r.provincie, int(r.inwoners))
            for r in frame.itertuples()
        }
        self._exact: dict[str, str] = {}
        self._loose: dict[str, set[str]] = {}
        self._display: dict[str, str] = {}
        for g in self.by_code.values():
            self._add_exact(g.naam, g.code)
            base = _SUFFIX.sub("", g.naam)
            if base != g.naam:
                self._add_loose(base, g.code)
        with (resources.files("warehouse") / "data" / "gemeente_aliases.csv").open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if row["soort"] == "naam":
                    self._add_exact(row["alias"], row["gemeentecode"])
                else:
                    self._add_loose(row["alias"], row["gemeentecode"])
        for r in reference.woonplaatsen().itertuples():
            self._add_loose(r.woonplaats, r.gemeentecode)
        self._choices = list(self._display)

    def _add_exact(self, name: str, code: str) -> None:
        key = normalize(name)
        self._exact[key] = code
        self._display.setdefault(key, name)

    def _add_loose(self, name: str, code: str) -> None:
        key = normalize(name)
        self._loose.setdefault(key, set()).add(code)
        self._display.setdefault(key, name)

    def get(self, code: str) -> Gemeente:
        return self.by_code[code]

    def candidates(self, text: str) -> list[Gemeente]:
        """Every municipality `text` may mean (empty when unknown), largest first."""
        key = normalize(text or "")
        if not key:
            return []
        if m := _CODE.match(key):
            code = f"GM{int(m.group(1)):04d}"
            return [self.by_code[code]] if code in self.by_code else []
        if key in self._exact:
            return [self.by_code[self._exact[key]]]
        codes = self._loose.get(key, set())
        return sorted((self.by_code[c] for c in codes), key=lambda g: (-g.inwoners, g.code))

    def resolve(self, text: str) -> Gemeente:
        """One municipality, or `GemeenteAmbiguous` / `GemeenteNotFound` with a Dutch message."""
        found = self.candidates(text)
        if len(found) == 1:
            return found[0]
        if found:
            raise GemeenteAmbiguous(text, found)
        raise GemeenteNotFound(text, self.suggest(text))

    def suggest(self, text: str, limit: int = 3) -> list[str]:
        """Names close to `text`, for a 'bedoelt u ...?' hint."""
        key = normalize(text or "")
        if not key:
            return []
        hits = process.extract(key, self._choices, scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=75)
        names: list[str] = []
        for choice, _, _ in hits:
            name = self._display[choice]
            if name not in names:
                names.append(name)
        return names[:limit]


@lru_cache(maxsize=1)
def default_resolver() -> GemeenteResolver:
    """The shared resolver (building it reads the reference data once)."""
    return GemeenteResolver()


def resolve(text: str) -> Gemeente:
    return default_resolver().resolve(text)
