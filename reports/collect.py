"""Collect a round's report data from the warehouse, and cut it into per-municipality packages.

`RoundData` reads each table once. `RoundData.package(code)` builds what one municipality may
see, from rows selected for that municipality only (segregation by construction):
its candidates, its initiatives with the proposed consultants and the alternates, its own
consultants deployed elsewhere with the initiative each is matched to, and its own hours and
cost share. Contact details appear only for consultants matched to it and for its own consultants.
`RoundData.overview()` builds the coordinator's view of everything.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from textwrap import shorten
from typing import Any

import duckdb

from nlp.candidates import candidate_initiative_count
from pnet.settings import settings
from reports.naming import package_dirname
from reports.present import datum, evidence_text, match_explanation, theme_labels
from warehouse.costs import Allocation, allocate
from warehouse.resolver import Gemeente, default_resolver
from warehouse.rounds import Round, get_round

PROPOSED = "voorstel"
ALTERNATE = "alternatief"
REJECTED = "afgewezen"  # a pair the meeting rejected: shown so a municipality sees its decision was recorded
NO_THEME = "(geen thema)"
DESCRIPTION_CHARS = 300  # of a description shown where the help request is missing
TITLE_CHARS = 120  # of a post's text shown as the title of a candidate without one


@dataclass(frozen=True)
class CandidateRow:
    item_id: str
    gemeentecode: str
    title: str
    url: str
    source: str
    published: datetime | None
    score: float
    themes: tuple[str, ...]
    evidence: str
    label: str | None  # a verdict already given in this round


@dataclass(frozen=True)
class InitiativeRow:
    initiative_id: str
    host_code: str
    host_naam: str
    titel: str
    woonplaats: str
    initiatiefnemer: str
    hulpvraag: str
    themes: tuple[str, ...]
    uren_gevraagd: float
    uren_toegekend: int
    consultants: tuple[str, ...]
    herkomst: str = "aanmelding"  # or 'gevonden in de scan' for a confirmed candidate

    @property
    def tekort(self) -> float:
        return max(0.0, self.uren_gevraagd - self.uren_toegekend)


@dataclass(frozen=True)
class MatchRow:
    round_id: str
    initiative_id: str
    consultant_id: str
    soort: str  # PROPOSED | ALTERNATE | REJECTED
    rank: int | None
    initiative: str
    host_code: str
    host_naam: str
    woonplaats: str
    consultant: str
    home_code: str
    home_naam: str
    functie: str
    email: str  # empty for alternates: not matched, so no contact details
    hours: int | None
    hours_free: int | None  # an alternate's hours left after the match set
    available: str  # the consultant's availability window, e.g. 'vanaf 01-03-2027 t/m 31-12-2027'
    score: float
    why: str
    locked: bool
    besluit: str | None

    @property
    def soort_label(self) -> str:
        if self.soort == ALTERNATE:
            return f"{ALTERNATE} {self.rank}"
        return "afgewezen door het overleg" if self.soort == REJECTED else PROPOSED


@dataclass(frozen=True)
class Deployment:
    consultant_id: str
    consultant: str
    functie: str
    email: str
    host_naam: str
    initiative: str
    woonplaats: str
    themes: tuple[str, ...]
    hours: int
    locked: bool
    besluit: str | None


@dataclass(frozen=True)
class IdleConsultant:
    naam: str
    uren_beschikbaar: float
    akkoord_werkgever: bool


@dataclass(frozen=True)
class GemeenteSummary:
    gemeente: Gemeente
    initiatieven: int
    consultants: int
    kandidaten: int
    uren_gevraagd: float
    uren_beschikbaar: float
    uren_ontvangen: int
    uren_gegeven: int
    kosten: Decimal

    @property
    def saldo(self) -> int:
        return self.uren_ontvangen - self.uren_gegeven


@dataclass(frozen=True)
class UnmetNeed:
    host_naam: str
    thema: str
    initiatieven: int
    uren: float


@dataclass(frozen=True)
class SourceStat:
    source: str
    scans: int
    items: int
    errors: int
    laatste_scan: datetime | None


@dataclass(frozen=True)
class ScanStats:
    sources: list[SourceStat]
    items: int
    candidates: int  # candidate initiatives: the items about one initiative (one cluster) count once
    candidates_round: int  # those on this round's candidate lists
    relevant: int
    niet_relevant: int
    relevant_round: int
    niet_relevant_round: int

    @staticmethod
    def _precision(yes: int, no: int) -> float | None:
        return yes / (yes + no) if yes + no else None

    @property
    def precision(self) -> float | None:
        return self._precision(self.relevant, self.niet_relevant)

    @property
    def precision_round(self) -> float | None:
        return self._precision(self.relevant_round, self.niet_relevant_round)


@dataclass(frozen=True)
class MatchRun:
    status: str
    solved_at: datetime
    objective: float | None
    bound: float | None
    gap: float | None
    fairness: bool


@dataclass
class GemeentePackage:
    round: Round
    gemeente: Gemeente
    summary: GemeenteSummary
    rate_per_inhabitant: Decimal
    budget: Decimal
    match_run: MatchRun | None
    candidates: list[CandidateRow]
    initiatives: list[InitiativeRow]
    matches: list[MatchRow]
    deployments: list[Deployment]
    idle: list[IdleConsultant] = field(default_factory=list)  # own consultants the match set does not deploy
    candidates_since: date | None = None  # the candidate list holds items from this day on
    generated_at: datetime = field(default_factory=datetime.now)

    @property
    def dirname(self) -> str:
        return package_dirname(self.gemeente.code, self.gemeente.naam)


@dataclass
class Overview:
    round: Round
    summaries: list[GemeenteSummary]
    allocation: Allocation
    match_run: MatchRun | None
    initiatives: list[InitiativeRow]
    matches: list[MatchRow]
    unmet: list[UnmetNeed]
    scan: ScanStats
    generated_at: datetime = field(default_factory=datetime.now)

    @property
    def unmet_per_theme(self) -> list[UnmetNeed]:
        totals: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
        for u in self.unmet:
            totals[u.thema][0] += u.initiatieven
            totals[u.thema][1] += u.uren
        return sorted(
            (UnmetNeed("", t, int(n), h) for t, (n, h) in totals.items()), key=lambda u: (-u.uren, u.thema)
        )


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    cur = con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


class RoundData:
    """Everything the reports of one round need, read once from the warehouse."""

    def __init__(self, con: duckdb.DuckDBPyConnection, round_id: str, budget: float | None = None):
        self.round = get_round(con, round_id)
        self.codes = [g.code for g in self.round.gemeenten]
        budget = settings()["costs"]["budget"] if budget is None else budget
        self.allocation = allocate(self.round.gemeenten, budget)
        resolver = default_resolver()
        self._names = {code: g.naam for code, g in resolver.by_code.items()}
        p = [round_id]
        rows = _rows(con, "SELECT * FROM all_initiatives WHERE round_id = ? ORDER BY prioriteit, titel, initiative_id", p)
        # by municipality name as the reader sees it, then priority (1 hoog first) and title
        self.initiatives = {r["initiative_id"]: r for r in sorted(rows, key=lambda r: self.naam(r["gemeentecode"]))}
        self.consultants = {r["consultant_id"]: r for r in _rows(con, "SELECT * FROM consultants WHERE round_id = ?", p)}
        self.match_set = _rows(con, "SELECT * FROM match_set WHERE round_id = ? ORDER BY initiative_id, hours DESC, consultant_id", p)
        self.alternates = _rows(con, "SELECT * FROM match_alternates WHERE round_id = ? ORDER BY initiative_id, rank", p)
        self.rejected = _rows(con, "SELECT d.initiative_id, d.consultant_id, coalesce(s.score, 0) AS score "
                                   "FROM match_decisions d LEFT JOIN match_scores s USING (round_id, initiative_id, consultant_id) "
                                   "WHERE d.round_id = ? AND d.decision = 'afgewezen' ORDER BY ALL", p)
        self.decisions = {
            (r["initiative_id"], r["consultant_id"]): r["decision"]
            for r in _rows(con, "SELECT initiative_id, consultant_id, decision FROM match_decisions WHERE round_id = ?", p)
        }
        run = _rows(con, "SELECT status, solved_at, objective, bound, gap, fairness FROM match_runs WHERE round_id = ?", p)
        self.match_run = MatchRun(**run[0]) if run else None
        window = int(settings()["reports"].get("candidate_window_days", 365))
        self.candidates_since = self.round.open_date - timedelta(days=window)
        self.candidates = [self._candidate(r) for r in _rows(con, _CANDIDATES_SQL, [round_id, self.codes, self.candidates_since])]
        self.scan = _scan_stats(con, round_id, len(self.candidates))
        self._proposed = self._match_rows()

    # -- naming -----------------------------------------------------------------------------
    def naam(self, code: str) -> str:
        return self._names.get(code, code)

    # -- rows ---------------------------------------------------------------------------------
    def _candidate(self, r: dict[str, Any]) -> CandidateRow:
        return CandidateRow(
            item_id=r["item_id"],
            gemeentecode=r["gemeentecode"],
            # a post has no title: its first words instead
            title=r["title"] or shorten(" ".join((r["excerpt"] or "").split()), TITLE_CHARS, placeholder=" …") or "(zonder titel)",
            url=r["url"] or "",
            source=r["source"] or "",
            published=r["published"],
            score=float(r["score"]),
            themes=tuple(theme_labels(r["themes"])),
            evidence=evidence_text(r["evidence"]),
            label=r["label"],
        )

    def _match_row(self, m: dict[str, Any], soort: str, rank: int | None, components: Any) -> MatchRow:
        ini = self.initiatives.get(m["initiative_id"], {})
        con_ = self.consultants.get(m["consultant_id"], {})
        shared = [t for t in ini.get("themas") or () if t in set(con_.get("themas") or ())]
        return MatchRow(
            round_id=self.round.round_id,
            initiative_id=m["initiative_id"],
            consultant_id=m["consultant_id"],
            soort=soort,
            rank=rank,
            initiative=ini.get("titel", m["initiative_id"]),
            host_code=ini.get("gemeentecode", ""),
            host_naam=self.naam(ini.get("gemeentecode", "")),
            woonplaats=ini.get("woonplaats") or "",
            consultant=con_.get("naam", m["consultant_id"]),
            home_code=con_.get("gemeentecode", ""),
            home_naam=self.naam(con_.get("gemeentecode", "")),
            functie=con_.get("functie") or "",
            email=(con_.get("email") or "") if soort == PROPOSED else "",
            hours=m.get("hours"),
            hours_free=None if m.get("hours_free") is None else int(m["hours_free"]),
            available=_window(con_.get("beschikbaar_vanaf"), con_.get("beschikbaar_tot")),
            score=float(m["score"]),
            why=match_explanation(components, shared),
            locked=bool(m.get("locked")),
            besluit=self.decisions.get((m["initiative_id"], m["consultant_id"])),
        )

    def _match_rows(self) -> list[MatchRow]:
        """Proposed matches, alternates and the pairs the meeting rejected, grouped per initiative (proposals first)."""
        rows = [self._match_row(m, PROPOSED, None, m.get("components")) for m in self.match_set]
        rows += [self._match_row(a, ALTERNATE, a["rank"], None) for a in self.alternates]
        shown = {(r.initiative_id, r.consultant_id) for r in rows}
        rows += [self._match_row(r, REJECTED, None, None) for r in self.rejected
                 if (r["initiative_id"], r["consultant_id"]) not in shown and r["initiative_id"] in self.initiatives]
        order = {iid: n for n, iid in enumerate(self.initiatives)}
        kinds = {PROPOSED: 0, ALTERNATE: 1, REJECTED: 2}
        return sorted(rows, key=lambda r: (order.get(r.initiative_id, len(order)), kinds[r.soort], r.rank or 0))

    def _initiative_rows(self, host: str | None = None) -> list[InitiativeRow]:
        given: dict[str, int] = defaultdict(int)
        names: dict[str, list[str]] = defaultdict(list)
        for m in self._proposed:
            if m.soort == PROPOSED:
                given[m.initiative_id] += m.hours or 0
                names[m.initiative_id].append(m.consultant)
        return [
            InitiativeRow(
                initiative_id=iid,
                host_code=r["gemeentecode"],
                host_naam=self.naam(r["gemeentecode"]),
                titel=r["titel"],
                woonplaats=r["woonplaats"] or "",
                initiatiefnemer=r["initiatiefnemer"] or "",
                # without a help request, the start of the description (a news text for a confirmed candidate)
                hulpvraag=r["hulpvraag"] or shorten(r["omschrijving"] or "", DESCRIPTION_CHARS, placeholder=" …"),
                themes=tuple(theme_labels(r["themas"])),
                uren_gevraagd=float(r["uren_gevraagd"]),
                uren_toegekend=given[iid],
                consultants=tuple(names[iid]),
                herkomst="gevonden in de scan" if r["origin"] == "candidate" else "aanmelding",
            )
            for iid, r in self.initiatives.items()
            if host is None or r["gemeentecode"] == host
        ]

    def _summary(self, g: Gemeente) -> GemeenteSummary:
        proposed = [m for m in self._proposed if m.soort == PROPOSED]
        share = next(s.bedrag for s in self.allocation.shares if s.gemeente.code == g.code)
        return GemeenteSummary(
            gemeente=g,
            initiatieven=sum(1 for r in self.initiatives.values() if r["gemeentecode"] == g.code),
            consultants=sum(1 for r in self.consultants.values() if r["gemeentecode"] == g.code),
            kandidaten=sum(1 for c in self.candidates if c.gemeentecode == g.code),
            uren_gevraagd=sum(float(r["uren_gevraagd"]) for r in self.initiatives.values() if r["gemeentecode"] == g.code),
            uren_beschikbaar=sum(
                float(r["uren_beschikbaar"]) for r in self.consultants.values()
                if r["gemeentecode"] == g.code and r["akkoord_werkgever"]
            ),
            uren_ontvangen=sum(m.hours or 0 for m in proposed if m.host_code == g.code),
            uren_gegeven=sum(m.hours or 0 for m in proposed if m.home_code == g.code),
            kosten=share,
        )

    # -- products -----------------------------------------------------------------------------
    def package(self, code: str) -> GemeentePackage:
        """What municipality `code` receives: only rows that concern it."""
        gemeente = next(g for g in self.round.gemeenten if g.code == code)
        deployments = [
            Deployment(
                consultant_id=m.consultant_id,
                consultant=m.consultant,
                functie=self.consultants[m.consultant_id].get("functie") or "",
                email=self.consultants[m.consultant_id]["email"],
                host_naam=m.host_naam,
                initiative=m.initiative,
                woonplaats=m.woonplaats,
                themes=tuple(theme_labels(self.initiatives.get(m.initiative_id, {}).get("themas") or ())),
                hours=m.hours or 0,
                locked=m.locked,
                besluit=m.besluit,
            )
            for m in self._proposed
            if m.soort == PROPOSED and m.home_code == code and m.consultant_id in self.consultants
        ]
        return GemeentePackage(
            round=self.round,
            gemeente=gemeente,
            summary=self._summary(gemeente),
            rate_per_inhabitant=self.allocation.rate_per_inhabitant,
            budget=self.allocation.budget,
            match_run=self.match_run,
            candidates=[c for c in self.candidates if c.gemeentecode == code],
            initiatives=self._initiative_rows(code),
            matches=[m for m in self._proposed if m.host_code == code],
            deployments=deployments,
            idle=[
                IdleConsultant(c["naam"], float(c["uren_beschikbaar"]), bool(c["akkoord_werkgever"]))
                for cid, c in sorted(self.consultants.items(), key=lambda kv: kv[1]["naam"])
                if c["gemeentecode"] == code and cid not in {d.consultant_id for d in deployments}
            ],
            candidates_since=self.candidates_since,
        )

    def packages(self) -> list[GemeentePackage]:
        return [self.package(code) for code in self.codes]

    def overview(self) -> Overview:
        initiatives = self._initiative_rows()
        unmet: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0, 0.0])
        for ini in initiatives:
            if ini.tekort <= 0:
                continue
            themes = ini.themes or (NO_THEME,)
            for thema in themes:
                unmet[(ini.host_naam, thema)][0] += 1
                unmet[(ini.host_naam, thema)][1] += ini.tekort / len(themes)
        return Overview(
            round=self.round,
            summaries=[self._summary(g) for g in sorted(self.round.gemeenten, key=lambda g: g.naam)],
            allocation=self.allocation,
            match_run=self.match_run,
            initiatives=initiatives,
            matches=self._proposed,
            unmet=sorted(
                (UnmetNeed(h, t, int(n), u) for (h, t), (n, u) in unmet.items()), key=lambda u: (u.host_naam, -u.uren, u.thema)
            ),
            scan=self.scan,
        )


def _window(start: date | None, end: date | None) -> str:
    """'vanaf 01-03-2027 t/m 31-12-2027', either half, or '' when the registration gave no dates."""
    return " ".join(part for part in (f"vanaf {datum(start)}" if start else "", f"t/m {datum(end)}" if end else "") if part)


# Confirmed-initiative candidates of the round's municipalities that have no verdict yet from an
# earlier round and were published (else found) since the window's start; a verdict given in this
# round is shown (so a regenerated file keeps it). Copies of
# one story on several sites (one near-duplicate cluster) are listed once per municipality: the
# copy with a verdict, else the highest score.
_CANDIDATES_SQL = """
SELECT c.item_id, c.gemeentecode, c.score, c.themes, c.evidence,
       m.title, left(m.text, 400) AS excerpt, m.url, m.source, m.published, f.label
FROM candidates c
JOIN media_items m USING (item_id)
LEFT JOIN candidate_feedback f ON f.item_id = c.item_id AND f.gemeentecode = c.gemeentecode
WHERE c.is_initiative
  AND (f.item_id IS NULL OR f.round_id = ?)
  AND list_contains(?, c.gemeentecode)
  AND coalesce(m.published, m.fetched_at) >= ?
QUALIFY row_number() OVER (
    PARTITION BY c.gemeentecode, coalesce(m.cluster_id, c.item_id)
    ORDER BY f.label IS NOT NULL DESC, c.score DESC, m.published DESC NULLS LAST, c.item_id
) = 1
ORDER BY c.gemeentecode, c.score DESC, m.published DESC NULLS LAST, c.item_id
"""


def _scan_stats(con: duckdb.DuckDBPyConnection, round_id: str, listed: int) -> ScanStats:
    """Sources, items and feedback; `listed` is the number of candidates on this round's lists."""
    sources = [
        SourceStat(**r)
        for r in _rows(
            con,
            """
            WITH s AS (SELECT source, count(*) AS scans, sum(errors) AS errors,
                              max(coalesce(finished_at, started_at)) AS laatste_scan
                       FROM scan_sources GROUP BY source),
                 m AS (SELECT source, count(*) AS items FROM media_items GROUP BY source)
            SELECT coalesce(s.source, m.source) AS source, coalesce(s.scans, 0) AS scans,
                   coalesce(m.items, 0) AS items, coalesce(s.errors, 0)::INTEGER AS errors, s.laatste_scan
            FROM s FULL OUTER JOIN m ON s.source = m.source
            ORDER BY items DESC, source
            """,
        )
    ]
    counts = _rows(
        con,
        """
        SELECT (SELECT count(*) FROM media_items) AS items,
               (SELECT count(*) FROM candidate_feedback WHERE label = 'relevant') AS relevant,
               (SELECT count(*) FROM candidate_feedback WHERE label = 'niet relevant') AS niet_relevant,
               (SELECT count(*) FROM candidate_feedback WHERE label = 'relevant' AND round_id = ?) AS relevant_round,
               (SELECT count(*) FROM candidate_feedback WHERE label = 'niet relevant' AND round_id = ?) AS niet_relevant_round
        """,
        [round_id, round_id],
    )[0]
    return ScanStats(sources=sources, candidates=candidate_initiative_count(con), candidates_round=listed, **counts)
