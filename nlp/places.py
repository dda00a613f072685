"""Which municipality a text is about: place mentions resolved to one CBS gemeentecode, or none.

A PhraseMatcher finds the 342 municipality names, their aliases, the 2,500 woonplaatsen and the
adjectives of the larger cities ('Haagse'). Each mention is resolved with the shared resolver
(`warehouse.resolver`): an official name or alias means one municipality, a woonplaats such as 'Beek'
may mean several. Place names in the page's URL ('/zwolle/', 'dorpsbelang-marsum-...') count for half.
Ambiguous mentions are settled by another mention in the same text, else by the source's own
coverage (`source_gemeenten`); what stays ambiguous counts for nothing. The municipality named most
wins; a tie gives `None` ('unknown') unless the source's coverage settles it, never a guess.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from warehouse import reference
from warehouse.resolver import GemeenteResolver, default_resolver, normalize

# Place names that are also ordinary Dutch words, first names or surname parts ('Best', 'Beek',
# 'Vries'): they count only right after a place cue such as 'in' or 'uit'.
COMMON_WORD_PLACES = frozenset(
    """
    aalst alem amen ane baard balk bant beek beets best boer born broek bunde buren dalen deest deil
    doorn dorst echt een ees elim ell elp elst enter erica erm erp esch est etten gees goes graft grave
    groet haler hall halle hank haps heel heide hem hoek hoorn horn horst joppe kats lent leur lies linde
    loon made mill neer nes oss peins putte reek ried riel rien rijs sluis spier spui stein thorn tuk
    veen vries waal well wier winde zegge zuna ie rha nieuwland valkenburg laren haren velp wijk
    """.split()
)
PLACE_CUES = frozenset(
    "in uit te bij van naar rond rondom nabij richting gemeente dorp dorpje buurtschap kern stad plaats inwoners".split()
)
# Particles that, capitalised or after a first name, make a place name part of a surname ('Van Doorn').
_SURNAME_PARTICLES = frozenset({"van", "de", "den", "der", "ter", "ten", "te"})
_NOT_A_PLACE_BEFORE = frozenset({"provincie", "station", "ziekenhuis", "universiteit", "hogeschool", "stichting"})
# Province names that are also a woonplaats ('Zeeland' in Maashorst): read as the province.
_PROVINCES = frozenset({"zeeland", "limburg", "friesland", "fryslan", "drenthe", "flevoland", "gelderland", "overijssel", "brabant"})
URL_WEIGHT = 0.5
# A city district written as one hyphenated word ('Rotterdam-Zuid', 'Amsterdam-Nieuw-West'): the place is its first part.
_DISTRICT = re.compile(
    r"(?<![\w-])([A-Z][^\W\d_]+)-(?:(?:Nieuw-)?(?:Noord|Oost|Zuid|West)(?:oost|west)?|Centrum|Midden)(?![\w-])"
)
_URL_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_URL_NOISE = frozenset({"www", "nl", "com", "org", "eu", "info", "net", "http", "https", "html", "php", "nieuws", "news"})


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Every spelling we look for: CBS names (also without their province suffix), aliases, woonplaatsen."""
    names: set[str] = set()
    for naam in reference.gemeenten()["gemeentenaam"]:
        names.add(naam)
        names.add(naam.split(" (")[0])
    with (resources.files("warehouse") / "data" / "gemeente_aliases.csv").open(encoding="utf-8") as fh:
        names.update(row["alias"] for row in csv.DictReader(fh))
    names.update(reference.woonplaatsen()["woonplaats"])
    names.update(adjectives())
    return frozenset(names | {_fold(n) for n in names})


@lru_cache(maxsize=1)
def adjectives() -> dict[str, str]:
    """City adjectives ('Haagse') -> gemeentecode, from nlp/data/plaats_bijvoeglijk.csv."""
    codes = dict(zip(reference.gemeenten()["gemeentenaam"], reference.gemeenten()["gemeentecode"]))
    with (resources.files("nlp") / "data" / "plaats_bijvoeglijk.csv").open(encoding="utf-8") as fh:
        return {row["bijvoeglijk"]: codes[row["gemeentenaam"]] for row in csv.DictReader(fh)}


@dataclass
class Mention:
    text: str
    codes: tuple[str, ...]
    weight: float = 1.0


@dataclass
class PlaceResult:
    gemeentecode: str | None
    mentions: list[str] = field(default_factory=list)  # the place mentions that chose it
    via: str = "onbekend"  # 'tekst', 'tekst+bron', 'bron' or 'onbekend'
    ambiguous: list[str] = field(default_factory=list)  # mentions that stayed ambiguous


class PlaceMatcher:
    """Finds place mentions in a Doc and resolves them to one gemeentecode."""

    def __init__(self, nlp: Language, resolver: GemeenteResolver | None = None) -> None:
        self.resolver = resolver or default_resolver()
        # Exact spelling (and all capitals): a place is written with a capital, which also keeps the
        # many common words among the woonplaatsen ('een', 'best') from matching at all.
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        spellings = sorted(place_names() | {n.upper() for n in place_names()})
        self.matcher.add("PLACE", list(nlp.tokenizer.pipe(spellings)))
        self._codes: dict[str, tuple[str, ...]] = {normalize(a): (code,) for a, code in adjectives().items()}
        self._by_spelling: dict[str, tuple[str, ...]] = {}
        self._url_names = {normalize(n) for n in place_names()} - {normalize(n) for n in COMMON_WORD_PLACES}

    def codes(self, name: str) -> tuple[str, ...]:
        """The municipalities a place name may mean (cached per spelling)."""
        found = self._by_spelling.get(name)
        if found is None:
            key = normalize(name)
            if key not in self._codes:
                self._codes[key] = tuple(g.code for g in self.resolver.candidates(name))
            found = self._by_spelling[name] = self._codes[key]
        return found

    def mentions(self, doc: Doc, text: str | None = None) -> list[Mention]:
        """Place mentions that look like places: capitalised, not a surname, common words only after a cue.

        `text` is the doc's text when the caller has it (rebuilding it from the doc is slow).
        """
        found = []
        spans = _longest((s, e) for _, s, e in self.matcher(doc))
        for start, end in spans:
            span = doc[start:end]
            prev = doc[start - 1] if start > 0 else None
            prev2 = doc[start - 2] if start > 1 else None
            if prev is not None and prev.lower_ in _NOT_A_PLACE_BEFORE:
                continue
            if prev is not None and prev.lower_ in _SURNAME_PARTICLES and (
                prev.text[:1].isupper() or (prev2 is not None and _is_name_word(doc, prev2.i))
            ):
                continue
            if span.text.lower() in COMMON_WORD_PLACES and (prev is None or prev.lower_ not in PLACE_CUES):
                continue
            if normalize(span.text) in _PROVINCES:
                continue
            codes = self.codes(span.text)
            if codes:
                found.append(Mention(span.text, codes))
        return found + self._district_mentions(doc, doc.text if text is None else text, spans)

    def _district_mentions(self, doc: Doc, text: str, spans: list[tuple[int, int]]) -> list[Mention]:
        """'Rotterdam-Zuid' as a mention of Rotterdam, unless the whole word is a place ('Hazerswoude-Dorp')."""
        if "-" not in text:
            return []
        found, matched = [], None
        for hit in _DISTRICT.finditer(text):
            if matched is None:
                matched = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for s, e in spans]
            if any(a < hit.end() and hit.start() < b for a, b in matched):
                continue
            codes = self.codes(hit[1]) if hit[1] in place_names() else ()
            if codes:
                found.append(Mention(hit[1], codes))
        return found

    def url_mentions(self, url: str | None) -> list[Mention]:
        """Place names in a URL's host and path words (one to three words joined), weighted lower."""
        if not url:
            return []
        words = [w for w in _URL_WORD.findall(url.lower()) if w not in _URL_NOISE]
        found, i = [], 0
        while i < len(words):
            for size in (3, 2, 1):
                name = " ".join(words[i : i + size])
                if len(words[i : i + size]) == size and len(name) >= 4 and name in self._url_names:
                    codes = self.codes(name)
                    if codes:
                        found.append(Mention(name, codes, URL_WEIGHT))
                        i += size - 1
                        break
            i += 1
        return found

    def resolve(
        self, doc: Doc, source_gemeenten: Sequence[str] | None = None, url: str | None = None, text: str | None = None
    ) -> PlaceResult:
        """One gemeentecode for the text, or `None` when it names none or cannot be settled."""
        coverage = set(source_gemeenten or ())
        mentions = self.mentions(doc, text) + self.url_mentions(url)
        scores: dict[str, float] = defaultdict(float)
        names: dict[str, list[str]] = defaultdict(list)
        for m in mentions:
            if len(m.codes) == 1:
                scores[m.codes[0]] += m.weight
                names[m.codes[0]].append(m.text)
        unsettled = []
        used_coverage = False
        for m in mentions:
            if len(m.codes) == 1:
                continue
            supported = [c for c in m.codes if c in scores]
            if not supported:
                supported = [c for c in m.codes if c in coverage]
                used_coverage = used_coverage or len(supported) == 1
            if len(supported) == 1:
                scores[supported[0]] += m.weight
                names[supported[0]].append(m.text)
            else:
                unsettled.append(m.text)
        if not scores:
            if len(coverage) == 1 and not unsettled:  # a named place outside the coverage: no guess
                return PlaceResult(next(iter(coverage)), [], "bron", unsettled)
            return PlaceResult(None, [], "onbekend", unsettled)
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        best = [code for code, score in ranked if score == ranked[0][1]]
        if len(best) > 1:
            in_coverage = [c for c in best if c in coverage]
            if len(in_coverage) != 1:
                return PlaceResult(None, sorted({n for c in best for n in names[c]}), "onbekend", unsettled)
            return PlaceResult(in_coverage[0], _unique(names[in_coverage[0]]), "tekst+bron", unsettled)
        return PlaceResult(best[0], _unique(names[best[0]]), "tekst+bron" if used_coverage else "tekst", unsettled)


def _is_name_word(doc: Doc, i: int) -> bool:
    """A capitalised word that is not capitalised merely because it opens a sentence."""
    token = doc[i]
    opens_sentence = i == 0 or doc[i - 1].text in {".", "!", "?", "\n", "\n\n", ":", "“", '"'} or doc[i - 1].is_space
    return token.is_alpha and token.text[:1].isupper() and not opens_sentence


def _longest(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) token spans, longest first ('Den Haag' over 'Haag'), in text order."""
    taken: set[int] = set()
    kept = []
    for start, end in sorted(spans, key=lambda se: (se[0] - se[1], se[0])):
        if taken.isdisjoint(range(start, end)):
            kept.append((start, end))
            taken.update(range(start, end))
    return sorted(kept)


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
