"""Themes of a text from the taxonomy keywords (`config/themas.yaml`).

A keyword counts as a whole word, or, when it is at least six letters long, as the first or last part
of a Dutch compound of at least three more letters ('buurtmoestuin' has 'moestuin', 'verkeerd' has no
'verkeer'), unless the compound names a street or place ('Schoolstraat'). Multi-word keywords count as phrases.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import NamedTuple

from spacy.attrs import LOWER
from spacy.strings import hash_string
from spacy.tokens import Doc

from pnet.themes import Theme, themes

MIN_COMPOUND_PART = 6
# a compound ending in one of these names a street or place ('Schoolstraat', 'Sportlaan'), not a theme
PLACE_ENDINGS = ("straat", "weg", "laan", "plein", "dreef", "singel", "kade", "steeg", "gracht")


class ThemeHit(NamedTuple):
    code: str
    terms: tuple[str, ...]


class ThemeMatcher:
    """Finds taxonomy themes in a Doc; the lookup per distinct word is cached, so long runs stay fast."""

    def __init__(self, taxonomy: tuple[Theme, ...] | None = None, max_themes: int = 3) -> None:
        self.max_themes = max_themes
        self._words: dict[str, set[str]] = defaultdict(set)
        self._phrases: dict[str, set[str]] = defaultdict(set)
        taxonomy = taxonomy or themes()
        self._order = {t.code: i for i, t in enumerate(taxonomy)}
        for theme in taxonomy:
            for kw in theme.keywords:
                kw = kw.lower()
                (self._phrases if " " in kw else self._words)[kw].add(theme.code)
        self._first_word = {p: hash_string(p.split()[0]) for p in self._phrases}  # as LOWER gives it
        self._long = sorted((w for w in self._words if len(w) >= MIN_COMPOUND_PART), key=len, reverse=True)
        self._rank = {kw: i for i, kw in enumerate(self._long)}
        either = "|".join(map(re.escape, self._long)) or "(?!)"
        # the longest keyword that starts / ends the word with at least three letters to spare
        self._first_part = re.compile(rf"({either})(?=.{{3}})")
        self._last_part = re.compile(rf".{{3,}}?({either})$")
        self._seen: set[int] = set()  # lower-case orths looked up before
        self._hits: dict[int, tuple[tuple[str, str], ...]] = {}  # ... and those among them with hits

    def _word_hits(self, word: str) -> tuple[tuple[str, str], ...]:
        """(theme code, keyword) pairs for one lower-cased word."""
        hits = {(c, word) for c in self._words.get(word, ())}
        if not hits and len(word) > MIN_COMPOUND_PART and not word.endswith(PLACE_ENDINGS):
            parts = [m[1] for m in (self._first_part.match(word), self._last_part.match(word)) if m]
            if parts:
                kw = min(parts, key=self._rank.__getitem__)
                hits = {(c, kw) for c in self._words[kw]}
        return tuple(sorted(hits))

    def find(self, doc: Doc, text: str | None = None) -> list[ThemeHit]:
        """Up to `max_themes` themes, most keyword hits first (ties in taxonomy order).

        `text` is the doc's text when the caller has it (rebuilding it from the doc is slow).
        """
        counts: Counter[str] = Counter()
        terms: dict[str, dict[str, None]] = defaultdict(dict)
        strings = doc.vocab.strings
        words = Counter(doc.to_array(LOWER).tolist())
        for orth in [o for o in words if o not in self._seen]:  # (not keys() - set: that walks the whole set)
            word = strings[orth]
            if word.isalpha() and (hits := self._word_hits(word)):
                self._hits[orth] = hits
            self._seen.add(orth)
        for orth in [o for o in words if o in self._hits]:
            for code, _kw in self._hits[orth]:
                counts[code] += words[orth]
                terms[code][strings[orth]] = None
        lowered = None
        for phrase, codes in self._phrases.items():
            if self._first_word[phrase] not in words:  # cheap: a phrase needs its first word as a token
                continue
            lowered = lowered or (doc.text if text is None else text).lower()
            if phrase in lowered:
                for code in codes:
                    counts[code] += lowered.count(phrase)
                    terms[code][phrase] = None
        ranked = sorted(counts, key=lambda c: (-counts[c], self._order[c]))
        return [ThemeHit(c, tuple(terms[c])) for c in ranked[: self.max_themes]]
